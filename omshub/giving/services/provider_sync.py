"""Provider sync: the provider's states applied to gifts (succeed, fail, renew, refund, dispute).

Called by the webhook handlers (payment_events.py), reconciliation (reconcile.py), the
thank-you page and staff refunds. Each runs in one transaction with the gift's row locked,
changes the state only along the allowed paths, writes a DonationAudit entry saying why, and
stores the emails it causes in the outbox in the same transaction. Each is idempotent:
applying the same provider state twice changes nothing the second time.
"""

from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from omshub.core.outbox import outbox_emails_write
from omshub.giving.cache import gifts_changed
from omshub.giving.disputes import dispute_holds_gift, next_dispute_status
from omshub.giving.donors import notices
from omshub.giving.models import Donation, DonationAudit, Frequency, RecurringGift
from omshub.giving.services.records import audit, audit_entry, gift_emails, locked
from omshub.matching.services import match_return, matches_allocate
from omshub.payments.provider import (
    CheckoutState,
    CheckoutStatus,
    InvoiceState,
    InvoiceStatus,
    PaymentProvider,
    PlanStatus,
    SettlementState,
    SubscriptionState,
)

Status = Donation.Status


def _locked_for(checkouts: list[CheckoutState]) -> dict[str, Donation]:
    """The gifts these checkouts pay for, by checkout id, their rows locked in one order (no
    deadlock between two batches); a checkout that is not ours is left out."""
    locked = Donation.objects.select_for_update().order_by("pk")
    found = {str(d.checkout_id): d for d in locked.filter(checkout_id__in=[c.id for c in checkouts])}
    missing = {c.reference: c.id for c in checkouts if c.id not in found and c.reference}
    for donation in locked.filter(reference__in=missing) if missing else []:
        found[missing[donation.reference]] = donation
    return found


@dataclass(frozen=True)
class Paid:
    """What the provider says was paid: the amount charged (0: keep ours) and its ids."""

    amount_cents: int
    payment_id: str = ""
    customer_id: str = ""
    subscription_id: str = ""

    @classmethod
    def for_checkout(cls, checkout: CheckoutState) -> "Paid":
        return cls(checkout.amount_cents, checkout.payment_id, checkout.customer_id, checkout.subscription_id)

    @classmethod
    def for_invoice(cls, invoice: InvoiceState, *, amount: bool = True) -> "Paid":
        if not amount:  # the plan's first gift, seen through a renewal: only its ids
            return cls(0, "", invoice.customer_id, invoice.subscription_id)
        return cls(invoice.amount_paid_cents, invoice.payment_id, invoice.customer_id, invoice.subscription_id)


def donation_mark_succeeded(*, donation_id: int, paid: Paid, source: str) -> Donation:
    with transaction.atomic(savepoint=False):
        donation = locked(donation_id)
        _succeed([(donation, paid, source)])
        return donation


# What a payment may change that differs from gift to gift (status and time are the batch's own).
PAID_FIELDS = ("amount_cents", "fee_cents", "payment_id", "customer_id", "subscription_id")


def _paid_values(donation: Donation) -> tuple[object, ...]:
    return tuple(getattr(donation, name) for name in PAID_FIELDS)


def _succeed(payments: list[tuple[Donation, Paid, str]]) -> None:
    """Within the caller's transaction, the rows locked: each pending gift to succeeded, once.

    Set-based, so a batch of webhook events costs a few statements rather than a few each: one
    UPDATE of what all its gifts share (status, time), one `bulk_update` of the ids and amounts
    that differ, and only of the fields that did change (its CASE per field and gift is the
    costliest statement to build), one INSERT of audit entries, one of emails. A gift already
    succeeded (a duplicate, a late event, the other of two racers, or twice in one batch) is
    left as it is.
    """
    changed: list[Donation] = []
    moved: list[Donation] = []  # those whose ids or amounts changed too
    fields: set[str] = set()
    audits: list[DonationAudit] = []
    now = timezone.now()
    for donation, paid, source in payments:
        if donation.status != Status.PENDING:
            continue
        detail = ""
        before = _paid_values(donation)
        if paid.amount_cents and paid.amount_cents != donation.amount_cents:
            detail = f"amount {donation.amount_cents} -> {paid.amount_cents} as charged"
            donation.fee_cents = min(donation.fee_cents, paid.amount_cents - 1) if paid.amount_cents > 1 else 0
            donation.amount_cents = paid.amount_cents
        donation.status = Status.SUCCEEDED
        donation.succeeded_at = now
        donation.payment_id = paid.payment_id or donation.payment_id
        donation.customer_id = paid.customer_id or donation.customer_id
        donation.subscription_id = paid.subscription_id or donation.subscription_id
        donation.failure_reason = ""
        changed.append(donation)
        if differ := {
            name for name, old, new in zip(PAID_FIELDS, before, _paid_values(donation), strict=True) if old != new
        }:
            moved.append(donation)
            fields |= differ
        audits.append(audit_entry(donation, "paid", before=Status.PENDING, source=source, detail=detail))
    if not changed:
        return
    Donation.objects.filter(pk__in=[donation.pk for donation in changed]).update(
        status=Status.SUCCEEDED, succeeded_at=now, failure_reason=""
    )
    if moved:
        Donation.objects.bulk_update(moved, sorted(fields))
    DonationAudit.objects.bulk_create(audits)
    matches_allocate(changed)  # a matching sponsor's share, once per gift, under the match's lock
    for donation in changed:
        if donation.frequency == Frequency.MONTHLY and donation.subscription_id and donation.plan_id is None:
            RecurringGift.objects.get_or_create(
                subscription_id=donation.subscription_id,
                defaults={
                    "provider": donation.provider,
                    "customer_id": donation.customer_id,
                    "first_donation": donation,
                },
            )
    outbox_emails_write([email for donation in changed for email in gift_emails(donation)])
    for key in {donation.campaign_key for donation in changed}:  # as Donation.save would
        transaction.on_commit(partial(gifts_changed, key))


@transaction.atomic(savepoint=False)
def donation_mark_failed(*, donation_id: int, reason: str, source: str) -> Donation:
    donation = locked(donation_id)
    if donation.status != Status.PENDING:
        return donation
    donation.status = Status.FAILED
    donation.failure_reason = reason
    fields = ["status", "failure_reason"]
    if reason == "payment failed":
        donation.failed_attempts += 1
        donation.last_failed_at = timezone.now()
        fields += ["failed_attempts", "last_failed_at"]
    donation.save(update_fields=fields)
    audit(donation, "failed", before=Status.PENDING, source=source, detail=reason)
    return donation


@transaction.atomic(savepoint=False)
def donation_record_failed_attempt(*, reference: str, source: str) -> Donation | None:
    """A card the bank refused at checkout: the gift stays pending (the donor may try another
    card), but the refusal counts toward the temporary block on card testers."""
    donation = Donation.objects.select_for_update().filter(reference=reference).first()
    if donation is None or donation.status != Status.PENDING:
        return donation
    donation.failed_attempts += 1
    donation.last_failed_at = timezone.now()
    donation.save(update_fields=["failed_attempts", "last_failed_at"])
    audit(donation, "payment refused", before=donation.status, source=source)
    return donation


def _find(*, checkout_id: str = "", reference: str = "", payment_id: str = "") -> Donation | None:
    donations = Donation.objects.all()
    if checkout_id and (found := donations.filter(checkout_id=checkout_id).first()):
        return found
    if payment_id and (found := donations.filter(payment_id=payment_id).first()):
        return found
    if reference:
        return donations.filter(reference=reference).first()
    return None


def donation_sync_checkout(*, checkout: CheckoutState, source: str) -> Donation | None:
    """Bring our gift in line with the provider's checkout, whoever asks first."""
    return donations_sync_checkouts(checkouts=[(checkout, source)])[0]


def _paid(checkout: CheckoutState) -> bool:
    return checkout.status == CheckoutStatus.PAID


def donations_sync_checkouts(*, checkouts: list[tuple[CheckoutState, str]]) -> list[Donation | None]:
    """The same for a batch of webhook events (each checkout with the event that asked): the
    paid ones in one transaction, the rest one by one. None for a checkout that is not ours."""
    paid = [(checkout, source) for checkout, source in checkouts if _paid(checkout)]
    locked: dict[str, Donation] = {}
    if paid:
        with transaction.atomic(savepoint=False):
            locked = _locked_for([checkout for checkout, _ in paid])
            _succeed([(locked[c.id], Paid.for_checkout(c), source) for c, source in paid if c.id in locked])
    return [
        locked.get(checkout.id) if _paid(checkout) else _sync_unpaid(checkout, source) for checkout, source in checkouts
    ]


def _sync_unpaid(checkout: CheckoutState, source: str) -> Donation | None:
    donation = _find(checkout_id=checkout.id, reference=checkout.reference)
    if donation is not None and checkout.status == CheckoutStatus.FAILED:
        return donation_mark_failed(donation_id=donation.pk, reason="payment failed", source=source)
    if donation is not None and checkout.status == CheckoutStatus.EXPIRED:
        return donation_mark_failed(donation_id=donation.pk, reason="checkout expired", source=source)
    return donation


def donation_record_invoice(*, invoice: InvoiceState, source: str) -> Donation | None:
    """A paid subscription invoice: the first gift of a monthly plan, or a renewal (a new gift)."""
    if invoice.status != InvoiceStatus.PAID or invoice.amount_paid_cents <= 0:
        return None  # nothing was paid (a credit or the balance covered it): no gift to record
    plan = RecurringGift.objects.filter(subscription_id=invoice.subscription_id).select_related("first_donation")
    first = plan[0].first_donation if plan else _find(reference=invoice.reference)
    if first is None:
        return None
    if invoice.opens_plan or first.invoice_id == invoice.id:
        Donation.objects.filter(pk=first.pk, invoice_id__isnull=True).update(invoice_id=invoice.id)
        return donation_mark_succeeded(donation_id=first.pk, paid=Paid.for_invoice(invoice), source=source)
    first = donation_mark_succeeded(donation_id=first.pk, paid=Paid.for_invoice(invoice, amount=False), source=source)
    renewal = _renewal(first, invoice)
    return donation_mark_succeeded(donation_id=renewal.pk, paid=Paid.for_invoice(invoice), source=source)


def _renewal(first: Donation, invoice: InvoiceState) -> Donation:
    plan = RecurringGift.objects.get(first_donation=first)
    copied = {
        field: getattr(first, field)
        for field in (
            "campaign_id",
            "campaign_key",
            "donor_name",
            "email",
            "language",
            "anonymous",
            "is_test",
            "provider",
            "fundraiser_id",  # a monthly gift made on a fundraising page keeps counting for it
            "fundraising_team_id",
        )
    }
    try:
        with transaction.atomic():
            renewal, created = Donation.objects.get_or_create(
                invoice_id=invoice.id,
                defaults=copied
                | {
                    "frequency": Frequency.MONTHLY,
                    "amount_cents": invoice.amount_paid_cents,
                    "currency": invoice.currency,
                    "plan": plan,
                    "customer_id": invoice.customer_id,
                    "subscription_id": invoice.subscription_id,
                },
            )
            if created:
                audit(renewal, "renewal", before="", source=f"invoice {invoice.id}")
    except IntegrityError:  # the same invoice recorded at the same moment by another worker
        renewal = Donation.objects.get(invoice_id=invoice.id)
    return renewal


@transaction.atomic(savepoint=False)
def donation_apply_settlement(*, donation_id: int, settlement: SettlementState, source: str, actor=None) -> Donation:
    """Refunds and disputes, as absolute amounts from the provider: applying twice adds nothing.

    The state was fetched before the row was locked, so an older fetch may arrive after a
    newer one: refunds only grow and a dispute never moves back (giving/disputes.py),
    whatever order they come in.
    """
    donation = locked(donation_id)
    if donation.status not in (Status.SUCCEEDED, Status.REFUNDED, Status.DISPUTED):
        return donation
    refunded = max(donation.refunded_cents, min(settlement.refunded_cents, donation.amount_cents))
    dispute_status = next_dispute_status(donation.dispute_status, settlement.dispute_status)
    if dispute_holds_gift(dispute_status):
        status = Status.DISPUTED
    elif refunded >= donation.amount_cents:
        status = Status.REFUNDED
    else:
        status = Status.SUCCEEDED
    unchanged = (status, refunded, dispute_status, settlement.id or donation.settlement_id)
    if unchanged == (donation.status, donation.refunded_cents, donation.dispute_status, donation.settlement_id):
        return donation
    before = donation.status
    detail = f"refunded {donation.refunded_cents} -> {refunded}" if refunded != donation.refunded_cents else ""
    if dispute_status != donation.dispute_status:
        detail = f"{detail} dispute {dispute_status}".strip()
    refunded_before = donation.refunded_cents
    donation.status = status
    donation.refunded_cents = refunded
    donation.dispute_status = dispute_status
    donation.settlement_id = settlement.id or donation.settlement_id
    donation.save(update_fields=["status", "refunded_cents", "dispute_status", "settlement_id"])
    if detail or before != status:
        audit(donation, "charge updated", before=before, source=source, detail=detail, actor=actor)
    if refunded != refunded_before:
        match_return(donation)  # the refunded part's share of a sponsor's match goes back to the pool
        notices.refund_notice_write(donation=donation)  # the donor's amended receipt, sent after commit
    return donation


def donation_for_settlement(*, provider: PaymentProvider, settlement: SettlementState, source: str) -> Donation | None:
    """Find (or, for a renewal not yet recorded, create) the gift a settlement paid for."""
    donation = _find(payment_id=settlement.payment_id, reference=settlement.reference)
    if donation is None and settlement.invoice_id:
        donation = donation_record_invoice(invoice=provider.fetch_invoice(settlement.invoice_id), source=source)
    if donation is not None and donation.status == Status.PENDING and donation.checkout_id:
        # A refund or dispute that overtook the completion: complete first, from the provider's state.
        donation = donation_sync_checkout(checkout=provider.fetch_checkout(donation.checkout_id), source=source)
    return donation


@transaction.atomic
def recurring_gift_sync(*, subscription: SubscriptionState, source: str) -> RecurringGift | None:
    plan = RecurringGift.objects.select_for_update().filter(subscription_id=subscription.id).first()
    if plan is None or plan.status == RecurringGift.Status.CANCELED:
        return plan
    if subscription.status == PlanStatus.ENDED:
        plan.status = RecurringGift.Status.CANCELED
        plan.canceled_at = timezone.now()
        plan.save(update_fields=["status", "canceled_at"])
        first = plan.first_donation
        audit(first, "monthly gift ended", before=first.status, source=source, detail=subscription.detail)
        notices.monthly_ended_write(plan=plan)  # the donor's confirmation, sent after commit
    return plan
