"""Outgoing email as an outbox: stored with the change, sent by a background task after commit.

Apps register a renderer per kind of email (`register("giving.receipt", render)`); the
renderer builds the message from the stored data at send time, in the stored language.
A failure is recorded and retried by `manage.py send_outbox` (run it every few minutes);
after MAX_ATTEMPTS the message is marked failed for staff to see. An address on the
suppression list (core/suppression.py) is not written to: the row is kept, marked
"suppressed" with the reason, so staff can see what was not sent and why.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from omshub.core.models import OutboxEmail
from omshub.core.suppression import suppression_reason

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str = ""
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


Renderer = Callable[[OutboxEmail], Message]
RENDERERS: dict[str, Renderer] = {}
SECRET_KINDS: set[str] = set()
OPTIONAL_KINDS: set[str] = set()


def register(kind: str, *, secret: bool = False, optional: bool = False) -> Callable[[Renderer], Renderer]:
    """`secret`: the data holds a working link; it is forgotten once the email is sent or given up.
    `optional`: mail the person did not ask for by acting on the site; a complaint stops it too."""

    def decorate(renderer: Renderer) -> Renderer:
        RENDERERS[kind] = renderer
        if secret:
            SECRET_KINDS.add(kind)
        if optional:
            OPTIONAL_KINDS.add(kind)
        return renderer

    return decorate


@dataclass(frozen=True)
class Outgoing:
    """One email to store: `key` makes it once-only (e.g. "receipt:<reference>")."""

    key: str
    kind: str
    to: str
    language: str
    data: dict[str, Any]


def outbox_email_write(*, key: str, kind: str, to: str, language: str, data: dict[str, Any]) -> None:
    """Store one email in the caller's transaction (once per key) and send it after commit."""
    outbox_emails_write([Outgoing(key=key, kind=kind, to=to, language=language, data=data)])


def outbox_emails_write(emails: list[Outgoing]) -> None:
    """Store these emails in the caller's transaction (once per key) and send them after commit.

    One INSERT that skips the keys stored already, and one task for all of them; the task
    finds each row by its key and sends it only if it is still waiting.
    """
    if not emails:
        return
    OutboxEmail.objects.bulk_create(
        [OutboxEmail(key=e.key, kind=e.kind, to=e.to, language=e.language, data=e.data) for e in emails],
        ignore_conflicts=True,
    )
    keys = [e.key for e in emails]
    # robust: a queue that cannot take the task must not fail the request; send_outbox finds the rows.
    transaction.on_commit(lambda: send_outbox_emails.enqueue(keys), robust=True)


@task()
def send_outbox_emails(keys: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in keys:
        outcome = deliver(key)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


LEASE = timedelta(minutes=10)


def _claim(key: str) -> OutboxEmail | None:
    """Take the email for one sender (a short transaction); None when it is sent or in hand."""
    now = timezone.now()
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(key=key).first()
        if email is None or email.status != OutboxEmail.Status.PENDING:
            return None
        if email.claimed_until and email.claimed_until > now:
            return None
        email.claimed_until = now + LEASE
        email.attempts += 1
        email.save(update_fields=["claimed_until", "attempts"])
        return email


def deliver(key: str) -> str:
    """Send one stored email unless it was sent already or another sender has it.

    The lease is taken and released in short transactions, so no database lock is held while
    the PDF is drawn or the mail server answers.
    """
    email = _claim(key)
    if email is None:
        return "skipped"
    reason = suppression_reason(email=email.to, optional=email.kind in OPTIONAL_KINDS)
    if reason:
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.SUPPRESSED,
            last_error=f"Not sent: the address is suppressed ({reason})",
            claimed_until=None,
            **_forget(email, True),
        )
        return "suppressed"
    try:
        with translation.override(email.language):
            message = RENDERERS[email.kind](email)
        mail = EmailMultiAlternatives(message.subject, message.text, to=[email.to])
        if message.html:
            mail.attach_alternative(message.html, "text/html")
        for filename, content, mimetype in message.attachments:
            mail.attach(filename, content, mimetype)
        mail.send()
    except Exception as error:
        logger.warning("Email %s not sent: %s", email.key, type(error).__name__)
        given_up = email.attempts >= MAX_ATTEMPTS
        OutboxEmail.objects.filter(pk=email.pk).update(
            claimed_until=None,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            status=OutboxEmail.Status.FAILED if given_up else OutboxEmail.Status.PENDING,
            **_forget(email, given_up),
        )
        return "failed"
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        claimed_until=None,
        **_forget(email, True),
    )
    return "sent"


def _forget(email: OutboxEmail, done: bool) -> dict[str, Any]:
    return {"data": {}} if done and email.kind in SECRET_KINDS else {}


def retry_pending(*, older_than: timedelta = timedelta(minutes=2)) -> dict[str, int]:
    """Send what is still waiting (a lost task or a failed attempt), oldest first."""
    counts: dict[str, int] = {}
    waiting = OutboxEmail.objects.filter(
        status=OutboxEmail.Status.PENDING, created_at__lte=timezone.now() - older_than
    ).order_by("created_at")
    for key in waiting.values_list("key", flat=True)[:500]:
        outcome = deliver(key)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
