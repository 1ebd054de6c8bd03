"""Races on PostgreSQL: 50 people register at the same moment for 40 seats. The event row's lock
makes each registration count the ones before it: 40 tickets, 10 on the waitlist in the order
they queued, no seat sold twice. Then a cancellation offers its seat to the first in line.

These tests commit their data (other connections must see it) and remove it afterwards.
SQLite has no row locks and serialises writers, so they run on PostgreSQL only.
"""

from collections.abc import Iterator
from functools import partial

import pytest
from django.db import connection
from django.utils import timezone

from omshub.core.models import OutboxEmail
from omshub.events import services
from omshub.events.models import Event, Registration
from tests.concurrency import all_at_once
from tests.events.helpers import an_event

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")

PEOPLE = 50
SEATS = 40
Status = Registration.Status


@pytest.fixture
def event(demo_site, django_db_blocker) -> Iterator[Event]:
    with django_db_blocker.unblock():
        made = an_event(title="Race night", capacity=SEATS)
        try:
            yield made
        finally:
            references = list(made.registrations.values_list("reference", flat=True))
            OutboxEmail.objects.filter(key__in=[f"events.{k}:{r}" for r in references for k in (
                "confirmed", "waitlisted", "offer")]).delete()  # fmt: skip
            made.registrations.all().delete()
            made.delete()
            connection.close()


def _register(event_id: int, n: int) -> Registration:
    attendee = services.Attendee(name=f"Racer {n}", email=f"racer{n}@example.org", language="en")
    return services.registration_start(event_id=event_id, attendee=attendee)


def test_50_registrations_at_once_for_40_seats(event) -> None:
    made = all_at_once([partial(_register, event.pk, n) for n in range(PEOPLE)])
    assert len(made) == PEOPLE
    rows = list(Registration.objects.filter(event=event))
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    waiting = sorted((r for r in rows if r.status == Status.WAITLISTED), key=lambda r: (r.created_at, r.pk))
    assert len(confirmed) == SEATS and len(waiting) == PEOPLE - SEATS
    assert len({r.reference for r in confirmed}) == SEATS  # one seat each, none twice
    # The waitlist is in the order the lock let them in: every ticket was taken before any wait began.
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waiting)
    assert OutboxEmail.objects.filter(key__in=[f"events.confirmed:{r.reference}" for r in confirmed]).count() == SEATS

    # Two people give their seats back at the same moment: the first two in line are offered them.
    all_at_once([partial(services.registration_cancel, registration_id=r.pk) for r in confirmed[:2]])
    offered = list(Registration.objects.filter(event=event, status=Status.OFFERED).order_by("created_at", "pk"))
    assert [r.pk for r in offered] == [r.pk for r in waiting[:2]]
    assert Registration.objects.filter(event=event, status=Status.WAITLISTED).count() == PEOPLE - SEATS - 2
    assert services.seats_taken(event, timezone.now()) == SEATS
