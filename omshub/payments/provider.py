"""The payment provider interface: what the rest of the code may ask of Stripe or the local test provider.

Inputs and outputs are small frozen dataclasses, so nothing outside a provider module ever
touches an SDK object. Webhook handlers never trust an event's payload: they ask the
provider for the object's current state (`fetch_*`), which makes every ordering of events
converge on the same result.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


class ProviderError(Exception):
    """The provider could not be reached or refused; the caller may retry with the same key."""


class InvalidSignature(Exception):
    """A webhook whose signature, or timestamp, does not verify."""


@dataclass(frozen=True)
class CheckoutRequest:
    reference: str  # our donation's public reference, echoed back in metadata
    amount_cents: int
    currency: str
    monthly: bool
    description: str
    email: str
    success_url: str
    cancel_url: str
    idempotency_key: str
    locale: str = "en"
    customer_id: str = ""  # a returning monthly donor: one customer, so one portal shows all their gifts
    # A purchase (an event's ticket), not a gift: the provider's page says "Pay", not "Donate",
    # and the checkout closes at `expires_at` (the end of the seat's hold; at least 30 minutes ahead).
    purchase: bool = False
    expires_at: datetime | None = None


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    object_id: str
    livemode: bool
    payload: dict


@dataclass(frozen=True)
class CheckoutState:
    """A checkout as the provider sees it now."""

    id: str
    reference: str
    status: str  # open | complete | expired
    payment_status: str  # paid | unpaid | no_payment_required
    amount_cents: int
    currency: str
    livemode: bool
    customer_id: str = ""
    subscription_id: str = ""
    payment_intent_id: str = ""
    payment_failed: bool = False  # a delayed payment (e.g. a bank debit) that the bank refused
    created: datetime | None = None


@dataclass(frozen=True)
class ChargeState:
    """A charge as the provider sees it now: how much is refunded, whether it is disputed."""

    id: str
    payment_intent_id: str
    invoice_id: str
    amount_cents: int
    amount_refunded_cents: int
    currency: str
    livemode: bool
    reference: str = ""  # from the payment's metadata, when it has one
    # The charge's dispute, when the caller knows it ("": none, or not known: keep what we have).
    # A charge no longer carries its dispute; a dispute carries its charge (DisputeState).
    dispute_status: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class DisputeState:
    """A dispute (a chargeback or an inquiry) as the provider sees it now."""

    id: str
    charge_id: str
    payment_intent_id: str
    # warning_needs_response | warning_under_review | warning_closed | needs_response | under_review
    # | won | lost | prevented | appeal_needs_response | appeal_under_review
    status: str
    amount_cents: int
    livemode: bool


@dataclass(frozen=True)
class InvoiceState:
    """A paid subscription invoice: the first one belongs to the checkout, later ones are renewals."""

    id: str
    subscription_id: str
    customer_id: str
    reference: str  # the subscription's metadata: the first gift's reference
    status: str  # draft | open | paid | uncollectible | void
    billing_reason: str  # subscription_create | subscription_cycle | ...
    amount_paid_cents: int
    currency: str
    livemode: bool
    payment_intent_id: str = ""
    charge_id: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class PaymentState:
    """A payment attempt (payment intent): its status and our reference, when it carries one."""

    id: str
    reference: str
    status: str  # requires_payment_method after a refusal, processing, succeeded ...


@dataclass(frozen=True)
class SubscriptionState:
    id: str
    customer_id: str
    reference: str
    status: str  # active | past_due | canceled | ...


@dataclass(frozen=True)
class RefundResult:
    id: str
    amount_cents: int
    status: str


@dataclass(frozen=True)
class RecentActivity:
    """What `reconcile_payments` compares with the database."""

    checkouts: list[CheckoutState] = field(default_factory=list)
    charges: list[ChargeState] = field(default_factory=list)
    invoices: list[InvoiceState] = field(default_factory=list)


class PaymentProvider(Protocol):
    name: str
    is_test: bool

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession: ...

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> Event: ...

    def fetch_checkout(self, checkout_id: str) -> CheckoutState: ...

    def fetch_charge(self, charge_id: str) -> ChargeState: ...

    def fetch_charge_for_payment(self, payment_intent_id: str) -> ChargeState | None: ...

    def fetch_dispute(self, dispute_id: str) -> DisputeState: ...

    def fetch_payment(self, payment_intent_id: str) -> PaymentState: ...

    def fetch_invoice(self, invoice_id: str) -> InvoiceState: ...

    def fetch_subscription(self, subscription_id: str) -> SubscriptionState: ...

    def refund(self, *, payment_intent_id: str, amount_cents: int, idempotency_key: str) -> RefundResult: ...

    def portal_url(self, *, customer_id: str, return_url: str) -> str: ...

    def recent_activity(self, *, since: datetime) -> RecentActivity: ...
