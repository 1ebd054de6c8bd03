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

from django.db import IntegrityError, transaction
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


def receive(provider: PaymentProvider, event: Event) -> Outcome:
    stored = WebhookEvent.objects.filter(provider=provider.name, event_id=event.id)
    if stored.filter(status__in=DONE).exists():
        return Outcome.DUPLICATE
    handler = HANDLERS.get(event.type)
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(
                provider=provider.name,
                event_id=event.id,
                type=event.type,
                object_id=event.object_id,
                livemode=event.livemode,
                payload=event.payload,
                status=WebhookEvent.Status.RECEIVED if handler else WebhookEvent.Status.IGNORED,
                processed_at=None if handler else timezone.now(),
            )
    except IntegrityError:
        pass  # stored before: a retry after a failure, or a copy arriving at the same moment
    if handler is None:
        return Outcome.IGNORED
    try:
        handler(provider, event)
    except Exception as error:
        stored.exclude(status__in=DONE).update(
            status=WebhookEvent.Status.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            attempts=F("attempts") + 1,
        )
        raise
    stored.update(
        status=WebhookEvent.Status.PROCESSED, processed_at=timezone.now(), last_error="", attempts=F("attempts") + 1
    )
    return Outcome.PROCESSED
