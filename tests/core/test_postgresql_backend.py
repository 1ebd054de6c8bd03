"""The PostgreSQL backend's health check: no round trip while the connection is well, Django's
own `SELECT 1` when the server has said something or a transaction is open."""

import psycopg
import pytest
from django.db import connection
from django.db.backends.postgresql import base as django_postgresql

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of make test"),
    pytest.mark.django_db(transaction=True),  # idle between requests, as in production (no test transaction)
]


@pytest.fixture
def server_checks(monkeypatch):
    """Each time Django's own check (`SELECT 1`) runs."""
    asked: list[bool] = []
    real = django_postgresql.DatabaseWrapper.is_usable

    def asking(self):
        asked.append(True)
        return real(self)

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "is_usable", asking)
    return asked


def _end_from_the_server(backend_pid: int) -> None:
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s, 5000)", [backend_pid])  # returns once it has ended


def test_an_idle_connection_is_usable_without_asking_the_server(server_checks):
    connection.ensure_connection()
    assert connection.is_usable() is True
    assert server_checks == []


def test_a_connection_the_server_ended_is_found_unusable(server_checks):
    connection.ensure_connection()
    ended = connection.connection.info.backend_pid
    _end_from_the_server(ended)
    try:
        assert connection.is_usable() is False  # so Django closes it and the request connects anew
        assert server_checks  # the goodbye waiting on the socket made it ask the server
    finally:
        connection.close()
    connection.ensure_connection()
    assert connection.connection.info.backend_pid != ended


def test_a_connection_inside_a_transaction_is_checked_by_the_server(server_checks):
    with connection.cursor() as cursor:
        cursor.execute("BEGIN")
        try:
            assert connection.is_usable() is True
        finally:
            cursor.execute("ROLLBACK")
    assert server_checks == [True]
