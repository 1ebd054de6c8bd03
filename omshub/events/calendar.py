"""An event as a calendar file (.ics, RFC 5545, written by icalendar): for the ticket page and
the emails. The time keeps its zone (a TZID with the zone's rules), so a phone in another zone
shows it right; the ticket's link is in the description, the place in LOCATION."""

from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from omshub.core.links import absolute
from omshub.events.models import Registration


def ics_for(registration: Registration) -> bytes:
    event = registration.event
    language = registration.language
    calendar = Calendar()
    calendar.add("prodid", "-//OMS Hub//events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(Timezone.from_tzid(event.time_zone))
    entry = CalendarEvent()
    entry.add("uid", f"{registration.reference}@omshub-events")
    entry.add("dtstamp", registration.created_at)
    entry.add("dtstart", event.local_start)
    entry.add("dtend", event.local_end)
    entry.add("summary", event.shown_title(language))
    ticket = absolute(registration.get_absolute_url())
    description = event.shown_summary(language) + "\n\n" + ticket
    if event.online and event.online_url:
        entry.add("location", event.online_url)
        description += "\n" + event.online_url
    elif not event.online:
        entry.add("location", ", ".join(part for part in (event.place_name, event.address) if part))
    entry.add("description", description)
    entry.add("url", ticket)
    calendar.add_component(entry)
    return calendar.to_ical()


def ics_filename(registration: Registration) -> str:
    return f"{registration.event.slug}.ics"
