"""What each provider event does to gifts. Every handler fetches the object's current state
from the provider (never trusting the payload beyond its id) and hands it to a service.

Each gets a run of events in arrival order (see payments/events.py); completed checkouts, one
per gift, are applied together, the rarer events one by one."""

from omshub.giving import services
from omshub.payments.events import fetch_each, handles
from omshub.payments.provider import Event, PaymentProvider


@handles(
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
)
def checkout_changed(provider: PaymentProvider, events: list[Event]) -> None:
    checkouts = fetch_each(provider.fetch_checkout, [event.object_id for event in events])
    services.donations_sync_checkouts(checkouts=[(c, e.id) for c, e in zip(checkouts, events, strict=True)])


@handles("invoice.paid")
def invoice_paid(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        services.donation_record_invoice(invoice=provider.fetch_invoice(event.object_id), source=event.id)


@handles("charge.refunded", "charge.dispute.created", "charge.dispute.closed", "charge.dispute.updated")
def charge_changed(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        data = event.payload.get("data", {}).get("object", {})
        charge_id = data.get("charge") if event.type.startswith("charge.dispute.") else event.object_id
        if not charge_id:
            continue
        charge = provider.fetch_charge(str(charge_id))
        donation = services.donation_for_charge(provider=provider, charge=charge, source=event.id)
        if donation is not None:
            services.donation_apply_charge(donation_id=donation.pk, charge=charge, source=event.id)


@handles("customer.subscription.deleted")
def subscription_ended(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        services.recurring_gift_sync(subscription=provider.fetch_subscription(event.object_id), source=event.id)


@handles("payment_intent.payment_failed")
def payment_refused(provider: PaymentProvider, events: list[Event]) -> None:
    for event in events:
        payment = provider.fetch_payment(event.object_id)
        if payment.reference and payment.status == "requires_payment_method":
            services.donation_record_failed_attempt(reference=payment.reference, source=event.id)
