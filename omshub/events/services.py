"""Every write to an event's seats: register, hold for a payment, confirm, wait, offer a freed
seat, claim it, cancel, expire, check in, remind.

Each seat decision runs in one transaction with the event's row locked (`select_for_update`):
on PostgreSQL two registrations for the last seat queue on that lock, so the second counts
the first; SQLite lets one writer at a time anyway. A seat is taken by a confirmed ticket, and
by a held checkout or an offer until their time runs out; a freed seat goes to the waitlist,
in the order people joined it. Emails go through the outbox in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from omshub.core.outbox import Outgoing, outbox_emails_write
from omshub.events.models import Event, Registration

Status = Registration.Status
# A paid ticket's seat is kept this long while its checkout is open. The provider's checkout
# closes a few minutes earlier (Stripe's shortest is 30 minutes), so a payment never lands
# after the seat was given away, save for a late webhook (see `registration_paid`).
HOLD = timedelta(minutes=40)
CHECKOUT_CLOSES_BEFORE_HOLD = timedelta(minutes=5)
# Stripe refuses a checkout that closes sooner than 30 minutes after it is made; a little more
# covers the time between our clock and theirs. A retry on a hold with less left extends it.
CHECKOUT_SHORTEST = timedelta(minutes=30) + timedelta(minutes=2)
OFFER = timedelta(hours=48)  # a waitlisted person has this long to take a freed seat
# The "tomorrow" reminder goes out once, the day before the event's local date (in the event's
# own time zone), from this local hour on; the job runs hourly. Whoever got their ticket less
# than a day before the start gets no reminder: their confirmation email was just sent.
REMIND_FROM_LOCAL_HOUR = 9
REMIND_IF_CONFIRMED_BEFORE = timedelta(hours=24)
# No event more than two days ahead can be "tomorrow" anywhere: the database narrows to these.
REMIND_LOOKAHEAD = timedelta(hours=50)


class RegistrationClosed(Exception):
    """The event is not published, has started, or staff closed its registration."""


class NotAllowed(Exception):
    """This registration is not in a state that allows the change (a second click, a stale page)."""


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str
    language: str
    donation_cents: int = 0


def _locked_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _holding(now: datetime) -> Q:
    return Q(status=Status.CONFIRMED) | Q(status__in=[Status.HELD, Status.OFFERED], hold_expires_at__gt=now)


def seats_taken(event: Event, now: datetime) -> int:
    return event.registrations.filter(_holding(now)).count()


def _email(registration: Registration, kind: str, suffix: str = "") -> Outgoing:
    key = f"events.{kind}:{registration.reference}{suffix}"
    return Outgoing(key, f"events.{kind}", registration.email, registration.language, {"registration": registration.pk})


def _settle(event: Event, now: datetime) -> list[Outgoing]:
    """Under the event's lock: holds and offers whose time ran out expire, and every free seat
    is offered to the next on the waitlist, in order. The emails to send."""
    expired = event.registrations.filter(status__in=[Status.HELD, Status.OFFERED], hold_expires_at__lte=now)
    expired.update(status=Status.EXPIRED)
    free = event.capacity - seats_taken(event, now)
    if free <= 0:
        return []
    waiting = list(event.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "pk")[:free])
    for registration in waiting:
        registration.status = Status.OFFERED
        registration.hold_expires_at = now + OFFER
    Registration.objects.bulk_update(waiting, ["status", "hold_expires_at"])
    return [_email(registration, "offer") for registration in waiting]


def _settled_registration(registration_id: int) -> tuple[Registration, Event, datetime]:
    """Within a transaction: the registration's event locked, its lapsed holds and offers settled
    (their emails written), and the registration read again as that left it."""
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    event = _locked_event(registration.event_id)
    now = timezone.now()
    outbox_emails_write(_settle(event, now))
    registration.refresh_from_db()
    return registration, event, now


def _needs_payment(event: Event, donation_cents: int) -> bool:
    return event.price_cents + donation_cents > 0


def registration_start(
    *, event_id: int, attendee: Attendee, provider: str = "", is_test: bool = False, client_key: str = ""
) -> Registration:
    """A seat if one is free (confirmed at once when nothing is to be paid, else held for the
    checkout), or a place on the waitlist."""
    with transaction.atomic():
        event = _locked_event(event_id)
        now = timezone.now()
        if not event.published or not event.registration_open or event.starts_at <= now:
            raise RegistrationClosed
        emails = _settle(event, now)
        registration = Registration(
            event=event,
            name=attendee.name,
            email=attendee.email,
            language=attendee.language,
            price_cents=event.price_cents,
            fair_market_value_cents=event.fair_market_value_cents,
            donation_cents=attendee.donation_cents,
            provider=provider,
            is_test=is_test,
            client_key=client_key,
            created_at=now,
        )
        if seats_taken(event, now) >= event.capacity:
            registration.status = Status.WAITLISTED
            registration.save()
            emails.append(_email(registration, "waitlisted"))
        elif _needs_payment(event, attendee.donation_cents):
            registration.status = Status.HELD
            registration.hold_expires_at = now + HOLD
            registration.save()
        else:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.save()
            emails.append(_email(registration, "confirmed"))
        outbox_emails_write(emails)
        return registration


def registration_attach_checkout(*, registration_id: int, checkout_id: str) -> None:
    Registration.objects.filter(pk=registration_id, checkout_id="").update(checkout_id=checkout_id)


def hold_needs_extending(registration: Registration, now: datetime) -> bool:
    """Too little of the hold is left for a new checkout to close before it does."""
    assert registration.hold_expires_at is not None
    return registration.hold_expires_at - CHECKOUT_CLOSES_BEFORE_HOLD < now + CHECKOUT_SHORTEST


def registration_hold_extend(*, registration_id: int) -> Registration:
    """A held seat whose person tries to pay again late in the hold: kept a full hold longer, for
    a new checkout (the old one closes before the old hold ran out, so it never frees the seat).
    Left as it is when the hold has run out meanwhile (the caller sees it is no longer held)."""
    with transaction.atomic():
        registration, _event, now = _settled_registration(registration_id)
        if registration.status != Status.HELD:
            return registration
        registration.hold_expires_at = now + HOLD
        registration.checkout_id = ""  # the new checkout is the one whose end frees the seat
        registration.save(update_fields=["hold_expires_at", "checkout_id"])
        return registration


def offer_claim(*, registration_id: int, donation_cents: int = 0) -> Registration:
    """The waitlisted person takes the seat offered: confirmed, or held for the checkout."""
    with transaction.atomic():
        registration, event, now = _settled_registration(registration_id)
        if registration.status != Status.OFFERED:
            raise NotAllowed
        registration.donation_cents = donation_cents
        if _needs_payment(event, donation_cents):
            registration.status = Status.HELD
            registration.hold_expires_at = now + HOLD
            registration.checkout_id = ""  # a new checkout for the new hold
        else:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            outbox_emails_write([_email(registration, "confirmed")])
        registration.save()
        return registration


@dataclass(frozen=True)
class Payment:
    """What the provider says was paid for a ticket's checkout."""

    amount_cents: int
    payment_id: str


def registration_paid(*, registration_id: int, payment: Payment) -> tuple[Registration, bool]:
    """The checkout was paid: the held seat is confirmed, once. When the hold had run out and
    the seat went to someone else meanwhile (a webhook hours late), the second value is True
    until the refund is made: the caller refunds the payment, then calls `late_refund_made`."""
    with transaction.atomic():
        registration = Registration.objects.get(pk=registration_id)
        event = _locked_event(registration.event_id)
        registration.refresh_from_db()
        now = timezone.now()
        if registration.late_refund:
            # Refunded already: nothing more. Else the refund failed last time: the caller tries again.
            return registration, registration.late_refunded_at is None
        if registration.status == Status.CONFIRMED or registration.paid_cents:
            return registration, False  # a repeated event
        registration.paid_cents = payment.amount_cents
        registration.payment_id = payment.payment_id
        fields = ["paid_cents", "payment_id"]
        still_held = (
            registration.status == Status.HELD and registration.hold_expires_at and registration.hold_expires_at > now
        )
        if still_held or seats_taken(event, now) < event.capacity:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.save(update_fields=[*fields, "status", "confirmed_at"])
            outbox_emails_write([_email(registration, "confirmed")])
            return registration, False
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.late_refund = True
        registration.save(update_fields=[*fields, "status", "cancelled_at", "late_refund"])
        return registration, True


def late_refund_made(*, registration_id: int, refund_id: str) -> Registration:
    """The provider made a late-paid ticket's refund: noted once (no replay refunds again), and
    only now the attendee is told their payment is refunded."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.late_refund and registration.late_refunded_at is None:
            registration.late_refund_id = refund_id
            registration.late_refunded_at = timezone.now()
            registration.save(update_fields=["late_refund_id", "late_refunded_at"])
            outbox_emails_write([_email(registration, "refunded")])
        return registration


def registration_checkout_ended(*, registration_id: int) -> Registration:
    """The checkout expired or its payment failed: the held seat is freed and offered on."""
    with transaction.atomic():
        registration = Registration.objects.get(pk=registration_id)
        event = _locked_event(registration.event_id)
        registration.refresh_from_db()
        if registration.status == Status.HELD:
            registration.status = Status.EXPIRED
            registration.save(update_fields=["status"])
        outbox_emails_write(_settle(event, timezone.now()))
        return registration


def registration_cancel(*, registration_id: int) -> Registration:
    """The attendee (or staff) gives the seat back; the first on the waitlist is offered it."""
    with transaction.atomic():
        registration = Registration.objects.get(pk=registration_id)
        event = _locked_event(registration.event_id)
        registration.refresh_from_db()
        if registration.status in (Status.CANCELLED, Status.EXPIRED):
            return registration  # a second click
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        outbox_emails_write(_settle(event, timezone.now()))
        return registration


def seats_release_expired(*, now: datetime | None = None) -> int:
    """For the scheduled job: expire what ran out in every upcoming event, offer the freed seats.
    How many offers were made."""
    now = now or timezone.now()
    offered = 0
    upcoming = Event.objects.filter(starts_at__gt=now).filter(
        Q(registrations__status__in=[Status.HELD, Status.OFFERED], registrations__hold_expires_at__lte=now)
        | Q(registrations__status=Status.WAITLISTED)
    )
    for event_id in upcoming.values_list("pk", flat=True).distinct():
        with transaction.atomic():
            emails = _settle(_locked_event(event_id), now)
            outbox_emails_write(emails)
            offered += len(emails)
    return offered


def checkin_set(*, registration_id: int, checked_in: bool, actor: object) -> Registration:
    """Staff at the door tick (or untick) a confirmed ticket. Ticking twice keeps the first time."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status != Status.CONFIRMED:
            raise NotAllowed
        if checked_in and registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
            registration.checked_in_by = actor  # type: ignore[assignment]
        elif not checked_in:
            registration.checked_in_at = None
            registration.checked_in_by = None
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        return registration


def _reminder_due(registration: Registration, now: datetime) -> bool:
    event = registration.event
    here = timezone.localtime(now, event.zone)
    tomorrow = here.date() + timedelta(days=1)
    confirmed = registration.confirmed_at or registration.created_at
    return (
        event.local_start.date() == tomorrow
        and here.hour >= REMIND_FROM_LOCAL_HOUR
        and confirmed <= event.starts_at - REMIND_IF_CONFIRMED_BEFORE
    )


def reminders_send(*, now: datetime | None = None) -> int:
    """The "tomorrow" reminder to every confirmed attendee, once, on the day before the event's
    date where it happens: `reminded_at` is set in the same transaction as the outbox row, whose
    key is unique too, so a rerun sends nothing twice."""
    now = now or timezone.now()
    candidates = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMIND_LOOKAHEAD,
    )
    with transaction.atomic():
        locked = candidates.select_related("event").select_for_update(skip_locked=True, of=("self",))
        batch = [registration for registration in locked.order_by("pk") if _reminder_due(registration, now)]
        Registration.objects.filter(pk__in=[r.pk for r in batch]).update(reminded_at=now)
        outbox_emails_write([_email(registration, "reminder") for registration in batch])
    return len(batch)
