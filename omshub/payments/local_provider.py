"""The local test provider: plays Stripe on a page of our own when no Stripe keys are set.

The donor chooses what the "bank" does (succeed, fail, cancel, succeed later); each choice
sends the same kinds of events as Stripe through the same processing code. Everything
it takes is flagged as a test gift. `registry.get_provider` refuses it in production
unless LOCAL_PAYMENTS_ALLOWED is set.
"""

import secrets
from datetime import datetime

from django.core import signing
from django.db import transaction
from django.urls import reverse

from omshub.payments.models import LocalCheckout
from omshub.payments.provider import (
    CheckoutRequest,
    CheckoutSession,
    CheckoutState,
    CheckoutStatus,
    DisputeState,
    Event,
    InvalidSignature,
    InvoiceState,
    PaymentState,
    PaymentStatus,
    PlanStatus,
    ProviderError,
    RecentActivity,
    RefundResult,
    SettlementState,
    SubscriptionState,
)

PORTAL_SALT = "payments.local-portal"


def new_id(prefix: str) -> str:
    return f"{prefix}_local_{secrets.token_hex(12)}"


class LocalProvider:
    name = "local"
    is_test = True

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        checkout, _ = LocalCheckout.objects.get_or_create(
            idempotency_key=request.idempotency_key,
            defaults={
                "id": new_id("cs"),
                "reference": request.reference,
                "amount_cents": request.amount_cents,
                "currency": request.currency,
                "monthly": request.monthly,
                "email": request.email,
                "description": request.description,
                "success_url": request.success_url,
                "cancel_url": request.cancel_url,
                "customer_id": request.customer_id,
            },
        )
        return CheckoutSession(id=checkout.id, url=reverse("payments:local_checkout", args=[checkout.id]))

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> Event:
        raise InvalidSignature("the local provider sends no webhooks")

    def _get(self, **lookup: str) -> LocalCheckout:
        checkout = LocalCheckout.objects.filter(**lookup).first()
        if checkout is None:
            raise ProviderError(f"no local checkout with {lookup}")
        return checkout

    def fetch_checkout(self, checkout_id: str) -> CheckoutState:
        return checkout_state(self._get(id=checkout_id))

    def fetch_settlement(self, settlement_id: str) -> SettlementState:
        return settlement_state(self._get(charge_id=settlement_id))

    def fetch_settlement_for_payment(self, payment_id: str) -> SettlementState | None:
        checkout = LocalCheckout.objects.filter(payment_intent_id=payment_id).first()
        return settlement_state(checkout) if checkout and checkout.charge_id else None

    def fetch_dispute(self, dispute_id: str) -> DisputeState:
        raise ProviderError("the local provider's bank never disputes a charge")

    def fetch_payment(self, payment_id: str) -> PaymentState:
        checkout = self._get(payment_intent_id=payment_id)
        return PaymentState(id=payment_id, reference=checkout.reference, status=PaymentStatus.REFUSED)

    def fetch_invoice(self, invoice_id: str) -> InvoiceState:
        raise ProviderError("the local provider makes no renewal invoices")

    def fetch_subscription(self, subscription_id: str) -> SubscriptionState:
        checkout = self._get(subscription_id=subscription_id)
        return SubscriptionState(
            id=subscription_id,
            customer_id=checkout.customer_id,
            reference=checkout.reference,
            status=PlanStatus.ACTIVE if checkout.subscription_status == "active" else PlanStatus.ENDED,
            detail=checkout.subscription_status,
        )

    def refund(self, *, payment_id: str, amount_cents: int, idempotency_key: str) -> RefundResult:
        with transaction.atomic():
            checkout = LocalCheckout.objects.select_for_update().filter(payment_intent_id=payment_id).first()
            if checkout is None:
                raise ProviderError("no such charge")
            if idempotency_key not in checkout.refund_keys:
                if checkout.amount_refunded_cents + amount_cents > checkout.amount_cents:
                    raise ProviderError("the refund is larger than what is left of the charge")
                checkout.amount_refunded_cents += amount_cents
                checkout.refund_keys = [*checkout.refund_keys, idempotency_key]
                checkout.save(update_fields=["amount_refunded_cents", "refund_keys"])
        return RefundResult(id=f"re_local_{idempotency_key[-12:]}", amount_cents=amount_cents, status="succeeded")

    def portal_url(self, *, customer_id: str, return_url: str) -> str:
        token = signing.dumps({"customer": customer_id, "return": return_url}, salt=PORTAL_SALT)
        return reverse("payments:local_portal", args=[token])

    def recent_activity(self, *, since: datetime) -> RecentActivity:
        recent = list(LocalCheckout.objects.filter(created_at__gte=since))
        return RecentActivity(
            checkouts=[checkout_state(c) for c in recent if c.status == "complete"],
            settlements=[settlement_state(c) for c in recent if c.charge_id],
        )


def _checkout_status(checkout: LocalCheckout) -> CheckoutStatus:
    """The local bank's own states (LocalCheckout) as the neutral ones."""
    if checkout.status == "complete" and checkout.payment_status == "paid":
        return CheckoutStatus.PAID
    if checkout.payment_failed:
        return CheckoutStatus.FAILED
    return CheckoutStatus.EXPIRED if checkout.status == "expired" else CheckoutStatus.OPEN


def checkout_state(checkout: LocalCheckout) -> CheckoutState:
    return CheckoutState(
        id=checkout.id,
        reference=checkout.reference,
        status=_checkout_status(checkout),
        amount_cents=checkout.amount_cents,
        currency=checkout.currency,
        livemode=False,
        customer_id=checkout.customer_id,
        subscription_id=checkout.subscription_id,
        payment_id=checkout.payment_intent_id,
        created=checkout.created_at,
    )


def settlement_state(checkout: LocalCheckout) -> SettlementState:
    return SettlementState(
        id=checkout.charge_id,
        payment_id=checkout.payment_intent_id,
        invoice_id="",
        amount_cents=checkout.amount_cents,
        refunded_cents=checkout.amount_refunded_cents,
        currency=checkout.currency,
        livemode=False,
        reference=checkout.reference,
        created=checkout.created_at,
    )


def local_event(event_type: str, object_id: str, **data: str) -> Event:
    event_id = new_id("evt")
    return Event(
        id=event_id,
        type=event_type,
        object_id=object_id,
        livemode=False,
        payload={"id": event_id, "type": event_type, "data": {"object": {"id": object_id, **data}}},
    )
