"""Staff writes about receipts: sending a gift's receipt again, to the donor or to a corrected address.

Kept apart from services.py (the payment state machine): a resend changes no state or amount,
it only stores one more email in the outbox and says so in the gift's history.
"""

from django.db import transaction

from omshub.core.models import OutboxEmail
from omshub.core.outbox import outbox_email_write
from omshub.giving.models import COUNTED, Donation, DonationAudit


class ReceiptNotAvailable(Exception):
    """A pending or failed gift has no receipt to send."""


@transaction.atomic
def receipt_resend(*, donation_id: int, to: str, request_key: str, actor) -> Donation:
    """Queue the receipt again; the same form sent twice (request_key) queues it once."""
    donation = Donation.objects.select_for_update().get(pk=donation_id)
    if donation.status not in COUNTED:
        raise ReceiptNotAvailable
    key = f"receipt:{donation.reference}:resend:{request_key}"
    if OutboxEmail.objects.filter(key=key).exists():
        return donation  # a double click: queued and recorded already (the gift's row lock orders the two)
    outbox_email_write(
        key=key,
        kind="giving.receipt",
        to=to,
        language=donation.language,
        data={"donation": donation.pk},
    )
    DonationAudit.objects.create(
        donation=donation,
        action="receipt resent",
        from_status=donation.status,
        to_status=donation.status,
        detail=f"to {to}"[:500],
        source="staff",
        actor=actor,
    )
    return donation
