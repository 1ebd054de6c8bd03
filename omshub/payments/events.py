"""Provider events, each stored once, then applied once, in batches, by a background task.

The webhook only verifies, stores and answers, as Stripe asks (a webhook that waits on
Stripe's API and on our database answers late, and is sent again): `accept` is one INSERT
that skips a known event id (a duplicate costs that one indexed lookup), then queues
`apply_waiting` unless a run is queued already. That task takes the waiting events in
batches, in arrival order. Handlers, registered by the apps that own the data
(`@handles(EventKind.INVOICE_PAID)`), get a run of events of their kinds, fetch each object's
current state from the provider and converge on it, so a repeated, concurrent or
out-of-order event changes nothing twice.

A failed batch is retried event by event; an event that still fails keeps its error for
staff and waits, longer each time, for the next run (`manage.py apply_payment_events`
from cron finds anything a lost task left). After MAX_ATTEMPTS tries it stops, rather than
fail for ever unseen: staff find it under "Payment events" in the admin (and on its home
page), and can try it again once the cause is fixed (`event_retry`). The local test
provider's events come from our own pages and are applied at once (`receive`).
"""

import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from enum import StrEnum
from itertools import groupby

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, QuerySet
from django.tasks import task
from django.utils import timezone

from omshub.payments.models import WebhookEvent
from omshub.payments.provider import Event, EventKind, PaymentProvider
from omshub.payments.registry import get_provider

logger = logging.getLogger(__name__)

Handler = Callable[[PaymentProvider, list[Event]], None]
# The provider's event types (Stripe's, which the local provider also sends) and what each is
# about. Only here and in the provider modules do Stripe's words appear; apps name the kind.
EVENT_KINDS: dict[str, EventKind] = {
    "checkout.session.completed": EventKind.CHECKOUT_CHANGED,
    "checkout.session.async_payment_succeeded": EventKind.CHECKOUT_CHANGED,
    "checkout.session.async_payment_failed": EventKind.CHECKOUT_CHANGED,
    "checkout.session.expired": EventKind.CHECKOUT_CHANGED,
    "invoice.paid": EventKind.INVOICE_PAID,
    "charge.refunded": EventKind.REFUNDED,
    "charge.dispute.created": EventKind.DISPUTE_CHANGED,
    "charge.dispute.updated": EventKind.DISPUTE_CHANGED,
    "charge.dispute.closed": EventKind.DISPUTE_CHANGED,
    "customer.subscription.deleted": EventKind.PLAN_ENDED,
    "payment_intent.payment_failed": EventKind.PAYMENT_REFUSED,
}
# By provider event type, for every type whose kind has a handler.
HANDLERS: dict[str, Handler] = {}
Status = WebhookEvent.Status
WAITING = [Status.RECEIVED, Status.FAILED]
BATCH = 100
BATCH_PACE = 0.25  # seconds: a worker's run takes a batch at most this often, unless batches are full
# A worker that dies holding a batch gives it back after this (5 minutes unless configured).
LEASE = timedelta(seconds=settings.PAYMENT_EVENTS_LEASE_SECONDS)
QUEUED_FLAG = "payments:apply-queued"
FETCHERS = 8  # the provider's answers take a few hundred ms over the internet: ask in parallel
# Tries before an event stops and waits for staff: with the back-off below, about 15 hours,
# which rides out a night's outage of Stripe or of our database, and is seen the next day.
MAX_ATTEMPTS = 12


class Outcome(StrEnum):
    QUEUED = "queued"  # stored, or known already: a background run applies it once
    PROCESSED = "processed"
    IGNORED = "ignored"
    DUPLICATE = "duplicate"


def handles(*kinds: EventKind) -> Callable[[Handler], Handler]:
    """Register the handler for these kinds of event: for every provider event type of those kinds."""

    def decorate(handler: Handler) -> Handler:
        for event_type, kind in EVENT_KINDS.items():
            if kind in kinds:
                HANDLERS[event_type] = handler
        return handler

    return decorate


_fetchers: ThreadPoolExecutor | None = None


def fetch_each[T](fetch: Callable[[str], T], ids: list[str]) -> list[T]:
    """The provider's current state of each object, asked once per object, several at a time.

    The threads last as long as the process, and so do their kept-alive connections to the
    provider: a new pool per batch would open (and, over TLS, negotiate) them again each time."""
    global _fetchers
    unique = list(dict.fromkeys(ids))
    if len(unique) == 1:
        answers = [fetch(unique[0])]
    else:
        if _fetchers is None:
            _fetchers = ThreadPoolExecutor(max_workers=FETCHERS, thread_name_prefix="provider-fetch")
        answers = list(_fetchers.map(fetch, unique))
    found = dict(zip(unique, answers, strict=True))
    return [found[object_id] for object_id in ids]


# Storing ------------------------------------------------------------------------------------


def _store(provider: PaymentProvider, event: Event) -> Outcome:
    """Insert the event once: a repeat, or a copy arriving at the same moment, inserts nothing.

    One INSERT that skips a known event id: a duplicate costs that one lookup in the unique index.
    """
    handled = event.type in HANDLERS
    now = timezone.now()
    row = WebhookEvent(
        provider=provider.name,
        event_id=event.id,
        type=event.type,
        object_id=event.object_id,
        livemode=event.livemode,
        payload=event.payload,
        status=Status.RECEIVED if handled else Status.IGNORED,
        processed_at=None if handled else now,
        due_at=now if handled else None,
    )
    WebhookEvent.objects.bulk_create([row], ignore_conflicts=True)
    return Outcome.QUEUED if handled else Outcome.IGNORED


def accept(provider: PaymentProvider, event: Event) -> Outcome:
    """The webhook's part: store the event and have it applied in the background."""
    outcome = _store(provider, event)
    if outcome == Outcome.QUEUED:
        transaction.on_commit(_queue_a_run)
    return outcome


def _queue_a_run() -> None:
    """Queue `apply_waiting` unless a run is queued or going: it will see this event, since it
    looks again after lowering the flag (a lost flag only queues one run more)."""
    if not cache.add(QUEUED_FLAG, True, timeout=60):
        return
    try:
        apply_waiting.enqueue()
    except Exception:  # the event is stored: `apply_payment_events` from cron will find it
        cache.delete(QUEUED_FLAG)
        logger.exception("Could not queue the run that applies payment events")


def receive(provider: PaymentProvider, event: Event) -> Outcome:
    """Store and apply at once; a failure is kept for a retry and raised."""
    if _store(provider, event) == Outcome.IGNORED:
        return Outcome.IGNORED
    row = WebhookEvent.objects.get(provider=provider.name, event_id=event.id)
    if row.status not in WAITING:
        return Outcome.DUPLICATE
    errors = _apply([row])
    if errors:
        raise errors[0]
    return Outcome.PROCESSED


# Applying ------------------------------------------------------------------------------------


@task(queue_name="payments")
def apply_waiting() -> int:
    """Apply what waits until nothing has for PAYMENT_EVENTS_LINGER_SECONDS. The flag stays up
    meanwhile, so the events that arrive queue no other run: this one takes them, a batch at
    most every BATCH_PACE seconds unless they fill it, since a batch costs the same few
    statements whatever its size (with the tests' at-once backend: no waiting at all)."""
    taken = 0
    linger = settings.PAYMENT_EVENTS_LINGER_SECONDS
    quiet_from = time.monotonic()
    while True:
        started = time.monotonic()
        if batch := _take():
            _apply(batch)
            taken += len(batch)
            quiet_from = time.monotonic()
            if len(batch) == BATCH:
                continue
        elif time.monotonic() - quiet_from >= linger:
            cache.delete(QUEUED_FLAG)
            # An event stored before the flag came down is seen here; one stored after queued a run.
            if not _due().exists() or not cache.add(QUEUED_FLAG, True, timeout=60):
                return taken
            continue
        if linger:
            time.sleep(max(0.0, BATCH_PACE - (time.monotonic() - started)))


def apply_due() -> int:
    """Apply every waiting event that is due, a batch at a time; how many were taken."""
    taken = 0
    for batch in iter(_take, []):
        _apply(batch)
        taken += len(batch)
    return taken


def _due() -> QuerySet[WebhookEvent]:
    return WebhookEvent.objects.filter(status__in=WAITING, due_at__lte=timezone.now())


def _take() -> list[WebhookEvent]:
    """The next due events, leased to this worker; others skip them rather than wait."""
    with transaction.atomic():
        batch = list(_due().select_for_update(skip_locked=True).order_by("due_at", "pk")[:BATCH])
        WebhookEvent.objects.filter(pk__in=[row.pk for row in batch]).update(due_at=timezone.now() + LEASE)
    return batch


def _runs(rows: list[WebhookEvent]) -> Iterator[tuple[Handler | None, list[WebhookEvent]]]:
    """Consecutive events of one provider and handler, so that the order of arrival is kept."""
    for (_, handler), run in groupby(rows, key=lambda row: (row.provider, HANDLERS.get(row.type))):
        yield handler, list(run)


def _apply(rows: list[WebhookEvent]) -> list[Exception]:
    errors: list[Exception] = []
    for handler, run in _runs(rows):
        if handler is None:  # no longer handled since it was stored
            _done(run, Status.IGNORED)
            continue
        provider = get_provider(run[0].provider)
        try:
            handler(provider, [_event(row) for row in run])
        except Exception as error:
            if len(run) == 1:
                _failed(run[0], error)
                errors.append(error)
                continue
            errors += _apply_one_by_one(handler, provider, run)
            continue
        _done(run, Status.PROCESSED)
    return errors


def _apply_one_by_one(handler: Handler, provider: PaymentProvider, run: list[WebhookEvent]) -> list[Exception]:
    """After a batch failed: the events that work are applied, the others wait with their error."""
    errors = []
    for row in run:
        try:
            handler(provider, [_event(row)])
        except Exception as error:
            _failed(row, error)
            errors.append(error)
        else:
            _done([row], Status.PROCESSED)
    return errors


def _event(row: WebhookEvent) -> Event:
    return Event(id=row.event_id, type=row.type, object_id=row.object_id, livemode=row.livemode, payload=row.payload)


def _done(rows: list[WebhookEvent], status: str) -> None:
    WebhookEvent.objects.filter(pk__in=[row.pk for row in rows], status__in=WAITING).update(
        status=status, processed_at=timezone.now(), due_at=None, last_error=""
    )


def _failed(row: WebhookEvent, error: Exception) -> None:
    attempt = row.attempts + 1
    last_error = f"{type(error).__name__}: {error}"[:2000]
    if attempt >= MAX_ATTEMPTS:
        logger.error("Payment event %s stopped after %s attempts: %s", row.event_id, attempt, last_error)
        status, due_at = Status.STOPPED, None
    else:
        logger.warning("Payment event %s failed (attempt %s): %s", row.event_id, attempt, type(error).__name__)
        wait = timedelta(seconds=min(30 * 2**row.attempts, 6 * 3600))  # 30 s, 1 min, 2 min … at most 6 h
        status, due_at = Status.FAILED, timezone.now() + wait
    WebhookEvent.objects.filter(pk=row.pk, status__in=WAITING).update(
        status=status, last_error=last_error, attempts=F("attempts") + 1, due_at=due_at
    )


@transaction.atomic
def event_retry(*, event_pk: int) -> bool:
    """Staff, once the cause is fixed: a stopped event gets its tries back and is applied by the
    next run (queued now). False when it was not stopped (a double click, or another staff member)."""
    retried = WebhookEvent.objects.filter(pk=event_pk, status=Status.STOPPED).update(
        status=Status.FAILED, attempts=0, due_at=timezone.now()
    )
    if retried:
        transaction.on_commit(_queue_a_run, robust=True)
    return bool(retried)
