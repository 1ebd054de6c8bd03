"""Everything events ask of the payments app, in one module: start a ticket's checkout through
the provider interface, and apply a ticket's checkout when the provider's events arrive.

The webhook's checkout handler (giving/payment_events.py) and the reconciliation of lost webhooks
(giving/reconcile.py) hand the checkouts whose reference starts with TICKET_PREFIX here
(`is_ticket` and `tickets_sync_checkouts`) and the rest to gifts.
"""

import logging

from django.db.models import Q
from django.utils import timezone

from omshub.events import services
from omshub.events.models import TICKET_PREFIX, Registration
from omshub.payments.provider import CheckoutRequest, CheckoutState, CheckoutStatus, PaymentProvider, ProviderError
from omshub.payments.registry import PaymentsClosed, get_provider

logger = logging.getLogger(__name__)


class CheckoutUnavailable(Exception):
    """No provider can take a payment now (closed, or it refused): nothing was charged."""


def provider_or_none() -> PaymentProvider | None:
    try:
        return get_provider()
    except PaymentsClosed:
        return None


def ticket_checkout_start(
    *, provider: PaymentProvider, registration: Registration, description: str, success_url: str, cancel_url: str
) -> str:
    """The provider's payment page for a held seat (the same one on a second try, unless too
    little of the hold was left for the provider's shortest checkout: then the hold is extended
    and the page is a new one)."""
    assert registration.hold_expires_at is not None
    if services.hold_needs_extending(registration, timezone.now()):
        registration = services.registration_hold_extend(registration_id=registration.pk)
        if registration.status != Registration.Status.HELD:
            raise CheckoutUnavailable
    hold = registration.hold_expires_at
    assert hold is not None
    try:
        session = provider.create_checkout(
            CheckoutRequest(
                reference=registration.provider_reference,
                amount_cents=registration.total_cents,
                currency=registration.event.currency,
                monthly=False,
                description=description,
                email=registration.email,
                success_url=success_url,
                cancel_url=cancel_url,
                idempotency_key=f"ticket-{registration.reference}-{hold.timestamp():.0f}",
                locale=registration.language,
                purchase=True,
                expires_at=hold - services.CHECKOUT_CLOSES_BEFORE_HOLD,
            )
        )
    except ProviderError as error:
        raise CheckoutUnavailable from error
    services.registration_attach_checkout(registration_id=registration.pk, checkout_id=session.id)
    return session.url


def is_ticket(reference: str) -> bool:
    return reference.startswith(TICKET_PREFIX)


def _paid(checkout: CheckoutState) -> bool:
    return checkout.status == CheckoutStatus.PAID


def _ended(checkout: CheckoutState) -> bool:
    return checkout.status in (CheckoutStatus.EXPIRED, CheckoutStatus.FAILED)


def _late_refund(provider: PaymentProvider, registration: Registration, checkout: CheckoutState) -> None:
    """Paid after the seat went to someone else: the whole payment goes back, once. When the
    provider refuses, the next webhook replay or `reconcile_payments` tries again; meanwhile the
    other tickets and the gifts of the same batch are still brought in line."""
    try:
        result = provider.refund(
            payment_id=checkout.payment_id,
            amount_cents=checkout.amount_cents,
            idempotency_key=f"ticket-late-{registration.reference}",
        )
    except ProviderError as error:
        logger.warning("Refund of late-paid ticket %s failed, tried again later: %s", registration.reference, error)
        return
    services.late_refund_made(registration_id=registration.pk, refund_id=result.id)


def tickets_sync_checkouts(*, provider: PaymentProvider, checkouts: list[CheckoutState]) -> int:
    """Bring each ticket in line with its checkout: paid confirms the seat, expired or failed frees
    it. How many tickets changed (for `reconcile_payments`, which repairs what a lost webhook left)."""
    changed = 0
    for checkout in checkouts:
        reference = checkout.reference.removeprefix(TICKET_PREFIX)
        registration = Registration.objects.filter(Q(checkout_id=checkout.id) | Q(reference=reference)).first()
        if registration is None:
            continue
        before = registration.status
        if _paid(checkout):
            payment = services.Payment(checkout.amount_cents, checkout.payment_id)
            registration, refund = services.registration_paid(registration_id=registration.pk, payment=payment)
            if refund and checkout.payment_id:
                _late_refund(provider, registration, checkout)
        elif _ended(checkout) and registration.checkout_id == checkout.id:
            registration = services.registration_checkout_ended(registration_id=registration.pk)
        changed += registration.status != before
    return changed
