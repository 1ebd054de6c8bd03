"""Provider events, from a webhook or the local test provider, each stored and applied once.

A duplicate costs one indexed lookup. Handlers, registered by the apps that own the data
(`@handles("invoice.paid")`), fetch the object's current state from the provider and
converge on it, so a repeated, concurrent or out-of-order event changes nothing twice.
An event nobody handles is stored as ignored; a handler's failure is stored and re-raised,
so the webhook answers 500 and the provider retries.
"""

import logging
from collections.abc import Callable
from enum import StrEnum

from django.db.models import F
from django.utils import timezone

from omshub.payments.models import WebhookEvent
from omshub.payments.provider import Event, PaymentProvider

logger = logging.getLogger(__name__)

Handler = Callable[[PaymentProvider, Event], None]
HANDLERS: dict[str, Handler] = {}


class Outcome(StrEnum):
    PROCESSED = "processed"
    IGNORED = "ignored"
    DUPLICATE = "duplicate"


def handles(*event_types: str) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        for event_type in event_types:
            HANDLERS[event_type] = handler
        return handler

    return decorate


DONE = (WebhookEvent.Status.PROCESSED, WebhookEvent.Status.IGNORED)


def _stored(provider: PaymentProvider, event: Event, status: str) -> None:
    """Insert the event once: a retry, or a copy arriving at the same moment, inserts nothing."""
    WebhookEvent.objects.bulk_create(
        [
            WebhookEvent(
                provider=provider.name,
                event_id=event.id,
                type=event.type,
                object_id=event.object_id,
                livemode=event.livemode,
                payload=event.payload,
                status=status,
                processed_at=timezone.now() if status != WebhookEvent.Status.FAILED else None,
            )
        ],
        ignore_conflicts=True,
    )


def receive(provider: PaymentProvider, event: Event) -> Outcome:
    stored = WebhookEvent.objects.filter(provider=provider.name, event_id=event.id)
    status = stored.values_list("status", flat=True).first()  # the one indexed lookup a duplicate costs
    if status in DONE:
        return Outcome.DUPLICATE
    handler = HANDLERS.get(event.type)
    if handler is None:
        _stored(provider, event, WebhookEvent.Status.IGNORED)
        return Outcome.IGNORED
    try:
        # Handlers call the provider first, then apply what it says in short transactions of
        # their own: no lock is held while the network answers. The event is marked processed
        # after them; dying in between only means the provider's retry finds nothing to change.
        handler(provider, event)
        if status is None:
            _stored(provider, event, WebhookEvent.Status.PROCESSED)
        else:  # a retry of an event that failed before
            stored.update(status=WebhookEvent.Status.PROCESSED, processed_at=timezone.now(), last_error="")
    except Exception as error:
        _stored(provider, event, WebhookEvent.Status.FAILED)
        stored.exclude(status__in=DONE).update(
            status=WebhookEvent.Status.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            attempts=F("attempts") + 1,
        )
        raise
    return Outcome.PROCESSED
