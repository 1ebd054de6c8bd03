"""Stripe webhooks: each event once, in any order, verified, and converging on Stripe's state."""

import io
import itertools
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from omshub.core.models import OutboxEmail
from omshub.giving.models import Donation, RecurringGift
from omshub.giving.selectors import campaign_progress
from omshub.payments.models import WebhookEvent
from tests.giving.fixtures import give

pytestmark = pytest.mark.django_db


def raised(campaign) -> int:
    return campaign_progress(campaign=campaign, include_test=True).raised_cents


def test_a_gift_completes_once_however_often_the_event_arrives(
    campaign, fake_stripe, webhooks, django_capture_on_commit_callbacks
):
    before = raised(campaign)
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            webhooks.send("checkout.session.completed", donation.checkout_id, event_id="evt_dup").status_code
            for _ in range(10)
        ]
    assert answers == [200] * 10
    donation.refresh_from_db()
    assert donation.status == Donation.Status.SUCCEEDED
    assert donation.payment_id
    assert raised(campaign) == before + 5000
    assert OutboxEmail.objects.filter(key=f"receipt:{donation.reference}").count() == 1
    assert len([m for m in mail.outbox if "ana@example.com" in m.to]) == 1
    assert WebhookEvent.objects.filter(event_id="evt_dup").count() == 1
    assert donation.audit.filter(action="paid").count() == 1


def test_the_same_completion_under_new_event_ids_still_counts_once(campaign, fake_stripe, webhooks):
    before = raised(campaign)
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    for _ in range(3):
        webhooks.send("checkout.session.completed", donation.checkout_id)
        webhooks.send("checkout.session.async_payment_succeeded", donation.checkout_id)
    assert raised(campaign) == before + 5000


EVENTS = ["completed", "refunded", "dispute created", "dispute closed"]


@pytest.mark.parametrize("order", list(itertools.permutations(EVENTS)), ids=lambda o: ">".join(o))
def test_every_ordering_ends_in_the_same_state(order, campaign, fake_stripe, webhooks):
    before = raised(campaign)
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    charge = fake_stripe.charge_of_session(donation.checkout_id)
    fake_stripe.refund(charge["id"], 2000)
    dispute = fake_stripe.dispute(charge["id"])
    fake_stripe.move_dispute(dispute["id"], "won")
    senders = {
        "completed": lambda: webhooks.send("checkout.session.completed", donation.checkout_id),
        "refunded": lambda: webhooks.send("charge.refunded", charge["id"]),
        "dispute created": lambda: webhooks.send("charge.dispute.created", dispute["id"]),
        "dispute closed": lambda: webhooks.send("charge.dispute.closed", dispute["id"]),
    }
    for name in order:
        assert senders[name]().status_code == 200
    donation.refresh_from_db()
    assert (donation.status, donation.refunded_cents) == (Donation.Status.SUCCEEDED, 2000)
    assert raised(campaign) == before + 3000
    assert OutboxEmail.objects.filter(key=f"receipt:{donation.reference}").count() == 1


def test_a_refund_that_arrives_before_the_completion_is_applied_once_the_gift_exists(campaign, fake_stripe, webhooks):
    before = raised(campaign)
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    charge = fake_stripe.charge_of_session(donation.checkout_id)
    fake_stripe.refund(charge["id"], 5000)
    webhooks.send("charge.refunded", charge["id"])
    webhooks.send("checkout.session.completed", donation.checkout_id)
    donation.refresh_from_db()
    assert donation.status == Donation.Status.REFUNDED
    assert raised(campaign) == before


def test_a_lost_dispute_keeps_the_gift_out_of_the_total(campaign, fake_stripe, webhooks):
    before = raised(campaign)
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    charge = fake_stripe.charge_of_session(donation.checkout_id)
    dispute = fake_stripe.dispute(charge["id"])
    webhooks.send("checkout.session.completed", donation.checkout_id)
    webhooks.send("charge.dispute.created", dispute["id"])
    assert raised(campaign) == before
    fake_stripe.move_dispute(dispute["id"], "lost")
    webhooks.send("charge.dispute.closed", dispute["id"])
    donation.refresh_from_db()
    assert donation.status == Donation.Status.DISPUTED
    assert donation.dispute_status == "lost"
    assert [a.to_status for a in donation.audit.all()] == ["pending", "succeeded", "disputed", "disputed"]


@pytest.mark.parametrize(
    "signature",
    [
        {"secret": "whsec_wrong"},
        {"timestamp": int(time.time()) - 301},
        {"timestamp": int(time.time()) + 900},
    ],
    ids=["wrong secret", "stale", "from the future"],
)
def test_a_bad_or_stale_signature_is_refused_and_nothing_is_stored(signature, campaign, fake_stripe, webhooks):
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    response = webhooks.send("checkout.session.completed", donation.checkout_id, **signature)
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING


def test_a_missing_signature_or_a_tampered_body_is_refused(fake_stripe, client):
    from tests.payments.events import payload, signature

    body = payload("checkout.session.completed", "cs_x")
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json").status_code == 400
    tampered = body.replace(b"cs_x", b"cs_y")
    response = client.post(
        "/payments/stripe/webhook/", tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature(body)
    )
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


def test_events_nobody_handles_are_stored_as_ignored_with_2xx(fake_stripe, webhooks):
    assert webhooks.send("payment_intent.created", "pi_1", event_id="evt_ignored").status_code == 200
    assert WebhookEvent.objects.get(event_id="evt_ignored").status == WebhookEvent.Status.IGNORED


def test_an_event_stripe_cannot_answer_for_is_kept_and_applied_by_a_later_run(campaign, fake_stripe, webhooks):
    donation = give(campaign)
    session = fake_stripe.sessions.pop(donation.checkout_id)  # Stripe answers 404 for a while
    response = webhooks.send("checkout.session.completed", donation.checkout_id, event_id="evt_retry")
    assert response.status_code == 200  # stored: Stripe need not send it again; our worker retries
    event = WebhookEvent.objects.get(event_id="evt_retry")
    assert event.status == WebhookEvent.Status.FAILED and event.attempts == 1
    assert "No such checkout.session" in event.last_error
    assert event.due_at and event.due_at > timezone.now()  # it waits before the next attempt
    fake_stripe.sessions[donation.checkout_id] = session  # it answers again, and the gift is paid
    fake_stripe.complete(donation.checkout_id)
    WebhookEvent.objects.filter(pk=event.pk).update(due_at=timezone.now())
    call_command("apply_payment_events", stdout=io.StringIO())
    event.refresh_from_db()
    donation.refresh_from_db()
    assert (event.status, event.last_error, donation.status) == ("processed", "", "succeeded")


def test_each_monthly_renewal_becomes_its_own_gift(campaign, fake_stripe, webhooks):
    before = raised(campaign)
    donation = give(campaign, frequency="monthly", amount="2500")
    session = fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    webhooks.send("invoice.paid", session["invoice"])  # the first invoice: the same gift
    renewal = fake_stripe.renew(session["subscription"], 2500)
    for _ in range(3):
        webhooks.send("invoice.paid", renewal["id"], event_id="evt_renewal")
    webhooks.send("invoice.paid", renewal["id"])  # the same invoice under another event id
    plan = RecurringGift.objects.get(subscription_id=session["subscription"])
    assert plan.first_donation == donation
    assert plan.renewals.count() == 1
    assert raised(campaign) == before + 5000
    assert OutboxEmail.objects.filter(kind="giving.receipt", to="ana@example.com").count() == 2


def test_a_refund_of_a_renewal_not_yet_recorded_records_it_first(campaign, fake_stripe, webhooks):
    donation = give(campaign, frequency="monthly", amount="2500")
    session = fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    renewal = fake_stripe.renew(session["subscription"], 2500)
    charge_id = fake_stripe.charge_of_invoice(renewal["id"])["id"]
    fake_stripe.refund(charge_id, 2500)
    webhooks.send("charge.refunded", charge_id)
    webhooks.send("invoice.paid", renewal["id"])
    gift = Donation.objects.get(invoice_id=renewal["id"])
    assert gift.status == Donation.Status.REFUNDED


def test_a_cancelled_subscription_ends_the_monthly_gift(campaign, fake_stripe, webhooks):
    donation = give(campaign, frequency="monthly", amount="2500")
    session = fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    fake_stripe.cancel(session["subscription"])
    webhooks.send("customer.subscription.deleted", session["subscription"])
    plan = RecurringGift.objects.get(subscription_id=session["subscription"])
    assert plan.status == RecurringGift.Status.CANCELED


def test_a_failed_delayed_payment_fails_the_gift(campaign, fake_stripe, webhooks):
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id, paid=False)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING
    fake_stripe.settle(donation.checkout_id, succeeded=False)
    webhooks.send("checkout.session.async_payment_failed", donation.checkout_id)
    donation.refresh_from_db()
    assert donation.status == Donation.Status.FAILED


def test_a_paid_invoice_of_nothing_records_no_gift(campaign, fake_stripe, webhooks) -> None:
    donation = give(campaign, frequency="monthly", amount="2500")
    session = fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    credit = fake_stripe.renew(session["subscription"], 0)
    assert webhooks.send("invoice.paid", credit["id"]).status_code == 200
    assert not Donation.objects.filter(invoice_id=credit["id"]).exists()


def test_refused_cards_count_toward_the_card_testing_block(campaign, fake_stripe, webhooks, settings) -> None:
    settings.FAILED_PAYMENTS_BEFORE_BLOCK = 2
    donation = give(campaign, email="tester@example.com")
    for _ in range(2):
        intent = fake_stripe.refused_payment(donation.reference)
        webhooks.send("payment_intent.payment_failed", intent["id"])
    donation.refresh_from_db()
    assert (donation.status, donation.failed_attempts) == ("pending", 2)
    from django.test import Client

    blocked = Client().post(
        f"{campaign.url}give/",
        {"frequency": "once", "amount": "5000", "donor_name": "T", "email": "tester@example.com"},
    )
    assert blocked.status_code == 429


def test_an_empty_webhook_secret_trusts_nothing(campaign, fake_stripe, webhooks, settings) -> None:
    settings.STRIPE_WEBHOOK_SECRET = ""
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    assert webhooks.send("checkout.session.completed", donation.checkout_id, secret="").status_code == 400


def test_a_second_monthly_gift_joins_the_same_customer(campaign, fake_stripe, webhooks) -> None:
    first = give(campaign, frequency="monthly", amount="2500")
    session = fake_stripe.complete(first.checkout_id)
    webhooks.send("checkout.session.completed", first.checkout_id)
    second = give(campaign, frequency="monthly", amount="1000", email="ANA@example.com")
    assert fake_stripe.sessions[second.checkout_id]["customer"] == session["customer"]
