"""Repair what lost webhooks left behind: compare the provider's recent activity with our gifts."""

from collections import Counter
from datetime import datetime

from omshub.events import payments as ticket_payments
from omshub.giving.models import Donation
from omshub.giving.services import provider_sync
from omshub.payments.provider import PaymentProvider

SOURCE = "reconcile_payments"


def _state(donation: Donation | None) -> tuple[str, int] | None:
    return (donation.status, donation.refunded_cents) if donation else None


def reconcile(*, provider: PaymentProvider, since: datetime) -> Counter[str]:
    """Apply the provider's state to every recent checkout, paid invoice and settlement; count repairs."""
    repaired: Counter[str] = Counter()
    activity = provider.recent_activity(since=since)
    tickets = [checkout for checkout in activity.checkouts if ticket_payments.is_ticket(checkout.reference)]
    if tickets:  # an event's ticket, paid through the same checkout: the events app applies it
        repaired["tickets"] += ticket_payments.tickets_sync_checkouts(provider=provider, checkouts=tickets)
    for checkout in activity.checkouts:
        if ticket_payments.is_ticket(checkout.reference):
            continue
        before = _state(Donation.objects.filter(checkout_id=checkout.id).first())
        after = _state(provider_sync.donation_sync_checkout(checkout=checkout, source=SOURCE))
        repaired["checkouts"] += before != after
    for invoice in activity.invoices:
        existed = Donation.objects.filter(invoice_id=invoice.id, status=Donation.Status.SUCCEEDED).exists()
        donation = provider_sync.donation_record_invoice(invoice=invoice, source=SOURCE)
        repaired["invoices"] += bool(donation) and not existed
    for settlement in activity.settlements:
        donation = provider_sync.donation_for_settlement(provider=provider, settlement=settlement, source=SOURCE)
        if donation is None:
            continue
        before = _state(donation)
        after = _state(
            provider_sync.donation_apply_settlement(donation_id=donation.pk, settlement=settlement, source=SOURCE)
        )
        repaired["charges"] += before != after
    return repaired
