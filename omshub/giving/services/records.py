"""What every write to a gift shares: its audit entry, its locked row, the emails a paid gift sends."""

from omshub.core.outbox import Outgoing
from omshub.giving.models import Donation, DonationAudit


def audit_entry(
    donation: Donation, action: str, *, before: str, source: str, detail: str = "", actor=None
) -> DonationAudit:
    return DonationAudit(
        donation=donation,
        action=action,
        from_status=before,
        to_status=donation.status,
        detail=detail[:500],
        source=source[:255],
        actor=actor,
    )


def audit(donation: Donation, action: str, *, before: str, source: str, detail: str = "", actor=None) -> None:
    audit_entry(donation, action, before=before, source=source, detail=detail, actor=actor).save()


def locked(donation_id: int) -> Donation:
    return Donation.objects.select_for_update().get(pk=donation_id)


def gift_emails(donation: Donation) -> list[Outgoing]:
    data = {"donation": donation.pk}
    emails = []
    if donation.email:
        emails.append(
            Outgoing(f"receipt:{donation.reference}", "giving.receipt", donation.email, donation.language, data)
        )
    if donation.notify_email and donation.plan_id is None:
        emails.append(
            Outgoing(f"tribute:{donation.reference}", "giving.tribute", donation.notify_email, donation.language, data)
        )
    return emails
