"""Where the time of the journal's slow pages goes: the five-year dashboard ("all") and the visit report.

Not part of `make bench`: a tool to find costs, run alone with
`python bench/journal_profile.py [DATABASE_URL] [--requests N] [--profile dashboard|report] [--top N]`.
Prints, per page, wall-clock and this process's CPU time (time.process_time: what the code costs,
whatever else the machine runs), each SQL query's time (connection.execute_wrapper), on PostgreSQL
the plan of the weekly GROUP BY, and a cProfile of the page timed in process time.
"""

import argparse
import cProfile
import datetime
import io
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.inprocess import django_ready


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1], 1) if len(values) > 1 else round(values[0], 1)


class QueryClock:
    """Each query's SQL (its first words) and its time, through connection.execute_wrapper."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []

    def __call__(self, execute: Callable, sql: str, params, many: bool, context) -> object:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.times.append((sql, (time.perf_counter() - start) * 1000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", nargs="?")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--profile", choices=["dashboard", "report", "none"], default="dashboard")
    parser.add_argument("--top", type=int, default=35)
    options = parser.parse_args()
    sys.argv[1:] = [options.database] if options.database else []
    django_ready("journalprofile")
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from omshub.journal import selectors
    from omshub.journal.demo import demo_child_load

    user = get_user_model().objects.create_user("bench", "bench@example.org", "bench passphrase 42")
    child = demo_child_load(user, name="Five years", days=1826, treatment_changes=300, events=100)
    client = Client()
    client.force_login(user)
    today = timezone.localdate()
    year = today - datetime.timedelta(days=364)
    sections = "&".join(f"sections={s}" for s in ("chart", "observations", "treatments", "events", "scores", "notes"))
    pages = {
        "dashboard all": f"/journal/children/{child.pk}/?range=all",
        "report 1 year pdf": (
            f"/journal/children/{child.pk}/report/?date_from={year}&date_to={today}&{sections}&format=pdf"
        ),
    }
    for label, path in pages.items():
        count = options.requests if label.startswith("dashboard") else max(3, options.requests // 10)
        assert client.get(path).status_code == 200
        walls, cpus = [], []
        for _ in range(count):
            wall, cpu = time.perf_counter(), time.process_time()
            client.get(path)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
        clock = QueryClock()
        with connection.execute_wrapper(clock):
            response = client.get(path)
        print(f"\n== {label}: {count} requests, {len(response.content) / 1024:.1f} KB")
        wall_text, cpu_text = (
            f"{statistics.median(walls):.1f} p95 {_p95(walls)}",
            f"{statistics.median(cpus):.1f} p95 {_p95(cpus)}",
        )
        print(f"wall p50 {wall_text} ms; CPU p50 {cpu_text} ms")
        print(f"{len(clock.times)} queries, {sum(t for _s, t in clock.times):.1f} ms in SQL:")
        for sql, ms in clock.times:
            print(f"  {ms:7.2f} ms  {' '.join(sql.split())[:150]}")
    if connection.vendor == "postgresql":
        weeks = selectors.weeks_of  # the query itself, EXPLAINed
        first = selectors.first_record_day(child)
        assert first is not None
        queryset_sql = None

        def capture(execute, sql, params, many, context):
            nonlocal queryset_sql
            if "GROUP BY" in sql and queryset_sql is None:
                queryset_sql = (sql, params)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(capture):
            weeks(child, first, today)
        assert queryset_sql is not None
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + queryset_sql[0], queryset_sql[1])
            print("\n== EXPLAIN ANALYZE of the weekly GROUP BY")
            for (line,) in cursor.fetchall():
                print("  " + line)
    if options.profile != "none":
        path = pages["dashboard all" if options.profile == "dashboard" else "report 1 year pdf"]
        profiler = cProfile.Profile(time.process_time)
        runs = options.requests if options.profile == "dashboard" else 3
        profiler.enable()
        for _ in range(runs):
            client.get(path)
        profiler.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(options.top)
            print(f"\n== cProfile ({runs} requests, process time), by {order}")
            print("\n".join(out.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
