"""Sending an issue: one delivery row per confirmed recipient, sent in batches by tasks.

`issue_send` writes the rows and enqueues the first batch after commit. Each batch claims one
row at a time with a conditional UPDATE (queued → sending, committed before the message goes),
so any number of workers can run side by side without sending a row twice; after sending, the
row is marked sent. A worker killed between the two leaves the row "sending": `sweep_interrupted`
(run by `manage.py send_outbox`) marks it "interrupted", never sends it again, and enqueues the
rest of the issue. Each message is checked again just before it goes: the person is still
subscribed and the address is not suppressed."""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from omshub.core.suppression import suppression_reason
from omshub.newsletter.emails import issue_message
from omshub.newsletter.models import Delivery, Issue, Subscriber
from omshub.newsletter.selectors import recipients

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)


class AlreadySent(Exception):
    """The issue was sent (or is being sent) already."""


@transaction.atomic
def issue_send(*, issue_id: int, actor: Any) -> int:
    """Queue the issue for every current recipient (once: a second call raises AlreadySent)."""
    issue = Issue.objects.select_for_update().get(pk=issue_id)
    if issue.status != Issue.Status.DRAFT:
        raise AlreadySent(issue_id)
    people = recipients(issue)
    Delivery.objects.bulk_create(
        [Delivery(issue=issue, subscriber_id=s.pk, email=s.email) for s in people], ignore_conflicts=True
    )
    issue.status = Issue.Status.SENDING
    issue.send_started_at = timezone.now()
    issue.sent_by = actor
    issue.save(update_fields=["status", "send_started_at", "sent_by"])
    transaction.on_commit(lambda: send_issue_batch.enqueue(issue.pk), robust=True)
    return len(people)


def _claim(issue_id: int) -> Delivery | None:
    for pk in Delivery.objects.filter(issue_id=issue_id, state=Delivery.State.QUEUED).values_list("pk", flat=True)[:5]:
        claimed = Delivery.objects.filter(pk=pk, state=Delivery.State.QUEUED).update(
            state=Delivery.State.SENDING, claimed_at=timezone.now()
        )
        if claimed:  # else another worker took it between the read and the update
            return Delivery.objects.select_related("issue", "subscriber").get(pk=pk)
    return None


def _finish(delivery: Delivery, state: str, detail: str = "", message_id: str = "") -> None:
    Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.SENDING).update(
        state=state,
        detail=detail[:300],
        message_id=message_id[:200],
        sent_at=timezone.now() if state == Delivery.State.SENT else None,
    )


def deliver_one(delivery: Delivery) -> str:
    subscriber = delivery.subscriber
    if subscriber.status != Subscriber.Status.SUBSCRIBED or subscriber.confirmed_at is None:
        _finish(delivery, Delivery.State.SKIPPED, "Not subscribed any more")
        return Delivery.State.SKIPPED
    reason = suppression_reason(email=delivery.email, optional=True)
    if reason:
        _finish(delivery, Delivery.State.SKIPPED, f"Address suppressed ({reason})")
        return Delivery.State.SKIPPED
    try:
        with translation.override(subscriber.language):
            message = issue_message(issue=delivery.issue, subscriber=subscriber, delivery_id=delivery.pk)
        message.send()
    except Exception as error:
        # Not retried: the server may have taken it before failing. Staff see the error.
        logger.warning("Newsletter delivery %s not sent: %s", delivery.pk, type(error).__name__)
        _finish(delivery, Delivery.State.FAILED, f"{type(error).__name__}: {error}")
        return Delivery.State.FAILED
    status = getattr(message, "anymail_status", None)
    _finish(delivery, Delivery.State.SENT, message_id=str(getattr(status, "message_id", "") or ""))
    return Delivery.State.SENT


def _close_if_done(issue_id: int) -> None:
    open_states = [Delivery.State.QUEUED, Delivery.State.SENDING]
    if not Delivery.objects.filter(issue_id=issue_id, state__in=open_states).exists():
        Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(status=Issue.Status.SENT)


@task()
def send_issue_batch(issue_id: int) -> dict[str, int]:
    """Send up to NEWSLETTER_BATCH_SIZE messages, then enqueue the next batch while any wait."""
    counts: dict[str, int] = {}
    for _ in range(settings.NEWSLETTER_BATCH_SIZE):
        delivery = _claim(issue_id)
        if delivery is None:
            break
        outcome = deliver_one(delivery)
        counts[outcome] = counts.get(outcome, 0) + 1
    else:
        if Delivery.objects.filter(issue_id=issue_id, state=Delivery.State.QUEUED).exists():
            send_issue_batch.enqueue(issue_id)
            return counts
    _close_if_done(issue_id)
    return counts


def sweep_interrupted(*, now: Any = None) -> int:
    """Rows a killed worker left "sending": marked interrupted (never resent); the rest goes on."""
    cutoff = (now or timezone.now()) - LEASE
    stale = Delivery.objects.filter(state=Delivery.State.SENDING, claimed_at__lt=cutoff)
    issues = set(stale.values_list("issue_id", flat=True))
    count = stale.update(state=Delivery.State.INTERRUPTED, detail="The sender stopped while sending: maybe sent")
    waiting = Issue.objects.filter(status=Issue.Status.SENDING, deliveries__state=Delivery.State.QUEUED)
    for issue_id in issues | set(waiting.values_list("pk", flat=True).distinct()):
        send_issue_batch.enqueue(issue_id)
    for issue_id in issues:
        _close_if_done(issue_id)
    return count
