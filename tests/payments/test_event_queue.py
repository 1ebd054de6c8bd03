"""The webhook stores and answers; one background run applies the waiting events in batches."""

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.db import connection
from django.tasks import task_backends
from django.tasks.backends.dummy import DummyBackend
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from omshub.core.models import OutboxEmail
from omshub.giving.models import Donation, DonationAudit
from omshub.payments import events
from omshub.payments.models import WebhookEvent
from omshub.payments.provider import Event
from tests.giving.fixtures import give
from tests.payments.events import payload, signature

pytestmark = pytest.mark.django_db
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "payments"]}}


def paid_gifts(campaign, fake_stripe, count: int) -> list[Donation]:
    gifts = [give(campaign, email=f"donor{n}@example.com", ip=f"10.0.{n}.{count}") for n in range(count)]
    for donation in gifts:
        fake_stripe.complete(donation.checkout_id)
    return gifts


def stored(stripe_provider, gifts: list[Donation]) -> None:
    """Events accepted by the webhook, their background run not started."""
    with TestCase.captureOnCommitCallbacks(execute=False):
        for donation in gifts:
            body = payload("checkout.session.completed", str(donation.checkout_id))
            event = stripe_provider.parse_webhook(body, {"stripe-signature": signature(body)})
            assert events.accept(stripe_provider, event) == events.Outcome.QUEUED


def test_many_events_queue_one_run_which_applies_them_all(campaign, fake_stripe, webhooks, settings):
    settings.TASKS = DUMMY
    gifts = paid_gifts(campaign, fake_stripe, 5)
    for donation in gifts:
        assert webhooks.send("checkout.session.completed", donation.checkout_id).content == b"queued"
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    queued = [r for r in backend.results if r.task.name == "apply_waiting"]
    assert len(queued) == 1  # one run for all five, not one each
    assert set(WebhookEvent.objects.values_list("status", flat=True)) == {"received"}

    assert events.apply_waiting.call() == 5
    assert set(Donation.objects.filter(pk__in=[d.pk for d in gifts]).values_list("status", flat=True)) == {"succeeded"}
    assert OutboxEmail.objects.filter(kind="giving.receipt").count() == 5
    assert set(WebhookEvent.objects.values_list("status", flat=True)) == {"processed"}

    later = paid_gifts(campaign, fake_stripe, 1)[0]
    webhooks.send("checkout.session.completed", later.checkout_id)  # the run has started: a new one is queued
    assert len([r for r in backend.results if r.task.name == "apply_waiting"]) == 2
    backend.clear()


def test_a_batch_costs_the_same_queries_for_10_events_as_for_30(campaign, fake_stripe, stripe_provider):
    counts = []
    for size in (10, 30):
        gifts = paid_gifts(campaign, fake_stripe, size)
        stored(stripe_provider, gifts)
        with CaptureQueriesContext(connection) as queries:
            assert events.apply_due() == size
        counts.append(len(queries))
        assert DonationAudit.objects.filter(donation__in=gifts, action="paid").count() == size
    assert counts[0] == counts[1], counts


def test_each_gift_in_a_batch_keeps_its_own_payment_and_amount_as_charged(campaign, fake_stripe, stripe_provider):
    gifts = [give(campaign, email=f"donor{n}@example.com", ip=f"10.1.0.{n}") for n in range(3)]
    fake_stripe.sessions[gifts[1].checkout_id]["amount_total"] = 1234  # Stripe charged another amount
    for donation in gifts:
        fake_stripe.complete(donation.checkout_id)
    stored(stripe_provider, gifts)
    assert events.apply_due() == 3
    after = [Donation.objects.get(pk=donation.pk) for donation in gifts]
    assert [d.status for d in after] == ["succeeded"] * 3 and len({d.succeeded_at for d in after}) == 1
    for donation, now in zip(gifts, after, strict=True):
        session = fake_stripe.sessions[donation.checkout_id]
        assert (now.payment_id, now.customer_id) == (session["payment_intent"], session["customer"])
    assert [d.amount_cents for d in after] == [gifts[0].amount_cents, 1234, gifts[2].amount_cents]
    assert after[1].audit.get(action="paid").detail == f"amount {gifts[1].amount_cents} -> 1234 as charged"


def test_a_bad_event_in_a_batch_waits_while_the_others_are_applied(campaign, fake_stripe, stripe_provider):
    good, bad, also_good = paid_gifts(campaign, fake_stripe, 3)
    fake_stripe.sessions.pop(bad.checkout_id)  # Stripe cannot answer for this one
    stored(stripe_provider, [good, bad, also_good])
    assert events.apply_due() == 3
    statuses = dict(WebhookEvent.objects.values_list("object_id", "status"))
    assert statuses == {good.checkout_id: "processed", bad.checkout_id: "failed", also_good.checkout_id: "processed"}
    assert [Donation.objects.get(pk=d.pk).status for d in (good, bad, also_good)] == [
        "succeeded",
        "pending",
        "succeeded",
    ]
    assert events.apply_due() == 0  # the failed one waits for its back-off


def test_a_taken_batch_is_leased_and_comes_back_if_its_worker_dies(campaign, fake_stripe, stripe_provider):
    stored(stripe_provider, paid_gifts(campaign, fake_stripe, 2))
    assert len(events._take()) == 2
    assert events._take() == []  # another worker skips them
    WebhookEvent.objects.update(due_at=timezone.now() - events.LEASE)  # the lease ran out
    assert len(events._take()) == 2


def test_an_event_for_a_checkout_twice_in_one_batch_counts_once(campaign, fake_stripe, stripe_provider):
    (donation,) = paid_gifts(campaign, fake_stripe, 1)
    with TestCase.captureOnCommitCallbacks(execute=False):
        for kind in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
            body = payload(kind, str(donation.checkout_id))
            events.accept(stripe_provider, stripe_provider.parse_webhook(body, {"stripe-signature": signature(body)}))
    assert events.apply_due() == 2
    assert donation.audit.filter(action="paid").count() == 1
    assert OutboxEmail.objects.filter(key=f"receipt:{donation.reference}").count() == 1


def test_the_webhook_stores_an_event_in_one_statement_and_a_repeat_changes_nothing(fake_stripe, stripe_provider):
    body = payload("checkout.session.completed", "cs_test_once", event_id="evt_once")
    event = stripe_provider.parse_webhook(body, {"stripe-signature": signature(body)})
    before = timezone.now()
    with TestCase.captureOnCommitCallbacks(execute=False), CaptureQueriesContext(connection) as queries:
        assert events.accept(stripe_provider, event) == events.Outcome.QUEUED
    assert len(queries) == 1
    row = WebhookEvent.objects.get()
    assert (row.provider, row.event_id, row.type, row.object_id) == (
        "stripe", "evt_once", "checkout.session.completed", "cs_test_once",
    )  # fmt: skip
    assert row.payload == event.payload and row.livemode is False
    assert row.status == "received" and row.attempts == 0 and row.processed_at is None
    assert row.received_at.tzinfo is not None and before <= row.received_at <= timezone.now()
    assert row.due_at is not None and before <= row.due_at <= timezone.now()

    WebhookEvent.objects.filter(pk=row.pk).update(status="processed", attempts=3, due_at=None)
    altered = Event(id=event.id, type=event.type, object_id="cs_other", livemode=True, payload={"changed": 1})
    with TestCase.captureOnCommitCallbacks(execute=False), CaptureQueriesContext(connection) as queries:
        events.accept(stripe_provider, altered)
    assert len(queries) == 1  # the unique index refuses it: no second statement to find out
    again = WebhookEvent.objects.get()
    assert (again.status, again.attempts, again.due_at, again.object_id) == ("processed", 3, None, "cs_test_once")
    assert again.payload == event.payload and again.received_at == row.received_at


def test_the_webhook_passes_the_whole_middleware_stack_and_leaves_no_trace_of_a_visitor(
    fake_stripe, webhooks, settings
):
    """Stripe's POST carries no cookie: no session, CSRF cookie, login attempt or cached page comes of it."""
    settings.PAGE_CACHE_ENABLED = True
    sessions, attempts = Session.objects.count(), AccessAttempt.objects.count()
    answer = webhooks.send("payment_intent.created", "pi_test_1")
    assert answer.status_code == 200 and answer.content == b"ignored"
    assert answer["X-Content-Type-Options"] == "nosniff"  # SecurityMiddleware
    assert "default-src 'none'" in answer["Content-Security-Policy"]
    assert answer["Cross-Origin-Resource-Policy"] == "same-origin"  # SecurityHeadersMiddleware
    assert not answer.cookies and "X-Page-Cache" not in answer
    assert (Session.objects.count(), AccessAttempt.objects.count()) == (sessions, attempts)
    assert webhooks.client.get("/payments/stripe/webhook/").status_code == 405
    body = payload("payment_intent.created", "pi_test_2")
    signed = {"HTTP_STRIPE_SIGNATURE": signature(body), "HTTP_HOST": "evil.example"}
    refused = webhooks.client.post("/payments/stripe/webhook/", body, "application/json", **signed)
    assert refused.status_code == 400 and not WebhookEvent.objects.filter(object_id="pi_test_2").exists()


def test_the_webhook_needs_no_csrf_token(fake_stripe, stripe_provider):
    client = Client(enforce_csrf_checks=True)
    body = payload("payment_intent.created", "pi_test_3")
    answer = client.post("/payments/stripe/webhook/", body, "application/json", HTTP_STRIPE_SIGNATURE=signature(body))
    assert answer.status_code == 200 and WebhookEvent.objects.filter(object_id="pi_test_3").exists()
