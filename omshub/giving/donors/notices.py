"""Emails a donor gets when the foundation's side changes a gift: a refund (with the amended
receipt) and the end of a monthly gift. Called inside the services' transactions, so the email
is stored with the change and sent after commit; each key makes it once-only."""

from omshub.core.outbox import outbox_email_write
from omshub.giving.models import Donation, RecurringGift


def refund_notice_write(*, donation: Donation) -> None:
    """Once per refunded amount: a second refund of the same gift gets its own notice."""
    if not donation.email or not donation.refunded_cents:
        return
    outbox_email_write(
        key=f"refund:{donation.reference}:{donation.refunded_cents}",
        kind="donors.refund",
        to=donation.email,
        language=donation.language,
        data={"donation": donation.pk},
    )


def monthly_ended_write(*, plan: RecurringGift) -> None:
    first = plan.first_donation
    if not first.email:
        return
    outbox_email_write(
        key=f"monthly-ended:{plan.subscription_id}",
        kind="donors.monthly_ended",
        to=first.email,
        language=first.language,
        data={"plan": plan.pk},
    )
