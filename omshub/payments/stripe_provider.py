"""Stripe through stripe-python: the only module that imports the SDK.

Checkout in payment and subscription mode with an idempotency key on every POST, the
signature check on the raw webhook body, and fetches of the current state of a checkout,
charge, dispute, invoice or subscription for the webhook handlers and `reconcile_payments`.
Only what the API version stripe-python sends has is asked for: a charge does not carry its
dispute (nor can it be expanded), a dispute carries its charge and payment. `base_url` points
the client at a local fake Stripe in tests; nothing else differs.
"""

import json
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import stripe

from omshub.payments.provider import (
    CheckoutRequest,
    CheckoutSession,
    CheckoutState,
    CheckoutStatus,
    DisputeState,
    DisputeStatus,
    Event,
    InvalidSignature,
    InvoiceState,
    InvoiceStatus,
    PaymentState,
    PaymentStatus,
    PlanStatus,
    ProviderError,
    RecentActivity,
    RefundResult,
    SettlementState,
    SubscriptionState,
)

SIGNATURE_TOLERANCE_SECONDS = 300

# Stripe's words for each neutral state (payments/provider.py); anything else is the first one named.
PAYMENT_STATUSES = {
    "succeeded": PaymentStatus.SUCCEEDED,
    "requires_payment_method": PaymentStatus.REFUSED,
    "canceled": PaymentStatus.CANCELED,
}
INVOICE_STATUSES = {"paid": InvoiceStatus.PAID, "void": InvoiceStatus.VOID, "uncollectible": InvoiceStatus.VOID}
ENDED_SUBSCRIPTIONS = {"canceled", "incomplete_expired", "unpaid"}


def _checkout_status(session: Mapping[str, Any], payment_failed: bool) -> CheckoutStatus:
    if session.get("status") == "complete" and session.get("payment_status") in ("paid", "no_payment_required"):
        return CheckoutStatus.PAID
    if payment_failed:
        return CheckoutStatus.FAILED
    return CheckoutStatus.EXPIRED if session.get("status") == "expired" else CheckoutStatus.OPEN


def _dispute_status(status: str) -> DisputeStatus:
    try:
        return DisputeStatus(status)
    except ValueError:
        return DisputeStatus.UNKNOWN


def _when(timestamp: int | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, UTC) if timestamp else None


def _id(value: Any) -> str:
    """An expandable field is an id or an object (a StripeObject or, fetched raw, a dict); we want the id."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value["id"])


def _metadata(obj: Any) -> dict[str, str]:
    metadata = getattr(obj, "metadata", None)
    return dict(metadata.to_dict()) if metadata else {}


def _refuse_future(signature: str) -> None:
    """Stripe's check refuses old timestamps; a clock far ahead is as suspect."""
    stamps = [part[2:] for part in signature.split(",") if part.startswith("t=")]
    if not stamps or int(stamps[0]) > time.time() + SIGNATURE_TOLERANCE_SECONDS:
        raise ValueError("timestamp outside the tolerance")


class StripeProvider:
    name = "stripe"

    def __init__(
        self,
        *,
        secret_key: str,
        webhook_secret: str,
        base_url: str = "",
        timeout_seconds: float = 20,
        max_network_retries: int = 2,
    ) -> None:
        self.is_test = not secret_key.startswith(("sk_live_", "rk_live_"))
        self._webhook_secret = webhook_secret
        self._client = stripe.StripeClient(
            secret_key,
            base_addresses={"api": base_url} if base_url else None,
            # The SDK's own client (requests, one kept-alive session per thread), with our timeout.
            http_client=stripe.RequestsClient(timeout=timeout_seconds),
            max_network_retries=max_network_retries,
        )

    def _call(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except stripe.StripeError as error:
            raise ProviderError(str(error)) from error

    # Checkout -------------------------------------------------------------------------

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        metadata = {"reference": request.reference}
        price_data: dict[str, Any] = {
            "currency": request.currency,
            "unit_amount": request.amount_cents,
            "product_data": {"name": request.description},
        }
        params: dict[str, Any] = {
            "mode": "subscription" if request.monthly else "payment",
            "line_items": [{"quantity": 1, "price_data": price_data}],
            **({"customer": request.customer_id} if request.customer_id else {"customer_email": request.email}),
            "client_reference_id": request.reference,
            "metadata": metadata,
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "locale": request.locale if request.locale in ("en", "es") else "auto",
        }
        if request.monthly:
            price_data["recurring"] = {"interval": "month"}
            params["subscription_data"] = {"metadata": metadata}
        else:
            params["payment_intent_data"] = {"metadata": metadata}
            params["submit_type"] = "pay" if request.purchase else "donate"
        if request.expires_at is not None:
            params["expires_at"] = int(request.expires_at.timestamp())
        session = self._call(
            self._client.v1.checkout.sessions.create, params, {"idempotency_key": request.idempotency_key}
        )
        return CheckoutSession(id=session.id, url=session.url)

    def fetch_checkout(self, checkout_id: str) -> CheckoutState:
        """As a plain dict, through the client's public `raw_request` (stripe-python's "custom
        requests": the same retries, idempotency and errors) and the JSON it parsed (`data`):
        building the SDK's objects for it was half the CPU of a fetch, and the webhook's workers
        make one fetch per event (docs/decisions/0010-payments-on-public-apis.md)."""
        path = f"/v1/checkout/sessions/{quote(checkout_id, safe='')}"
        response = self._call(self._client.raw_request, "get", path, expand=["payment_intent"])
        return self._checkout_state(response.data)

    def _checkout_state(self, session: Mapping[str, Any]) -> CheckoutState:
        """From a session as a plain dict (fetched raw, or `StripeObject.to_dict()`)."""
        payment_intent = session.get("payment_intent")
        payment_id = _id(payment_intent)
        payment_failed = (
            session.get("status") == "complete"
            and session.get("payment_status") == "unpaid"
            and payment_intent is not None
            and not isinstance(payment_intent, str)
            and payment_intent.get("status") in ("requires_payment_method", "canceled")
        )
        if not payment_id and session.get("invoice"):
            invoice = self.fetch_invoice(_id(session["invoice"]))
            payment_id = invoice.payment_id
        return CheckoutState(
            id=session["id"],
            reference=(session.get("metadata") or {}).get("reference") or session.get("client_reference_id") or "",
            status=_checkout_status(session, payment_failed),
            amount_cents=session.get("amount_total") or 0,
            currency=session.get("currency") or "usd",
            livemode=bool(session.get("livemode")),
            customer_id=_id(session.get("customer")),
            subscription_id=_id(session.get("subscription")),
            payment_id=payment_id,
            created=_when(session.get("created")),
        )

    # Webhooks -------------------------------------------------------------------------

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> Event:
        signature = headers.get("stripe-signature", "")
        if not self._webhook_secret:
            raise InvalidSignature("STRIPE_WEBHOOK_SECRET is not set: no webhook can be trusted")
        try:
            stripe.WebhookSignature.verify_header(
                body.decode("utf-8"), signature, self._webhook_secret, tolerance=SIGNATURE_TOLERANCE_SECONDS
            )
            _refuse_future(signature)
            event = json.loads(body)
            data_object = event["data"]["object"]
            return Event(
                id=str(event["id"]),
                type=str(event["type"]),
                object_id=str(data_object.get("id", "")),
                livemode=bool(event.get("livemode")),
                payload=event,
            )
        except (ValueError, KeyError, TypeError, stripe.SignatureVerificationError) as error:
            raise InvalidSignature(str(error)) from error

    # Charges, invoices, subscriptions ------------------------------------------------

    def fetch_settlement(self, settlement_id: str) -> SettlementState:
        """A settlement is a Stripe charge."""
        charge = self._call(self._client.v1.charges.retrieve, settlement_id, {"expand": ["payment_intent"]})
        return self._charge_state(charge)

    def fetch_dispute(self, dispute_id: str) -> DisputeState:
        return self._dispute_state(self._call(self._client.v1.disputes.retrieve, dispute_id))

    def _dispute_state(self, dispute: Any) -> DisputeState:
        return DisputeState(
            id=dispute.id,
            settlement_id=_id(dispute.charge),
            payment_id=_id(dispute.payment_intent),
            status=_dispute_status(dispute.status),
            amount_cents=dispute.amount,
            livemode=bool(dispute.livemode),
        )

    def fetch_settlement_for_payment(self, payment_id: str) -> SettlementState | None:
        charges = self._call(
            self._client.v1.charges.list,
            {"payment_intent": payment_id, "limit": 1, "expand": ["data.payment_intent"]},
        )
        return self._charge_state(charges.data[0]) if charges.data else None

    def _charge_state(self, charge: Any, *, dispute_status: str = "") -> SettlementState:
        payment_intent = charge.payment_intent
        reference = _metadata(payment_intent).get("reference", "") if not isinstance(payment_intent, str) else ""
        payment_intent_id = _id(payment_intent)
        invoice_id = ""
        if not reference and payment_intent_id:
            # A subscription's charge: its invoice carries the subscription and so the reference.
            payments = self._call(
                self._client.v1.invoice_payments.list,
                {"payment": {"type": "payment_intent", "payment_intent": payment_intent_id}, "limit": 1},
            )
            invoice_id = _id(payments.data[0].invoice) if payments.data else ""
        return SettlementState(
            id=charge.id,
            payment_id=payment_intent_id,
            invoice_id=invoice_id,
            amount_cents=charge.amount,
            refunded_cents=charge.amount_refunded or 0,
            currency=charge.currency,
            livemode=bool(charge.livemode),
            reference=reference,
            dispute_status=_dispute_status(dispute_status) if dispute_status else None,
            created=_when(charge.created),
        )

    def _charges_with(self, recent: list[Any], later: set[str], disputes: dict[str, str]) -> list[SettlementState]:
        """The recent charges and the older ones refunded or disputed lately, each with its dispute's
        status when one was listed (a charge has at most one dispute)."""
        seen = {charge.id for charge in recent}
        older = [
            self._call(self._client.v1.charges.retrieve, cid, {"expand": ["payment_intent"]}) for cid in later - seen
        ]
        return [self._charge_state(c, dispute_status=disputes.get(c.id, "")) for c in recent + older]

    def fetch_payment(self, payment_id: str) -> PaymentState:
        intent = self._call(self._client.v1.payment_intents.retrieve, payment_id)
        status = PAYMENT_STATUSES.get(intent.status, PaymentStatus.PENDING)
        return PaymentState(id=intent.id, reference=_metadata(intent).get("reference", ""), status=status)

    def fetch_invoice(self, invoice_id: str) -> InvoiceState:
        invoice = self._call(self._client.v1.invoices.retrieve, invoice_id, {"expand": ["payments"]})
        return self._invoice_state(invoice)

    def _invoice_state(self, invoice: Any) -> InvoiceState:
        details = invoice.parent.subscription_details if invoice.parent else None
        payment_intent_id = charge_id = ""
        for invoice_payment in invoice.payments.data if invoice.payments else []:
            payment = invoice_payment.payment
            if invoice_payment.status == "paid" and payment:
                payment_intent_id = _id(getattr(payment, "payment_intent", None))
                charge_id = _id(getattr(payment, "charge", None))
        return InvoiceState(
            id=invoice.id,
            subscription_id=_id(details.subscription) if details else "",
            customer_id=_id(invoice.customer),
            reference=_metadata(details).get("reference", "") if details else "",
            status=INVOICE_STATUSES.get(invoice.status or "", InvoiceStatus.OPEN),
            opens_plan=invoice.billing_reason == "subscription_create",
            amount_paid_cents=invoice.amount_paid or 0,
            currency=invoice.currency,
            livemode=bool(invoice.livemode),
            payment_id=payment_intent_id,
            settlement_id=charge_id,
            created=_when(invoice.created),
        )

    def fetch_subscription(self, subscription_id: str) -> SubscriptionState:
        subscription = self._call(self._client.v1.subscriptions.retrieve, subscription_id)
        return SubscriptionState(
            id=subscription.id,
            customer_id=_id(subscription.customer),
            reference=_metadata(subscription).get("reference", ""),
            status=PlanStatus.ENDED if subscription.status in ENDED_SUBSCRIPTIONS else PlanStatus.ACTIVE,
            detail=subscription.status,
        )

    def refund(self, *, payment_id: str, amount_cents: int, idempotency_key: str) -> RefundResult:
        refund = self._call(
            self._client.v1.refunds.create,
            {"payment_intent": payment_id, "amount": amount_cents, "reason": "requested_by_customer"},
            {"idempotency_key": idempotency_key},
        )
        return RefundResult(id=refund.id, amount_cents=refund.amount, status=refund.status or "")

    def portal_url(self, *, customer_id: str, return_url: str) -> str:
        session = self._call(
            self._client.v1.billing_portal.sessions.create, {"customer": customer_id, "return_url": return_url}
        )
        return str(session.url)

    def recent_activity(self, *, since: datetime) -> RecentActivity:
        created = {"gte": int(since.timestamp())}
        sessions = self._call(
            self._client.v1.checkout.sessions.list,
            {"created": created, "limit": 100, "expand": ["data.payment_intent"]},
        )
        charges = self._call(
            self._client.v1.charges.list, {"created": created, "limit": 100, "expand": ["data.payment_intent"]}
        )
        # Refunds and disputes often come weeks after the charge: find their charges too.
        refunds = self._call(self._client.v1.refunds.list, {"created": created, "limit": 100})
        disputes = self._call(self._client.v1.disputes.list, {"created": created, "limit": 100})
        dispute_status = {_id(d.charge): d.status for d in disputes.auto_paging_iter()}
        later = {_id(r.charge) for r in refunds.auto_paging_iter()} | set(dispute_status)
        invoices = self._call(
            self._client.v1.invoices.list,
            {"created": created, "status": "paid", "limit": 100, "expand": ["data.payments"]},
        )
        return RecentActivity(
            checkouts=[
                self._checkout_state(s.to_dict()) for s in sessions.auto_paging_iter() if s.status == "complete"
            ],
            settlements=self._charges_with(list(charges.auto_paging_iter()), later, dispute_status),
            invoices=[self._invoice_state(i) for i in invoices.auto_paging_iter()],
        )
