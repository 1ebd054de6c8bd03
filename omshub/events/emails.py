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


def _message(email: OutboxEmail, subject: str, template: str, *, calendar: bool = False) -> Message:
    """The email for the registration: `subject` names the event as %(event)s; the calendar file
    goes with the ticket and the reminder."""
    registration = _registration(email)
    context = _context(registration)
    return Message(
        subject=subject % {"event": context["title"]},
        text=render_to_string(f"events/email/{template}.txt", context),
        attachments=_calendar(registration) if calendar else [],
    )


@register("events.confirmed", secret=True)
def confirmed(email: OutboxEmail) -> Message:
    return _message(email, _("Your ticket: %(event)s"), "confirmed", calendar=True)


@register("events.waitlisted", secret=True)
def waitlisted(email: OutboxEmail) -> Message:
    return _message(email, _("You are on the waitlist: %(event)s"), "waitlisted")


@register("events.offer", secret=True)
def offer(email: OutboxEmail) -> Message:
    return _message(email, _("A seat is free for you: %(event)s"), "offer")


@register("events.reminder", secret=True)
def reminder(email: OutboxEmail) -> Message:
    return _message(email, _("Tomorrow: %(event)s"), "reminder", calendar=True)


@register("events.refunded", secret=True)
def refunded(email: OutboxEmail) -> Message:
    return _message(email, _("Your payment is refunded: %(event)s"), "refunded")
