"""Event emails, built at send time from the stored registration, in the attendee's language:
the ticket (with its calendar file and, when paid, the receipt's wording), a place on the
waitlist, a freed seat offered, the day-before reminder (calendar file again), and a refund
of a payment that came after the seat had gone."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from omshub.core.links import absolute
from omshub.core.models import OutboxEmail
from omshub.core.outbox import Message, register
from omshub.events.calendar import ics_filename, ics_for
from omshub.events.models import Registration
from omshub.events.receipt import receipt_lines, receipt_statement
from omshub.giving.receipts import foundation


def _context(registration: Registration) -> dict:
    return {
        "registration": registration,
        "event": registration.event,
        "title": registration.event.shown_title(registration.language),
        "ticket_url": absolute(registration.get_absolute_url()),
        "receipt": receipt_lines(registration),
        "receipt_statement": receipt_statement(registration) if registration.paid_cents else "",
        "foundation": foundation(),
    }


def _registration(email: OutboxEmail) -> Registration:
    return Registration.objects.select_related("event").get(pk=email.data["registration"])


def _calendar(registration: Registration) -> list[tuple[str, bytes, str]]:
    return [(ics_filename(registration), ics_for(registration), "text/calendar")]


@register("events.confirmed", secret=True)
def confirmed(email: OutboxEmail) -> Message:
    registration = _registration(email)
    context = _context(registration)
    return Message(
        subject=_("Your ticket: %(event)s") % {"event": context["title"]},
        text=render_to_string("events/email/confirmed.txt", context),
        attachments=_calendar(registration),
    )


@register("events.waitlisted", secret=True)
def waitlisted(email: OutboxEmail) -> Message:
    context = _context(_registration(email))
    return Message(
        subject=_("You are on the waitlist: %(event)s") % {"event": context["title"]},
        text=render_to_string("events/email/waitlisted.txt", context),
    )


@register("events.offer", secret=True)
def offer(email: OutboxEmail) -> Message:
    context = _context(_registration(email))
    return Message(
        subject=_("A seat is free for you: %(event)s") % {"event": context["title"]},
        text=render_to_string("events/email/offer.txt", context),
    )


@register("events.reminder", secret=True)
def reminder(email: OutboxEmail) -> Message:
    registration = _registration(email)
    context = _context(registration)
    return Message(
        subject=_("Tomorrow: %(event)s") % {"event": context["title"]},
        text=render_to_string("events/email/reminder.txt", context),
        attachments=_calendar(registration),
    )


@register("events.refunded", secret=True)
def refunded(email: OutboxEmail) -> Message:
    context = _context(_registration(email))
    return Message(
        subject=_("Your payment is refunded: %(event)s") % {"event": context["title"]},
        text=render_to_string("events/email/refunded.txt", context),
    )
