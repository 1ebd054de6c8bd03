"""Writes for subscribers: sign up, confirm, change preferences, unsubscribe. One transaction each;
nothing here knows HTTP (the views pass a keyed hash of the address, never the address itself).

No consent, no mail: a sign-up only stores the request and sends the confirmation; the person
is "subscribed" once they confirm from the emailed link, and only "subscribed" people are sent
issues (sending.py checks it again for each message)."""

from django.db import transaction
from django.utils import timezone

from omshub.core.outbox import outbox_email_write
from omshub.core.suppression import normalized
from omshub.newsletter.models import Subscriber, Topic, new_token

CONFIRM_KIND = "newsletter.confirm"


class NotFound(Exception):
    """No subscriber holds this token."""


@transaction.atomic
def subscriber_sign_up(*, email: str, language: str, source: str, consent_text: str, ip_hash: str) -> str:
    """Ask for a subscription; returns what happened ("sent", "already", "resent").

    The same answer goes to the visitor whatever it was, so the form reveals nobody's subscription.
    An address already subscribed gets no email (a stranger could otherwise send it mail at will)."""
    address = normalized(email)
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(email=address).first()
    if subscriber is not None and subscriber.status == Subscriber.Status.SUBSCRIBED:
        return "already"
    outcome = "resent" if subscriber is not None and subscriber.status == Subscriber.Status.PENDING else "sent"
    if subscriber is None:
        subscriber = Subscriber(email=address)
    elif subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        subscriber.token = new_token()  # links in older issues stay dead once they have unsubscribed
        subscriber.confirmed_at, subscriber.confirmed_how, subscriber.confirmed_ip_hash = None, "", ""
        subscriber.unsubscribed_at, subscriber.unsubscribed_how = None, ""
    subscriber.status = Subscriber.Status.PENDING
    subscriber.language = language
    subscriber.source = source
    subscriber.consent_text = consent_text
    subscriber.signed_up_at = now
    subscriber.signup_ip_hash = ip_hash
    subscriber.confirmation_sent_at = now
    subscriber.save()
    outbox_email_write(
        key=f"newsletter-confirm:{subscriber.pk}:{int(now.timestamp() * 1000)}",
        kind=CONFIRM_KIND,
        to=address,
        language=language,
        data={"subscriber": subscriber.pk},
    )
    return outcome


def _locked(token: str) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
    if subscriber is None:
        raise NotFound(token)
    return subscriber


@transaction.atomic
def subscriber_confirm(*, token: str, ip_hash: str) -> Subscriber:
    """Confirm from the emailed link (idempotent: a second click changes nothing)."""
    subscriber = _locked(token)
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.status = Subscriber.Status.SUBSCRIBED
        subscriber.confirmed_at = timezone.now()
        subscriber.confirmed_how = "emailed link (double opt-in)"
        subscriber.confirmed_ip_hash = ip_hash
        subscriber.save(update_fields=["status", "confirmed_at", "confirmed_how", "confirmed_ip_hash"])
    return subscriber


@transaction.atomic
def subscriber_set_preferences(*, token: str, topics: list[str], language: str) -> Subscriber:
    subscriber = _locked(token)
    subscriber.topics = [topic for topic in Topic.values if topic in topics]
    subscriber.language = language
    subscriber.save(update_fields=["topics", "language"])
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, token: str, how: str) -> Subscriber:
    """Stop every issue to this person. Idempotent: the first time is recorded, repeats change nothing."""
    subscriber = _locked(token)
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.unsubscribed_how = how
        subscriber.save(update_fields=["status", "unsubscribed_at", "unsubscribed_how"])
    return subscriber
