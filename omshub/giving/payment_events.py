"""What each provider event does to gifts. Every handler fetches the object's current state
from the provider (never trusting the payload beyond its id) and hands it to a service."""

from omshub.giving import services
from omshub.payments.events import handles
from omshub.payments.provider import Event, PaymentProvider


@handles(
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
)
def checkout_changed(provider: PaymentProvider, event: Event) -> None:
    services.donation_sync_checkout(checkout=provider.fetch_checkout(event.object_id), source=event.id)


@handles("invoice.paid")
def invoice_paid(provider: PaymentProvider, event: Event) -> None:
    services.donation_record_invoice(invoice=provider.fetch_invoice(event.object_id), source=event.id)


@handles("charge.refunded", "charge.dispute.created", "charge.dispute.closed", "charge.dispute.updated")
def charge_changed(provider: PaymentProvider, event: Event) -> None:
    data = event.payload.get("data", {}).get("object", {})
    charge_id = data.get("charge") if event.type.startswith("charge.dispute.") else event.object_id
    if not charge_id:
        return
    charge = provider.fetch_charge(str(charge_id))
    donation = services.donation_for_charge(provider=provider, charge=charge, source=event.id)
    if donation is not None:
        services.donation_apply_charge(donation_id=donation.pk, charge=charge, source=event.id)


@handles("customer.subscription.deleted")
def subscription_ended(provider: PaymentProvider, event: Event) -> None:
    services.recurring_gift_sync(subscription=provider.fetch_subscription(event.object_id), source=event.id)


@handles("payment_intent.payment_failed")
def payment_refused(provider: PaymentProvider, event: Event) -> None:
    payment = provider.fetch_payment(event.object_id)
    if payment.reference and payment.status == "requires_payment_method":
        services.donation_record_failed_attempt(reference=payment.reference, source=event.id)
