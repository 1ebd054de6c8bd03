"""Running jobs truly at once, for the race tests on PostgreSQL: every thread waits at one
barrier, then runs its job on its own database connection, closed when the job ends."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def all_at_once[T](work: list[Callable[[], T]]) -> list[T]:
    barrier = threading.Barrier(len(work))

    def run(job: Callable[[], T]) -> T:
        try:
            barrier.wait()
            return job()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(work)) as pool:
        return list(pool.map(run, work))
