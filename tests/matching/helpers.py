"""Gifts and matches made through the real services, for the matching tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from omshub.giving.models import CampaignPage, Donation
from omshub.giving.services import provider_sync
from omshub.matching.models import Match
from omshub.payments.provider import SettlementState


def a_match(campaign: CampaignPage, *, cap_cents: int, ratio: str = "1.00", **fields: object) -> Match:
    now = timezone.now()
    values: dict[str, object] = {
        "campaign": campaign,
        "sponsor": "Acme Health",
        "ratio": Decimal(ratio),
        "cap_cents": cap_cents,
        "starts_at": now - datetime.timedelta(days=1),
        "ends_at": now + datetime.timedelta(days=1),
    }
    return Match.objects.create(**(values | fields))


def pending_gift(
    campaign: CampaignPage, amount_cents: int, *, fee_cents: int = 0, is_test: bool = False, n: int = 0
) -> Donation:
    return Donation.objects.create(
        campaign=campaign,
        amount_cents=amount_cents + fee_cents,
        fee_cents=fee_cents,
        donor_name=f"Donor {n}",
        email=f"donor{n}@example.com",
        provider="stripe",
        is_test=is_test,
        payment_id=f"pi_match_{n}_{amount_cents}",
    )


def pay(donation: Donation) -> Donation:
    return provider_sync.donation_mark_succeeded(donation_id=donation.pk, paid=provider_sync.Paid(0), source="test")


def refund(donation: Donation, refunded_cents: int) -> Donation:
    settlement = SettlementState(
        id=f"ch_{donation.pk}",
        payment_id=donation.payment_id,
        invoice_id="",
        amount_cents=donation.amount_cents,
        refunded_cents=refunded_cents,
        currency="usd",
        livemode=False,
    )
    return provider_sync.donation_apply_settlement(donation_id=donation.pk, settlement=settlement, source="test")
