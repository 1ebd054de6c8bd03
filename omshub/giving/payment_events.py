"""What each provider event does to gifts. Every handler fetches the object's current state
from the provider (never trusting the payload beyond its id) and hands it to a service.

Each gets a run of events in arrival order (see payments/events.py); completed checkouts, one
per gift, are applied together, the rarer events one by one. docs/deployment.md lists the
event types to ask Stripe for: every key these handlers register (a test compares them)."""

from dataclasses import replace

from omshub.giving.services import provider_sync
from omshub.payments.events import fetch_each, handles
from omshub.payments.provider import ChargeState, Event, PaymentProvider


@handles(
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
)
def checkout_changed(provider: PaymentProvider, events: list[Event]) -> None:
    checkouts = fetch_each(provider.fetch_checkout, [event.object_id for event in events])
    provider_sync.donations_sync_checkouts(checkouts=[(c, e.id) for c, e in zip(checkouts, events, strict=True)])


@handles("invoice.paid")
def invoice_paid(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        provider_sync.donation_record_invoice(invoice=provider.fetch_invoice(event.object_id), source=event.id)


def _apply_charge(provider: PaymentProvider, charge: ChargeState, source: str) -> None:
    donation = provider_sync.donation_for_charge(provider=provider, charge=charge, source=source)
    if donation is not None:
        provider_sync.donation_apply_charge(donation_id=donation.pk, charge=charge, source=source)


@handles("charge.refunded")
def charge_refunded(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        _apply_charge(provider, provider.fetch_charge(event.object_id), event.id)


@handles("charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed")
def dispute_changed(provider: PaymentProvider, events: list[Event]) -> None:
    """The event's object is the dispute, which names its charge (a charge does not name its
    dispute): the dispute's status now, with the charge's refunds now."""
    for event in events:
        dispute = provider.fetch_dispute(event.object_id)
        charge = replace(provider.fetch_charge(dispute.charge_id), dispute_status=dispute.status)
        _apply_charge(provider, charge, event.id)


@handles("customer.subscription.deleted")
def subscription_ended(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        provider_sync.recurring_gift_sync(subscription=provider.fetch_subscription(event.object_id), source=event.id)


@handles("payment_intent.payment_failed")
def payment_refused(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        payment = provider.fetch_payment(event.object_id)
        if payment.reference and payment.status == "requires_payment_method":
            provider_sync.donation_record_failed_attempt(reference=payment.reference, source=event.id)
