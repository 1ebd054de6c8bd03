"""The donor's writes: a gift started from the donation form, and the checkout it goes to."""

from dataclasses import dataclass

from django.db import transaction

from omshub.giving.attribution import Attribution
from omshub.giving.models import CampaignPage, Donation
from omshub.giving.services.records import audit


@dataclass(frozen=True)
class GiftDetails:
    """What the donor typed on the form, already validated."""

    frequency: str
    amount_cents: int
    fee_cents: int
    donor_name: str
    email: str
    anonymous: bool
    tribute: str
    tribute_name: str
    notify_name: str
    notify_email: str
    message: str
    on_wall: bool
    language: str
    tribute_on_wall: bool = False  # the tribute's name beside the gift on the public wall


@transaction.atomic
def donation_start(
    *,
    campaign: CampaignPage,
    details: GiftDetails,
    provider: str,
    is_test: bool,
    client_key: str,
    attribution: Attribution | None = None,
) -> Donation:
    wall = ""
    if details.on_wall:
        wall = Donation.Wall.PENDING if details.message else Donation.Wall.APPROVED
    donation = Donation.objects.create(
        campaign=campaign,
        frequency=details.frequency,
        amount_cents=details.amount_cents + details.fee_cents,
        fee_cents=details.fee_cents,
        currency=campaign.currency,
        donor_name=details.donor_name,
        email=details.email,
        anonymous=details.anonymous,
        tribute=details.tribute,
        tribute_name=details.tribute_name if details.tribute else "",
        tribute_on_wall=details.tribute_on_wall and bool(details.tribute),
        notify_name=details.notify_name if details.tribute else "",
        notify_email=details.notify_email if details.tribute else "",
        message=details.message,
        wall=wall,
        language=details.language,
        provider=provider,
        is_test=is_test,
        client_key=client_key,
        fundraiser_id=attribution.fundraiser_id if attribution else None,
        fundraising_team_id=attribution.team_id if attribution else None,
    )
    audit(donation, "created", before="", source="donation form")
    return donation


def donation_attach_checkout(*, donation: Donation, checkout_id: str) -> None:
    Donation.objects.filter(pk=donation.pk, checkout_id__isnull=True).update(checkout_id=checkout_id)
    donation.checkout_id = checkout_id
