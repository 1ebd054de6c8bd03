"""Staff writes to gifts: refunds, offline gifts, the donor wall's moderation, notes.

Each records who did it (`actor`) in the gift's audit trail; a form sent twice does it once.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from omshub.core.money import format_money
from omshub.core.outbox import outbox_emails_write
from omshub.giving.donors import notices
from omshub.giving.models import CampaignPage, Donation
from omshub.giving.services.provider_sync import donation_apply_settlement
from omshub.giving.services.records import audit, gift_emails, locked
from omshub.matching.services import match_return, matches_allocate
from omshub.payments.provider import PaymentProvider

Status = Donation.Status


class RefundNotAllowed(Exception):
    pass


def donation_refund(
    *,
    provider: PaymentProvider | None,
    donation: Donation,
    amount_cents: int,
    request_key: str,
    actor,
    reason: str = "",
) -> Donation:
    """Refund all or part of a gift through its provider; the same request key never refunds twice.

    `reason` (why staff refund it) goes into the gift's history once per request, before the money moves.
    """
    if donation.status != Status.SUCCEEDED:
        raise RefundNotAllowed("Only a paid gift that is not already refunded or disputed can be refunded.")
    if not 0 < amount_cents <= donation.amount_cents - donation.refunded_cents:
        raise RefundNotAllowed("The amount must be more than zero and no more than what is left of the gift.")
    if reason:
        _refund_reason_record(
            donation_id=donation.pk, amount_cents=amount_cents, reason=reason, key=request_key, actor=actor
        )
    if donation.method != Donation.Method.ONLINE or provider is None:
        return _refund_offline(donation_id=donation.pk, amount_cents=amount_cents, request_key=request_key, actor=actor)
    provider.refund(
        payment_id=donation.payment_id,
        amount_cents=amount_cents,
        idempotency_key=f"refund:{donation.reference}:{request_key}",
    )
    settlement = provider.fetch_settlement_for_payment(donation.payment_id)
    if settlement is None:
        return donation
    return donation_apply_settlement(donation_id=donation.pk, settlement=settlement, source="staff refund", actor=actor)


@transaction.atomic
def _refund_reason_record(*, donation_id: int, amount_cents: int, reason: str, key: str, actor) -> None:
    donation = locked(donation_id)
    source = f"refund request {key}"[:255]
    if not donation.audit.filter(action="refund requested", source=source).exists():  # a form sent twice
        detail = f"{format_money(amount_cents, donation.currency)}, {reason}"
        audit(donation, "refund requested", before=donation.status, source=source, detail=detail, actor=actor)


@transaction.atomic
def _refund_offline(*, donation_id: int, amount_cents: int, request_key: str, actor) -> Donation:
    donation = locked(donation_id)
    source = f"staff refund {request_key}"[:255]
    if donation.audit.filter(action="refunded by hand", source=source).exists():
        return donation  # the same form sent twice
    if donation.status != Status.SUCCEEDED or amount_cents > donation.amount_cents - donation.refunded_cents:
        raise RefundNotAllowed("The amount must be more than zero and no more than what is left of the gift.")
    before = donation.status
    donation.refunded_cents += amount_cents
    if donation.refunded_cents >= donation.amount_cents:
        donation.status = Status.REFUNDED
    donation.save(update_fields=["refunded_cents", "status"])
    audit(donation, "refunded by hand", before=before, source=source, detail=str(amount_cents), actor=actor)
    match_return(donation)
    notices.refund_notice_write(donation=donation)  # the donor's amended receipt, sent after commit
    return donation


@transaction.atomic
def donation_record_offline(
    *,
    campaign: CampaignPage,
    amount_cents: int,
    method: str,
    donor_name: str,
    email: str,
    received_on: datetime.date,
    note: str,
    anonymous: bool,
    entry_key: str,
    actor,
) -> Donation:
    existing = Donation.objects.filter(entry_key=entry_key).first()
    if existing is not None:
        return existing  # the same form sent twice: one gift
    received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
    try:
        with transaction.atomic():
            donation = Donation.objects.create(
                entry_key=entry_key,
                campaign=campaign,
                method=method,
                provider="offline",
                amount_cents=amount_cents,
                currency=campaign.currency,
                donor_name=donor_name,
                email=email,
                anonymous=anonymous,
                received_on=received_on,
                note=note,
                status=Status.SUCCEEDED,
                # Dated by receipt, not by entry: a check of 28 December belongs to that year's statement.
                succeeded_at=min(received_at, timezone.now()),
            )
    except IntegrityError:  # the same form at the same moment: the other request recorded it
        return Donation.objects.get(entry_key=entry_key)
    audit(donation, "offline gift entered", before="", source="staff", detail=method, actor=actor)
    matches_allocate([donation])
    outbox_emails_write(gift_emails(donation))
    return donation


@transaction.atomic
def donation_moderate(*, donation_id: int, approve: bool, actor) -> Donation:
    donation = locked(donation_id)
    wall = Donation.Wall.APPROVED if approve else Donation.Wall.HIDDEN
    if donation.wall != wall:
        donation.wall = wall
        donation.save(update_fields=["wall"])
        audit(donation, f"wall {wall}", before=donation.status, source="staff", actor=actor)
    return donation


@transaction.atomic
def donation_note(*, donation_id: int, note: str, actor) -> None:
    """Only the note: a stale form can never write back an old state or amount."""
    donation = locked(donation_id)
    if donation.note != note:
        Donation.objects.filter(pk=donation_id).update(note=note)
        audit(donation, "note", before=donation.status, source="staff", actor=actor)
