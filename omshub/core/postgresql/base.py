"""Django's PostgreSQL backend, with a connection health check that costs no round trip while
nothing is wrong.

With CONN_HEALTH_CHECKS Django asks the server `SELECT 1` before a request reuses a connection:
one of the four round trips of an uncached page. A server that ends a connection (a restart,
`pg_terminate_backend`, a crash) says so: it sends its reason and closes the socket, so the idle
connection has something to read. So look first, without waiting; only a connection with
something to read, not idle, or already known broken gets Django's own check. A database that
went away still costs one request nothing more than a reconnect, as before (the drill's faults).
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE:
            return bool(super().is_usable())
        try:
            readable, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # the socket is gone
            return False
        return not readable or bool(super().is_usable())
