"""The payment provider interface: what the rest of the code may ask of Stripe or the local test provider.

Inputs and outputs are small frozen dataclasses with typed, neutral states (the enums below),
so nothing outside a provider module ever touches an SDK object or a provider's own words:
each provider maps its statuses onto these (payments/stripe_provider.py, local_provider.py).
Webhook handlers never trust an event's payload: they ask the provider for the object's
current state (`fetch_*`), which makes every ordering of events converge on the same result.

The words: a *checkout* is the payment page a gift starts on; a *payment* is one attempt to
take money (its id is what a refund names); a *settlement* is the money a payment took, with
what was refunded and its dispute; an *invoice* is a monthly plan's bill; a *plan* is the
subscription behind a monthly gift.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class ProviderError(Exception):
    """The provider could not be reached or refused; the caller may retry with the same key."""


class InvalidSignature(Exception):
    """A webhook whose signature, or timestamp, does not verify."""


class CheckoutStatus(StrEnum):
    OPEN = "open"  # the donor has not finished, or a delayed payment (a bank debit) is on its way
    PAID = "paid"
    FAILED = "failed"  # finished, but the bank refused the delayed payment
    EXPIRED = "expired"  # abandoned: nothing was taken


class PaymentStatus(StrEnum):
    PENDING = "pending"  # processing, or waiting on the donor
    SUCCEEDED = "succeeded"
    REFUSED = "refused"  # the bank said no; the donor may try another card
    CANCELED = "canceled"


class InvoiceStatus(StrEnum):
    OPEN = "open"  # drafted or waiting for payment
    PAID = "paid"
    VOID = "void"  # voided or written off: never paid


class PlanStatus(StrEnum):
    ACTIVE = "active"  # including a payment late and being retried
    ENDED = "ended"  # canceled, or never started, or given up after failed payments


class DisputeStatus(StrEnum):
    """Where a dispute stands. The values are what gifts store (Donation.dispute_status)."""

    INQUIRY_NEEDS_RESPONSE = "warning_needs_response"
    INQUIRY_UNDER_REVIEW = "warning_under_review"
    INQUIRY_CLOSED = "warning_closed"
    NEEDS_RESPONSE = "needs_response"
    UNDER_REVIEW = "under_review"
    WON = "won"
    LOST = "lost"
    PREVENTED = "prevented"
    APPEAL_NEEDS_RESPONSE = "appeal_needs_response"
    APPEAL_UNDER_REVIEW = "appeal_under_review"
    UNKNOWN = "unknown"  # a status this code does not know yet: the gift stays out of the totals


class EventKind(StrEnum):
    """What a provider event is about; payments/events.py maps each provider's event types onto these."""

    CHECKOUT_CHANGED = "checkout changed"
    INVOICE_PAID = "invoice paid"
    REFUNDED = "refunded"
    DISPUTE_CHANGED = "dispute changed"
    PLAN_ENDED = "plan ended"
    PAYMENT_REFUSED = "payment refused"


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
    type: str  # the provider's own name for it; see EventKind
    object_id: str
    livemode: bool
    payload: dict


@dataclass(frozen=True)
class CheckoutState:
    """A checkout as the provider sees it now."""

    id: str
    reference: str
    status: CheckoutStatus
    amount_cents: int
    currency: str
    livemode: bool
    customer_id: str = ""
    subscription_id: str = ""
    payment_id: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class SettlementState:
    """The money a payment took, as the provider sees it now: how much is refunded, whether it is disputed."""

    id: str
    payment_id: str
    invoice_id: str
    amount_cents: int
    refunded_cents: int
    currency: str
    livemode: bool
    reference: str = ""  # from the payment's metadata, when it has one
    # Its dispute, when the caller knows it (None: none, or not known: keep what we have).
    # A settlement does not carry its dispute; a dispute carries its settlement (DisputeState).
    dispute_status: DisputeStatus | None = None
    created: datetime | None = None


@dataclass(frozen=True)
class DisputeState:
    """A dispute (a chargeback or an inquiry) as the provider sees it now."""

    id: str
    settlement_id: str
    payment_id: str
    status: DisputeStatus
    amount_cents: int
    livemode: bool


@dataclass(frozen=True)
class InvoiceState:
    """A subscription invoice: the plan's first one belongs to the checkout, later ones are renewals."""

    id: str
    subscription_id: str
    customer_id: str
    reference: str  # the subscription's metadata: the first gift's reference
    status: InvoiceStatus
    opens_plan: bool  # the plan's first invoice (later ones are renewals)
    amount_paid_cents: int
    currency: str
    livemode: bool
    payment_id: str = ""
    settlement_id: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class PaymentState:
    """A payment attempt: its status and our reference, when it carries one."""

    id: str
    reference: str
    status: PaymentStatus


@dataclass(frozen=True)
class SubscriptionState:
    id: str
    customer_id: str
    reference: str
    status: PlanStatus
    detail: str = ""  # the provider's own word for why (kept in the gift's history for staff)


@dataclass(frozen=True)
class RefundResult:
    id: str
    amount_cents: int
    status: str


@dataclass(frozen=True)
class RecentActivity:
    """What `reconcile_payments` compares with the database."""

    checkouts: list[CheckoutState] = field(default_factory=list)
    settlements: list[SettlementState] = field(default_factory=list)
    invoices: list[InvoiceState] = field(default_factory=list)


class PaymentProvider(Protocol):
    name: str
    is_test: bool

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession: ...

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> Event: ...

    def fetch_checkout(self, checkout_id: str) -> CheckoutState: ...

    def fetch_settlement(self, settlement_id: str) -> SettlementState: ...

    def fetch_settlement_for_payment(self, payment_id: str) -> SettlementState | None: ...

    def fetch_dispute(self, dispute_id: str) -> DisputeState: ...

    def fetch_payment(self, payment_id: str) -> PaymentState: ...

    def fetch_invoice(self, invoice_id: str) -> InvoiceState: ...

    def fetch_subscription(self, subscription_id: str) -> SubscriptionState: ...

    def refund(self, *, payment_id: str, amount_cents: int, idempotency_key: str) -> RefundResult: ...

    def portal_url(self, *, customer_id: str, return_url: str) -> str: ...

    def recent_activity(self, *, since: datetime) -> RecentActivity: ...
