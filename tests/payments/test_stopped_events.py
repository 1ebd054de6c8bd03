"""An event that keeps failing stops after MAX_ATTEMPTS tries and waits for staff, who see it in
the Wagtail admin and try it again once the cause is fixed."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from omshub.giving.models import Donation
from omshub.payments import events
from omshub.payments.models import WebhookEvent
from tests.factories import staff_ready
from tests.giving.fixtures import give

pytestmark = pytest.mark.django_db


def _fail_until_stopped(event: WebhookEvent) -> None:
    assert event.attempts == 1  # the run the webhook queued tried once
    for attempt in range(2, events.MAX_ATTEMPTS + 1):
        WebhookEvent.objects.filter(pk=event.pk).update(due_at=timezone.now())  # its back-off is over
        assert events.apply_due() == 1
        event.refresh_from_db()
        assert event.attempts == attempt
        expected = WebhookEvent.Status.STOPPED if attempt == events.MAX_ATTEMPTS else WebhookEvent.Status.FAILED
        assert event.status == expected


@pytest.fixture
def stopped(campaign, fake_stripe, webhooks) -> tuple[WebhookEvent, Donation, dict]:
    """A completion Stripe cannot answer for (the session is gone at the fake), tried to the end."""
    donation = give(campaign)
    session = fake_stripe.sessions.pop(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id, event_id="evt_stuck")
    event = WebhookEvent.objects.get(event_id="evt_stuck")
    _fail_until_stopped(event)
    return event, donation, session


def test_a_failing_event_stops_after_max_attempts_and_is_not_taken_again(stopped, caplog):
    event, donation, _ = stopped
    assert event.due_at is None and "No such checkout.session" in event.last_error
    logged = [r for r in caplog.get_records("setup") if r.levelname == "ERROR" and "evt_stuck" in r.getMessage()]
    assert len(logged) == 1 and "stopped after 12 attempts" in logged[0].getMessage()  # the error monitoring sees it
    WebhookEvent.objects.filter(pk=event.pk).update(due_at=timezone.now() - timedelta(days=3))
    assert events.apply_due() == 0  # even past any date, no worker takes a stopped event again
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING


def test_staff_see_a_stopped_event_and_try_it_again_once_the_cause_is_fixed(
    stopped, fake_stripe, admin_user, django_capture_on_commit_callbacks
):
    event, donation, session = stopped
    staff = Client()
    staff.force_login(admin_user)
    home = staff.get("/admin/").content.decode()
    assert "Payment events that need you" in home and f"/admin/payments/events/inspect/{event.pk}/" in home
    listing = staff.get("/admin/payments/events/", {"status": "stopped"}).content.decode()
    assert "evt_stuck" in listing
    detail = staff.get(f"/admin/payments/events/inspect/{event.pk}/").content.decode()
    assert "No such checkout.session" in detail and "Try again" in detail

    fake_stripe.sessions[donation.checkout_id] = session  # the cause is fixed: Stripe answers again
    fake_stripe.complete(donation.checkout_id)
    with django_capture_on_commit_callbacks(execute=True):  # the run it queues, at once with the tests' tasks
        answer = staff.post(f"/admin/payments/events/{event.pk}/retry/")
    assert answer.status_code == 302
    event.refresh_from_db()
    donation.refresh_from_db()
    assert (event.status, event.attempts, event.last_error, donation.status) == ("processed", 0, "", "succeeded")
    assert "Payment events that need you" not in staff.get("/admin/").content.decode()
    again = staff.post(f"/admin/payments/events/{event.pk}/retry/", follow=True)
    assert "not stopped" in again.content.decode()


def test_staff_without_the_permission_neither_see_nor_retry_stopped_events(stopped, django_user_model):
    event, _, _ = stopped
    editors = Group.objects.create(name="Only the admin")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("editor", "editor@example.com", "pw")
    user.groups.add(editors)
    staff_ready(user)  # two-factor, as the admin asks of everyone who opens it
    client = Client()
    client.force_login(user)
    assert "Payment events that need you" not in client.get("/admin/").content.decode()
    refused = client.post(f"/admin/payments/events/{event.pk}/retry/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's answer to PermissionDenied
    assert client.get("/admin/payments/events/")["Location"] == "/admin/"
    event.refresh_from_db()
    assert event.status == WebhookEvent.Status.STOPPED
