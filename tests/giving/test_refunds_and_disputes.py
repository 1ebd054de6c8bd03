"""Refunds and disputes through the real webhook path, on objects built from Stripe's published
examples: every lifecycle Stripe's API version has (appeals included), each event repeated,
stale reports in any order, and the totals changed once."""

import io
import itertools

import pytest
from django.core.management import call_command

from omshub.giving.models import Donation
from omshub.giving.selectors import campaign_progress
from omshub.giving.services import provider_sync
from omshub.giving.services import staff as staff_services
from omshub.payments.models import WebhookEvent
from omshub.payments.provider import DisputeStatus, SettlementState
from omshub.payments.registry import get_provider
from tests.giving.fixtures import give

pytestmark = pytest.mark.django_db


def raised(campaign) -> int:
    return campaign_progress(campaign=campaign, include_test=True).raised_cents


@pytest.fixture
def paid(campaign, fake_stripe, webhooks) -> tuple[Donation, dict]:
    """A 50.00 gift, completed by its webhook, and its charge at the fake Stripe."""
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    donation.refresh_from_db()
    return donation, fake_stripe.charge_of_session(donation.checkout_id)


LIFECYCLES = {
    "won": [("created", "needs_response"), ("updated", "under_review"), ("closed", "won")],
    "lost": [("created", "needs_response"), ("updated", "under_review"), ("closed", "lost")],
    "appeal won": [
        ("created", "needs_response"),
        ("closed", "lost"),
        ("updated", "appeal_needs_response"),
        ("updated", "appeal_under_review"),
        ("closed", "won"),
    ],
    "appeal lost": [
        ("created", "needs_response"),
        ("closed", "lost"),
        ("updated", "appeal_needs_response"),
        ("updated", "appeal_under_review"),
        ("closed", "lost"),
    ],
    "inquiry closed": [("created", "warning_needs_response"), ("closed", "warning_closed")],
    "inquiry escalated": [
        ("created", "warning_needs_response"),
        ("updated", "warning_under_review"),
        ("updated", "needs_response"),
        ("closed", "won"),
    ],
}
KEPT = {"won", "warning_closed"}


@pytest.mark.parametrize("lifecycle", list(LIFECYCLES))
def test_each_dispute_lifecycle_moves_the_gift_in_and_out_of_the_totals_once_per_step(
    lifecycle, campaign, fake_stripe, webhooks, paid
):
    donation, charge = paid
    counted = raised(campaign)
    dispute = fake_stripe.dispute(charge["id"], LIFECYCLES[lifecycle][0][1])
    for step, status in LIFECYCLES[lifecycle]:
        fake_stripe.move_dispute(dispute["id"], status)
        for _ in range(2):  # Stripe sends again what it thinks was not received
            webhooks.send(f"charge.dispute.{step}", dispute["id"], event_id=f"evt_{lifecycle}_{status}_{step}")
        webhooks.send(f"charge.dispute.{step}", dispute["id"])  # and the same news under a new event id
        donation.refresh_from_db()
        assert donation.dispute_status == status
        assert donation.status == ("succeeded" if status in KEPT else "disputed")
        assert raised(campaign) == (counted if status in KEPT else counted - 5000)
    changes = donation.audit.filter(action="charge updated").values_list("detail", flat=True)
    assert list(changes) == [f"dispute {status}" for _, status in LIFECYCLES[lifecycle]]  # one entry per real step
    assert not WebhookEvent.objects.exclude(status=WebhookEvent.Status.PROCESSED).exclude(type__startswith="checkout")


@pytest.mark.parametrize(
    "order",
    list(itertools.permutations(["completed", "dispute created", "appeal", "dispute closed"])),
    ids=lambda order: ">".join(order),
)
def test_a_won_appeal_ends_the_same_in_any_order_of_events(order, campaign, fake_stripe, webhooks):
    before = raised(campaign)
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    charge = fake_stripe.charge_of_session(donation.checkout_id)
    dispute = fake_stripe.dispute(charge["id"])
    for status in ("lost", "appeal_needs_response", "appeal_under_review", "won"):
        fake_stripe.move_dispute(dispute["id"], status)
    senders = {
        "completed": lambda: webhooks.send("checkout.session.completed", donation.checkout_id),
        "dispute created": lambda: webhooks.send("charge.dispute.created", dispute["id"]),
        "appeal": lambda: webhooks.send("charge.dispute.updated", dispute["id"]),
        "dispute closed": lambda: webhooks.send("charge.dispute.closed", dispute["id"]),
    }
    for name in order:
        assert senders[name]().status_code == 200
    donation.refresh_from_db()
    assert (donation.status, donation.dispute_status) == ("succeeded", "won")
    assert raised(campaign) == before + 5000


STALE = ["needs_response", "under_review", "lost", "appeal_needs_response", "appeal_under_review", "won"]


@pytest.mark.parametrize("shuffle", range(12))
def test_stale_reports_never_move_a_dispute_back_or_reopen_a_won_one(shuffle, campaign, paid):
    """Reports fetched before the row lock may be applied in any order: after `won` nothing
    changes; before it, a report never takes the dispute back a stage."""
    donation, charge = paid
    before = raised(campaign)
    order = list(itertools.permutations(STALE))[shuffle * 59]  # a spread of the 720 orders
    held = ""
    for status in order:
        state = SettlementState(
            id=charge["id"],
            payment_id=charge["payment_intent"],
            invoice_id="",
            amount_cents=5000,
            refunded_cents=0,
            currency="usd",
            livemode=False,
            dispute_status=DisputeStatus(status),
        )
        donation = provider_sync.donation_apply_settlement(
            donation_id=donation.pk, settlement=state, source=f"stale {status}"
        )
        if held == "won":
            assert donation.dispute_status == "won"
        elif status not in ("won", "lost") and held in STALE and STALE.index(status) < STALE.index(held):
            assert donation.dispute_status == held
        held = donation.dispute_status
    assert (donation.status, donation.dispute_status) == ("succeeded", "won")
    assert raised(campaign) == before


def test_a_staff_refund_then_its_webhook_counts_the_refund_once(campaign, fake_stripe, webhooks, paid, admin_user):
    donation, charge = paid
    before = raised(campaign)
    staff_services.donation_refund(
        provider=get_provider(), donation=donation, amount_cents=2000, request_key="k1", actor=admin_user
    )
    for _ in range(2):
        webhooks.send("charge.refunded", charge["id"])
    donation.refresh_from_db()
    assert (donation.status, donation.refunded_cents) == ("succeeded", 2000)
    assert raised(campaign) == before - 2000
    assert donation.audit.filter(action="charge updated").count() == 1


def test_a_refund_made_at_stripe_then_the_rest_by_staff(campaign, fake_stripe, webhooks, paid, admin_user):
    donation, charge = paid
    before = raised(campaign)
    fake_stripe.refund(charge["id"], 1500)  # from Stripe's dashboard
    webhooks.send("charge.refunded", charge["id"], event_id="evt_first_refund")
    donation.refresh_from_db()
    staff_services.donation_refund(
        provider=get_provider(), donation=donation, amount_cents=3500, request_key="rest", actor=admin_user
    )
    webhooks.send("charge.refunded", charge["id"])
    webhooks.send("charge.refunded", charge["id"], event_id="evt_first_refund")  # the first one, late and again
    donation.refresh_from_db()
    assert (donation.status, donation.refunded_cents) == ("refunded", 5000)
    assert raised(campaign) == before - 5000


def test_an_old_refund_event_applied_after_a_newer_one_changes_nothing(campaign, fake_stripe, webhooks, paid):
    donation, charge = paid
    fake_stripe.refund(charge["id"], 1000)
    fake_stripe.refund(charge["id"], 1500)
    webhooks.send("charge.refunded", charge["id"])
    stale = SettlementState(
        id=charge["id"], payment_id=charge["payment_intent"], invoice_id="", amount_cents=5000,
        refunded_cents=1000, currency="usd", livemode=False,
    )  # fmt: skip
    provider_sync.donation_apply_settlement(
        donation_id=donation.pk, settlement=stale, source="a fetch made before the second refund"
    )
    donation.refresh_from_db()
    assert donation.refunded_cents == 2500


def test_a_refunded_gift_then_disputed_and_won_counts_what_is_left(campaign, fake_stripe, webhooks, paid):
    donation, charge = paid
    before = raised(campaign)
    fake_stripe.refund(charge["id"], 2000)
    dispute = fake_stripe.dispute(charge["id"])
    webhooks.send("charge.dispute.created", dispute["id"])
    webhooks.send("charge.refunded", charge["id"])
    assert raised(campaign) == before - 5000
    fake_stripe.move_dispute(dispute["id"], "won")
    webhooks.send("charge.dispute.closed", dispute["id"])
    donation.refresh_from_db()
    assert (donation.status, donation.refunded_cents, donation.dispute_status) == ("succeeded", 2000, "won")
    assert raised(campaign) == before - 2000


def test_a_dispute_before_the_completion_completes_the_gift_first(campaign, fake_stripe, webhooks):
    before = raised(campaign)
    donation = give(campaign)
    fake_stripe.complete(donation.checkout_id)
    dispute = fake_stripe.dispute(fake_stripe.charge_of_session(donation.checkout_id)["id"])
    webhooks.send("charge.dispute.created", dispute["id"])
    webhooks.send("checkout.session.completed", donation.checkout_id)
    donation.refresh_from_db()
    assert (donation.status, donation.dispute_status) == ("disputed", "needs_response")
    assert raised(campaign) == before
    assert donation.audit.filter(action="paid").count() == 1


def test_a_dispute_of_a_renewal_not_yet_recorded_records_it_then_disputes_it(campaign, fake_stripe, webhooks):
    donation = give(campaign, frequency="monthly", amount="2500")
    session = fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    before = raised(campaign)
    renewal = fake_stripe.renew(session["subscription"], 2500)
    dispute = fake_stripe.dispute(fake_stripe.charge_of_invoice(renewal["id"])["id"])
    webhooks.send("charge.dispute.created", dispute["id"])
    webhooks.send("invoice.paid", renewal["id"])
    gift = Donation.objects.get(invoice_id=renewal["id"])
    assert (gift.status, gift.dispute_status) == ("disputed", "needs_response")
    assert raised(campaign) == before


def test_reconcile_repairs_a_dispute_outcome_whose_events_were_lost(campaign, fake_stripe, webhooks, paid):
    donation, charge = paid
    before = raised(campaign)
    dispute = fake_stripe.dispute(charge["id"])
    fake_stripe.move_dispute(dispute["id"], "lost")  # no dispute event reaches us
    call_command("reconcile_payments", "--hours", "1", stdout=io.StringIO())
    donation.refresh_from_db()
    assert (donation.status, donation.dispute_status) == ("disputed", "lost")
    assert raised(campaign) == before - 5000
    fake_stripe.move_dispute(dispute["id"], "won")  # won on appeal; again no event
    call_command("reconcile_payments", "--hours", "1", stdout=io.StringIO())
    call_command("reconcile_payments", "--hours", "1", stdout=io.StringIO())
    donation.refresh_from_db()
    assert (donation.status, donation.dispute_status) == ("succeeded", "won")
    assert raised(campaign) == before
