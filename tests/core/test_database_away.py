"""When the database cannot be reached, visitors get a 503 "back in a moment" page in their
language with Retry-After, and Stripe's webhook a 5xx so that Stripe sends the event again."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.payments.events import payload, signature

pytestmark = pytest.mark.django_db


def _database_away(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def _bug(execute, sql, params, many, context):
    raise ValueError("a bug, not an outage")


@pytest.mark.parametrize(
    ("path", "language", "heading"), [("/", "en", "Back in a moment"), ("/es/", "es", "Volvemos enseguida")]
)
def test_a_page_says_503_in_the_visitors_language_without_a_stack(demo, path, language, heading) -> None:
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_database_away):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert "Traceback" not in html and "OperationalError" not in html and "5432" not in html


def test_other_errors_stay_500(demo) -> None:
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_bug):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_the_webhook_answers_5xx_so_that_stripe_retries(fake_stripe) -> None:
    body = payload("checkout.session.completed", "cs_test_away", event_id="evt_away")
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_database_away):
        response = client.post(
            "/payments/stripe/webhook/",
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature(body),
        )
    assert response.status_code >= 500
