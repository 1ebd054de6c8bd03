"""The provider's tracking webhook (Mailgun through django-anymail): a verified bounce or
complaint suppresses the address everywhere; a forged one is refused with 400 and changes nothing."""

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from anymail.signals import AnymailTrackingEvent, EventType, tracking
from django.core import mail
from django.test import Client

from omshub.core.models import EmailSuppression, OutboxEmail
from omshub.core.outbox import outbox_email_write
from omshub.newsletter.models import Delivery, Issue, Subscriber
from tests.newsletter.helpers import send_outbox, subscriber

pytestmark = pytest.mark.django_db
URL = "/email/events/mailgun/tracking/"
SIGNING_KEY = "test-signing-key"
BASIC = ("anymail", "webhook-password")


@pytest.fixture
def mailgun(settings):
    settings.ANYMAIL = {
        "MAILGUN_API_KEY": "test-api-key",
        "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY,
        "WEBHOOK_SECRET": ":".join(BASIC),
    }
    return settings


def _event(event: str, recipient: str, *, key: str = SIGNING_KEY, extra: dict[str, Any] | None = None) -> str:
    timestamp, token = str(int(time.time())), "a" * 50
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    event_data = {"event": event, "recipient": recipient, "timestamp": time.time(), **(extra or {})}
    return json.dumps(
        {"signature": {"timestamp": timestamp, "token": token, "signature": signature}, "event-data": event_data}
    )


def _post(body: str, auth: tuple[str, str] | None = BASIC) -> Any:
    headers = {"Authorization": "Basic " + base64.b64encode(":".join(auth).encode()).decode()} if auth else {}
    return Client(enforce_csrf_checks=True).post(URL, body, content_type="application/json", headers=headers)


def _delivery(email: str) -> Delivery:
    person = subscriber(email)
    issue = Issue.objects.create(subject="News", body="<p>News</p>", status=Issue.Status.SENT)
    return Delivery.objects.create(issue=issue, subscriber=person, email=email, state=Delivery.State.SENT)


def test_a_signed_bounce_suppresses_the_address_and_marks_the_delivery(db, mailgun):
    delivery = _delivery("gone@example.com")
    body = _event(
        "failed",
        "Gone@Example.com",
        extra={
            "severity": "permanent",
            "reason": "bounce",
            "user-variables": {"newsletter_delivery": str(delivery.pk)},
            "delivery-status": {"description": "No such mailbox", "message": "550 5.1.1"},
        },
    )
    assert _post(body).status_code == 200
    (row,) = EmailSuppression.objects.all()
    assert (row.email, row.reason) == ("gone@example.com", "bounced")
    assert "No such mailbox" in row.detail
    delivery.refresh_from_db()
    assert delivery.state == "bounced"
    assert _post(body).status_code == 200  # the provider retries: still one row
    assert EmailSuppression.objects.count() == 1


def test_a_temporary_failure_suppresses_nothing(db, mailgun):
    assert _post(_event("failed", "full@example.com", extra={"severity": "temporary"})).status_code == 200
    assert not EmailSuppression.objects.exists()


def test_a_complaint_ends_the_newsletter_for_that_person(db, mailgun):
    delivery = _delivery("angry@example.com")
    variables = {"user-variables": {"newsletter_delivery": str(delivery.pk)}}
    body = _event("complained", "angry@example.com", extra=variables)
    assert _post(body).status_code == 200
    assert EmailSuppression.objects.get().reason == "complained"
    person = Subscriber.objects.get()
    assert person.status == "unsubscribed" and person.unsubscribed_how == "complaint to Mailgun"
    delivery.refresh_from_db()
    assert delivery.state == "complained"


@pytest.mark.parametrize(
    "body_key,auth",
    [
        ("wrong-key", BASIC),  # a signature made without the signing key
        (SIGNING_KEY, ("anymail", "guessed")),  # the right signature, the wrong password
        (SIGNING_KEY, None),  # no basic auth at all
    ],
)
def test_a_forged_webhook_is_refused_and_changes_nothing(db, mailgun, body_key, auth):
    delivery = _delivery("victim@example.com")
    body = _event("failed", "victim@example.com", key=body_key, extra={"severity": "permanent"})
    assert _post(body, auth=auth).status_code == 400
    assert not EmailSuppression.objects.exists()
    delivery.refresh_from_db()
    assert delivery.state == "sent" and Subscriber.objects.get().status == "subscribed"


def test_without_a_provider_the_webhook_is_not_there(db, settings):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": ""}
    assert _post(_event("failed", "x@example.com", extra={"severity": "permanent"})).status_code == 404


def test_anymails_tracking_signal_from_any_provider_suppresses(db):
    event = AnymailTrackingEvent(event_type=EventType.BOUNCED, recipient="old@example.com", description="gone")
    tracking.send(sender=object, event=event, esp_name="Postmark")
    assert EmailSuppression.objects.get().email == "old@example.com"


def test_the_outbox_skips_suppressed_addresses_and_records_why(demo):
    """A hard bounce stops everything (kept, not sent); a complaint stops optional mail only."""
    EmailSuppression.objects.create(email="bounced@example.com", reason="bounced")
    EmailSuppression.objects.create(email="spam@example.com", reason="complained")
    outbox_email_write(
        key="t1",
        kind="newsletter.confirm",
        to="Bounced@example.com",
        language="en",
        data={"subscriber": subscriber("bounced@example.com", status="pending").pk},
    )
    outbox_email_write(
        key="t2",
        kind="newsletter.confirm",  # optional: anyone can type an address into the form
        to="spam@example.com",
        language="en",
        data={"subscriber": subscriber("spam@example.com", status="pending").pk},
    )
    outbox_email_write(
        key="t3",
        kind="giving.checkout_ceiling",  # not optional: mail the site owes this address
        to="spam@example.com",
        language="en",
        data={"limit": 20, "window_start": 0, "turnstile": False},
    )
    send_outbox()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["spam@example.com"], "Donation form: more than 20 new checkouts in one minute")
    ]
    complained = OutboxEmail.objects.get(key="t2")
    assert complained.status == "suppressed" and "complained" in complained.last_error
    skipped = OutboxEmail.objects.get(key="t1")
    assert skipped.status == "suppressed" and "bounced" in skipped.last_error
