"""Registering for an event: a free seat, the waitlist when full, a freed seat offered to the
first in line, and what the form says about bad input (in the person's language, nothing lost)."""

import datetime

import pytest
from django.utils import timezone

from omshub.core.models import OutboxEmail
from omshub.events import services
from omshub.events.models import Registration
from tests.events.helpers import an_event, post_form, register

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_a_free_event_confirms_at_once_and_emails_the_ticket_with_its_calendar(client, demo):
    event = an_event()
    response = post_form(client, event)
    registration = Registration.objects.get(event=event)
    assert response.status_code == 302 and response["Location"] == registration.get_absolute_url()
    assert registration.status == Status.CONFIRMED and registration.name == "Ana Ruiz"
    email = OutboxEmail.objects.get(key=f"events.confirmed:{registration.reference}")
    assert email.to == "ana@example.org"
    ticket = client.get(registration.get_absolute_url())
    assert ticket.status_code == 200 and "private" in ticket["Cache-Control"]
    html = ticket.content.decode()
    assert "<svg" in html and registration.reference in html and "calendar.ics" in html


def test_a_full_event_puts_people_on_the_waitlist_in_order(demo):
    event = an_event(capacity=2)
    first, second = register(event, "Ana Ruiz"), register(event, "Bea Soto")
    third, fourth = register(event, "Carl Diaz"), register(event, "Dora Paz")
    assert [r.status for r in (first, second, third, fourth)] == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 2
    assert OutboxEmail.objects.filter(key=f"events.waitlisted:{third.reference}").exists()


def test_a_cancellation_offers_the_seat_to_the_first_on_the_waitlist(client, demo):
    event = an_event(capacity=1)
    holder, first, second = register(event, "Ana Ruiz"), register(event, "Bea Soto"), register(event, "Carl Diaz")
    page = client.post(f"{holder.get_absolute_url()}cancel/")
    assert page.status_code == 200 and "Give your seat back?" in page.content.decode()  # asked twice
    client.post(f"{holder.get_absolute_url()}cancel/", {"confirm": "yes"})
    for registration in (holder, first, second):
        registration.refresh_from_db()
    assert holder.status == Status.CANCELLED
    assert first.status == Status.OFFERED and first.hold_expires_at and first.hold_expires_at > timezone.now()
    assert second.status == Status.WAITLISTED
    assert OutboxEmail.objects.filter(key=f"events.offer:{first.reference}").exists()
    assert "A seat is free for you" in client.get(first.get_absolute_url()).content.decode()
    # Someone new cannot jump the queue while the offer stands.
    assert register(event, "Dora Paz").status == Status.WAITLISTED
    client.post(f"{first.get_absolute_url()}take-seat/")
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED
    assert OutboxEmail.objects.filter(key=f"events.confirmed:{first.reference}").exists()


def test_an_offer_not_taken_in_time_goes_to_the_next_in_line(demo):
    event = an_event(capacity=1)
    holder, first, second = register(event, "Ana Ruiz"), register(event, "Bea Soto"), register(event, "Carl Diaz")
    services.registration_cancel(registration_id=holder.pk)
    Registration.objects.filter(pk=first.pk).update(hold_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert services.seats_release_expired() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.EXPIRED, Status.OFFERED)
    with pytest.raises(services.NotAllowed):
        services.offer_claim(registration_id=first.pk)


def test_a_closed_or_unpublished_event_takes_no_one(client, demo):
    hidden = an_event(published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    closed = an_event(registration_open=False)
    assert "Registration for this event is closed." in client.get(closed.get_absolute_url()).content.decode()
    with pytest.raises(services.RegistrationClosed):
        register(closed, "Ana Ruiz")


def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(client, demo):
    event = an_event()
    response = post_form(client, event, email="ana@", name="Ana Ruiz", donation="0.10")
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "Enter an email address like name@example.org." in html and "A donation starts at $1." in html
    assert 'value="Ana Ruiz"' in html and 'value="ana@"' in html
    spanish = client.post("/es" + event.get_absolute_url().replace("/events/", "/eventos/"), {"name": "", "email": "x"})
    assert spanish.status_code == 400 and "Escriba su nombre." in spanish.content.decode()
    assert not Registration.objects.exists()


def test_the_event_page_reads_in_spanish(client, demo):
    event = an_event()
    html = client.get("/es/eventos/" + event.slug + "/").content.decode()
    assert "Picnic en el parque" in html and "Juegos y comida." in html


def test_registrations_are_rate_limited_per_email(client, demo, settings):
    event = an_event(capacity=50)
    for _ in range(5):
        assert post_form(client, event).status_code == 302
    assert post_form(client, event).status_code == 429
