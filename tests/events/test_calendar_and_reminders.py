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
from omshub.events.services import reminders_send
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


def _zone_where_it_is_afternoon(now: datetime.datetime) -> zoneinfo.ZoneInfo:
    """A fixed-offset zone where it is now between 10:00 and 20:59, so that tomorrow there is due."""
    for hours in range(-12, 15):
        zone = zoneinfo.ZoneInfo(f"Etc/GMT{-hours:+d}" if hours else "Etc/UTC")
        if 10 <= now.astimezone(zone).hour <= 20:
            return zone
    raise AssertionError("some zone is in its afternoon")


def _long_ago(*registrations: Registration) -> None:
    """Registered days before the reminders are looked at."""
    then = timezone.now() - datetime.timedelta(days=30)
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(created_at=then, confirmed_at=then)


def test_the_reminder_goes_once_the_day_before_however_often_the_job_runs(demo):
    zone = _zone_where_it_is_afternoon(timezone.now())
    tomorrow = timezone.localtime(timezone.now(), zone).date() + datetime.timedelta(days=1)
    starts = datetime.datetime.combine(tomorrow, datetime.time(18, 0), tzinfo=zone)
    soon = an_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), capacity=5, time_zone=str(zone))
    later = an_event()  # ten days away: not yet
    coming, also = register(soon, "Ana Ruiz"), register(soon, "Bea Soto")
    register(later, "Carl Diaz")
    services_cancelled = register(soon, "Dora Paz")
    Registration.objects.filter(pk=services_cancelled.pk).update(status=Registration.Status.CANCELLED)
    _long_ago(coming, also)
    call_command("events_send_reminders")
    call_command("events_send_reminders")
    reminders = OutboxEmail.objects.filter(kind="events.reminder")
    assert sorted(reminders.values_list("to", flat=True)) == sorted([coming.email, also.email])
    message = emails.reminder(reminders.get(to=coming.email))
    assert message.subject == "Tomorrow: Picnic in the park" and message.attachments[0][0].endswith(".ics")
    assert Registration.objects.filter(pk=coming.pk, reminded_at__isnull=False).exists()


def _reminded(registration: Registration, now: datetime.datetime) -> bool:
    reminders_send(now=now)
    return OutboxEmail.objects.filter(key=f"events.reminder:{registration.reference}").exists()


def _at(event_zone: str, year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(event_zone))


def test_tomorrow_is_the_event_s_date_in_its_own_zone_from_nine_in_the_morning_there(demo):
    madrid = "Europe/Madrid"  # the site's zone is Los Angeles
    starts = _at(madrid, 2031, 6, 10, 8, 0)
    early = an_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), time_zone=madrid)
    ana = register(early, "Ana Ruiz")
    _long_ago(ana)
    # 22:00 on the 8th in Madrid, 34 hours before: the event is the day after tomorrow there.
    assert not _reminded(ana, _at(madrid, 2031, 6, 8, 22, 0))
    assert not _reminded(ana, _at(madrid, 2031, 6, 9, 8, 59))  # the day before, before nine
    # 09:00 on the 9th in Madrid is midnight in Los Angeles, where the event would be "today".
    assert _reminded(ana, _at(madrid, 2031, 6, 9, 9, 0))
    for hour in (10, 11, 23):  # the hourly job again: nothing twice
        reminders_send(now=_at(madrid, 2031, 6, 9, hour, 0))
    assert OutboxEmail.objects.filter(kind="events.reminder").count() == 1


def test_no_tomorrow_reminder_on_the_day_itself(demo):
    madrid = "Europe/Madrid"
    starts = _at(madrid, 2031, 6, 10, 20, 0)
    evening = an_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), time_zone=madrid)
    bea = register(evening, "Bea Soto")
    _long_ago(bea)
    # The job was down all the day before; on the day, 11 hours before, "tomorrow" would be wrong.
    assert not _reminded(bea, _at(madrid, 2031, 6, 10, 9, 0))


def test_the_day_before_is_counted_in_local_hours_across_the_end_of_summer_time(demo):
    la = "America/Los_Angeles"  # clocks go back at 02:00 on Sunday 2 November 2031
    starts = _at(la, 2031, 11, 3, 0, 15)
    monday = an_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), time_zone=la)
    carl = register(monday, "Carl Diaz")
    _long_ago(carl)
    utc = datetime.UTC
    # 16:00 UTC is 08:00 on Sunday in Los Angeles (PST); under summer time it would have been 09:00.
    assert not _reminded(carl, datetime.datetime(2031, 11, 2, 16, 0, tzinfo=utc))
    assert _reminded(carl, datetime.datetime(2031, 11, 2, 17, 0, tzinfo=utc))  # 09:00 PST


def test_who_registers_less_than_a_day_before_gets_no_tomorrow_reminder(demo):
    madrid = "Europe/Madrid"
    starts = _at(madrid, 2031, 6, 10, 19, 0)
    event = an_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), time_zone=madrid, capacity=5)
    early, late = register(event, "Ana Ruiz"), register(event, "Dora Paz")
    Registration.objects.filter(pk=early.pk).update(confirmed_at=_at(madrid, 2031, 6, 9, 10, 0))  # 33 h before
    Registration.objects.filter(pk=late.pk).update(confirmed_at=_at(madrid, 2031, 6, 9, 22, 0))  # 21 h before
    for hour in (11, 22, 23):
        reminders_send(now=_at(madrid, 2031, 6, 9, hour, 0))
    assert list(OutboxEmail.objects.filter(kind="events.reminder").values_list("to", flat=True)) == [early.email]
