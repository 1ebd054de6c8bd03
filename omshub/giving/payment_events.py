"""What each provider event does to gifts. Every handler fetches the object's current state
from the provider (never trusting the payload beyond its id) and hands it to a service.

Each gets a run of events in arrival order (see payments/events.py); checkouts that changed,
one per gift, are applied together, the rarer events one by one. Handlers name the neutral
kind of event (EventKind); payments/events.py knows which provider event types each means,
and docs/deployment.md lists those types for operators (a test compares them)."""

from dataclasses import replace

from omshub.events import payments as ticket_payments
from omshub.giving.services import provider_sync
from omshub.payments.events import fetch_each, handles
from omshub.payments.provider import Event, EventKind, PaymentProvider, PaymentStatus, SettlementState


@handles(EventKind.CHECKOUT_CHANGED)
def checkout_changed(provider: PaymentProvider, events: list[Event]) -> None:
    checkouts = fetch_each(provider.fetch_checkout, [event.object_id for event in events])
    # An event's ticket is paid through the same checkout: dispatched to the events app.
    tickets = [checkout for checkout in checkouts if ticket_payments.is_ticket(checkout.reference)]
    if tickets:
        ticket_payments.tickets_sync_checkouts(provider=provider, checkouts=tickets)
    provider_sync.donations_sync_checkouts(
        checkouts=[
            (c, e.id) for c, e in zip(checkouts, events, strict=True) if not ticket_payments.is_ticket(c.reference)
        ]
    )


@handles(EventKind.INVOICE_PAID)
def invoice_paid(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        provider_sync.donation_record_invoice(invoice=provider.fetch_invoice(event.object_id), source=event.id)


def _apply_settlement(provider: PaymentProvider, settlement: SettlementState, source: str) -> None:
    donation = provider_sync.donation_for_settlement(provider=provider, settlement=settlement, source=source)
    if donation is not None:
        provider_sync.donation_apply_settlement(donation_id=donation.pk, settlement=settlement, source=source)


@handles(EventKind.REFUNDED)
def refunded(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        _apply_settlement(provider, provider.fetch_settlement(event.object_id), event.id)


@handles(EventKind.DISPUTE_CHANGED)
def dispute_changed(provider: PaymentProvider, events: list[Event]) -> None:
    """The event's object is the dispute, which names its settlement (a settlement does not name
    its dispute): the dispute's status now, with the settlement's refunds now."""
    for event in events:
        dispute = provider.fetch_dispute(event.object_id)
        settlement = replace(provider.fetch_settlement(dispute.settlement_id), dispute_status=dispute.status)
        _apply_settlement(provider, settlement, event.id)


@handles(EventKind.PLAN_ENDED)
def subscription_ended(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        provider_sync.recurring_gift_sync(subscription=provider.fetch_subscription(event.object_id), source=event.id)


@handles(EventKind.PAYMENT_REFUSED)
def payment_refused(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        payment = provider.fetch_payment(event.object_id)
        if payment.reference and payment.status == PaymentStatus.REFUSED:
            provider_sync.donation_record_failed_attempt(reference=payment.reference, source=event.id)
