from unittest import mock

from django.db import DatabaseError


def test_healthz_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_readyz_checks_the_database(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_readyz_says_503_when_the_database_is_down(client, db):
    with mock.patch("omshub.core.health.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503


def test_robots_and_favicon(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301
    assert favicon["Location"].endswith("favicon.svg")


def test_probes_may_use_head(client, db):
    assert client.head("/healthz").status_code == 200
    assert client.head("/readyz").status_code == 200
