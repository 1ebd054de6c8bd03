"""Reads for the event pages, the ticket and the staff's door list. Who may see what is decided
here: the public sees published events only; a ticket is found by its secret token; the door
list is for staff, whose access the admin checks before its views run."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from omshub.events.models import Event, Registration
from omshub.events.services import seats_taken

Status = Registration.Status


class NotFound(Exception):
    pass


def events_upcoming() -> QuerySet[Event]:
    return Event.objects.filter(published=True, ends_at__gt=timezone.now()).order_by("starts_at")


def event_for_public(*, slug: str) -> Event:
    event = Event.objects.filter(slug=slug, published=True).first()
    if event is None:
        raise NotFound
    return event


@dataclass(frozen=True)
class Seats:
    capacity: int
    left: int
    waiting: int

    @property
    def full(self) -> bool:
        return self.left <= 0


def event_seats(*, event: Event) -> Seats:
    now = timezone.now()
    taken = seats_taken(event, now)
    waiting = event.registrations.filter(status=Status.WAITLISTED).count()
    return Seats(capacity=event.capacity, left=max(0, event.capacity - taken), waiting=waiting)


def registration_for_token(*, token: str) -> Registration:
    registration = Registration.objects.select_related("event").filter(token=token).first()
    if registration is None:
        raise NotFound
    return registration


def waitlist_position(*, registration: Registration) -> int:
    if registration.status != Status.WAITLISTED:
        return 0
    ahead = registration.event.registrations.filter(status=Status.WAITLISTED).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def event_for_staff(*, event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise NotFound
    return event


def door_list(*, event: Event, query: str = "") -> list[Registration]:
    """Confirmed tickets by name, those not yet in first; a name search matches any part of it."""
    tickets = event.registrations.filter(status=Status.CONFIRMED)
    for word in query.split()[:5]:
        tickets = tickets.filter(Q(name__icontains=word) | Q(reference__iexact=word))
    return list(tickets.order_by("checked_in_at", "name", "pk")[:200])


def door_counts(*, event: Event) -> tuple[int, int]:
    confirmed = event.registrations.filter(status=Status.CONFIRMED)
    return confirmed.filter(checked_in_at__isnull=False).count(), confirmed.count()


def ticket_for_staff(*, event: Event, reference: str) -> Registration:
    registration = event.registrations.filter(reference=reference).first()
    if registration is None:
        raise NotFound
    return registration
