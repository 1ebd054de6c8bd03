"""Addresses that mail must not go to: one list (EmailSuppression), checked by every sender.

The rule, also in docs/deployment.md ("Email delivery"):
- a hard bounce stops every email to the address: the mailbox does not exist, so a receipt
  or a password reset would be lost anyway and each try hurts the site's sender reputation.
  Receipts stay stored (the outbox row says "not sent: address suppressed") for staff to
  resend once the person gives a working address;
- a complaint (marked as spam) stops optional mail (the newsletter), not the mail the person
  asked for by acting on the site (a receipt, a sign-in link, a password reset).
"""

from django.db import IntegrityError, transaction

from omshub.core.models import EmailSuppression


def normalized(email: str) -> str:
    return email.strip().lower()


def suppression_reason(*, email: str, optional: bool) -> str:
    """ "" when mail may go to this address; else the reason ("bounced" or "complained")."""
    reason = EmailSuppression.objects.filter(email=normalized(email)).values_list("reason", flat=True).first()
    if reason == EmailSuppression.Reason.BOUNCED or (reason and optional):
        return str(reason)
    return ""


def address_suppress(*, email: str, reason: str, detail: str = "") -> EmailSuppression:
    """Record (once) that mail must stop; a complaint after a bounce keeps the bounce, which stops more."""
    address = normalized(email)
    try:
        with transaction.atomic():
            return EmailSuppression.objects.create(email=address, reason=reason, detail=detail[:300])
    except IntegrityError:
        existing = EmailSuppression.objects.get(email=address)
        if existing.reason != EmailSuppression.Reason.BOUNCED and reason == EmailSuppression.Reason.BOUNCED:
            existing.reason, existing.detail = reason, detail[:300]
            existing.save(update_fields=["reason", "detail"])
        return existing
