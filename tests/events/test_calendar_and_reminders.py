"""The calendar file read back by icalendar (a round trip), and the day-before reminder sent
once however often its job runs."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from omshub.core.models import OutboxEmail
from omshub.events import emails
from omshub.events.calendar import ics_for
from omshub.events.models import Registration
from tests.events.helpers import an_event, register

pytestmark = pytest.mark.django_db


def test_the_calendar_file_reads_back_with_its_time_zone_place_and_ticket(client, demo):
    starts = datetime.datetime(2031, 3, 14, 18, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    event = an_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), time_zone="America/New_York")
    registration = register(event, "Ana Ruiz", language="es")
    response = client.get(registration.get_absolute_url() + "calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert response.content == ics_for(registration)
    calendar = Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == starts and entry.decoded("dtstart").utcoffset() == datetime.timedelta(hours=-4)
    assert str(entry["dtstart"].params["TZID"]) == "America/New_York"
    assert entry.decoded("dtend") - entry.decoded("dtstart") == datetime.timedelta(hours=2)
    assert str(entry["summary"]) == "Picnic en el parque"  # in the attendee's language
    assert "Griffith Park" in str(entry["location"]) and registration.get_absolute_url() in str(entry["url"])
    assert str(entry["uid"]).startswith(registration.reference)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    # Written again from what was read: the same event.
    again = Calendar.from_ical(calendar.to_ical())
    assert again.walk("VEVENT")[0].decoded("dtstart") == starts


def test_no_calendar_for_a_ticket_that_is_not_confirmed(client, demo):
    event = an_event(capacity=1)
    register(event, "Ana Ruiz")
    waiting = register(event, "Bea Soto")
    assert client.get(waiting.get_absolute_url() + "calendar.ics").status_code == 404


def test_the_reminder_goes_once_the_day_before_however_often_the_job_runs(demo):
    soon = an_event(starts_at=timezone.now() + datetime.timedelta(hours=20), capacity=5)
    soon.ends_at = soon.starts_at + datetime.timedelta(hours=2)
    soon.save()
    later = an_event()  # ten days away: not yet
    coming, also = register(soon, "Ana Ruiz"), register(soon, "Bea Soto")
    register(later, "Carl Diaz")
    services_cancelled = register(soon, "Dora Paz")
    Registration.objects.filter(pk=services_cancelled.pk).update(status=Registration.Status.CANCELLED)
    call_command("events_send_reminders")
    call_command("events_send_reminders")
    reminders = OutboxEmail.objects.filter(kind="events.reminder")
    assert sorted(reminders.values_list("to", flat=True)) == sorted([coming.email, also.email])
    message = emails.reminder(reminders.get(to=coming.email))
    assert message.subject == "Tomorrow: Picnic in the park" and message.attachments[0][0].endswith(".ics")
    assert Registration.objects.filter(pk=coming.pk, reminded_at__isnull=False).exists()
