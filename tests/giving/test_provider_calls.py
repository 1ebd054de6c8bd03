"""Calls to Stripe: idempotency keys survive timeouts, and `reconcile_payments` repairs lost webhooks."""

import pytest
from django.core.management import call_command
from django.test import Client

from omshub.giving.models import Donation
from omshub.giving.selectors import campaign_progress
from omshub.giving.services import staff as staff_services
from omshub.payments.registry import get_provider
from tests.giving.fixtures import give

pytestmark = pytest.mark.django_db


def test_a_checkout_retried_after_a_timeout_creates_one_session(campaign, fake_stripe, settings):
    settings.STRIPE_TIMEOUT_SECONDS = 1
    fake_stripe.slow_paths = {"/v1/checkout/sessions"}
    fake_stripe.slow_seconds = 2.5
    donation = give(campaign)
    posts = [r for r in fake_stripe.requests if r[0] == "POST" and r[1] == "/v1/checkout/sessions"]
    assert len(posts) >= 2, "the SDK retried after the timeout"
    assert {key for _, _, key in posts} == {f"checkout:{donation.reference}"}
    assert list(fake_stripe.sessions) == [donation.checkout_id]


def test_a_refund_retried_after_a_timeout_refunds_once(campaign, fake_stripe, webhooks, settings, admin_user):
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    donation.refresh_from_db()
    settings.STRIPE_TIMEOUT_SECONDS = 1
    fake_stripe.slow_paths = {"/v1/refunds"}
    fake_stripe.slow_seconds = 2.5
    donation = staff_services.donation_refund(
        provider=get_provider(), donation=donation, amount_cents=1500, request_key="r1", actor=admin_user
    )
    refund_posts = [r for r in fake_stripe.requests if r[1] == "/v1/refunds"]
    assert len(refund_posts) >= 2 and {key for *_, key in refund_posts} == {f"refund:{donation.reference}:r1"}
    assert len(fake_stripe.refunds) == 1
    charge = fake_stripe.charge_of_session(donation.checkout_id)
    assert charge["amount_refunded"] == 1500
    assert donation.refunded_cents == 1500


def test_the_same_refund_request_twice_refunds_once(campaign, fake_stripe, webhooks, admin_user):
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    provider = get_provider()
    for _ in range(2):
        staff_services.donation_refund(
            provider=provider,
            donation=Donation.objects.get(pk=donation.pk),
            amount_cents=1000,
            request_key="same",
            actor=admin_user,
        )
    assert len(fake_stripe.refunds) == 1
    assert Donation.objects.get(pk=donation.pk).refunded_cents == 1000


def test_reconcile_repairs_a_dropped_webhook(campaign, fake_stripe):
    before = campaign_progress(campaign=campaign, include_test=True).raised_cents
    paid, refunded, monthly = (
        give(campaign),
        give(campaign, amount="10000"),
        give(campaign, frequency="monthly", amount="2500"),
    )
    fake_stripe.complete(paid.checkout_id)
    fake_stripe.complete(refunded.checkout_id)
    fake_stripe.refund(fake_stripe.charge_of_session(refunded.checkout_id)["id"], 10000)
    session = fake_stripe.complete(monthly.checkout_id)
    fake_stripe.renew(session["subscription"], 2500)
    # No webhook arrives at all.
    call_command("reconcile_payments", "--hours", "1")
    statuses = {d.reference: d.status for d in Donation.objects.filter(pk__in=[paid.pk, refunded.pk, monthly.pk])}
    assert statuses == {
        paid.reference: Donation.Status.SUCCEEDED,
        refunded.reference: Donation.Status.REFUNDED,
        monthly.reference: Donation.Status.SUCCEEDED,
    }
    assert Donation.objects.filter(plan__first_donation=monthly).count() == 1
    assert campaign_progress(campaign=campaign, include_test=True).raised_cents == before + 5000 + 2500 + 2500
    call_command("reconcile_payments", "--hours", "1")  # running it again changes nothing
    assert campaign_progress(campaign=campaign, include_test=True).raised_cents == before + 10000


def test_reconcile_finds_a_late_refund_of_an_old_charge(campaign, fake_stripe, webhooks) -> None:
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    charge = fake_stripe.charge_of_session(donation.checkout_id)
    charge["created"] -= 30 * 86400  # paid a month ago
    fake_stripe.sessions[donation.checkout_id]["created"] -= 30 * 86400
    fake_stripe.refund(charge["id"], 5000)  # refunded today; the webhook is lost
    call_command("reconcile_payments", "--hours", "1")
    donation.refresh_from_db()
    assert donation.status == Donation.Status.REFUNDED


def test_a_provider_slower_than_the_timeout_leaves_the_gift_for_reconcile(campaign, fake_stripe, settings):
    """The drill's "provider timing out" fault in small: the thank-you page cannot read the paid
    checkout in time, answers anyway and leaves the gift pending; once Stripe answers again,
    `reconcile_payments` completes it, once."""
    settings.STRIPE_TIMEOUT_SECONDS = 1
    client = Client()
    donation = give(campaign, client)
    fake_stripe.complete(donation.checkout_id)
    fake_stripe.slow_reads_seconds = 1.5
    response = client.get(f"{campaign.url}thank-you/{donation.reference}/")
    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING
    fake_stripe.slow_reads_seconds = 0.0
    call_command("reconcile_payments", "--hours", "1")
    call_command("reconcile_payments", "--hours", "1")
    donation.refresh_from_db()
    assert donation.status == Donation.Status.SUCCEEDED
    assert donation.audit.filter(to_status=Donation.Status.SUCCEEDED).count() == 1
