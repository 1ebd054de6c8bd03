"""Events: the list, an event's page (register there), and each attendee's ticket behind its
emailed link. Spanish under /es/eventos/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from omshub.core import converters  # noqa: F401  (registers <token:...>)
from omshub.events import views

app_name = "events"
urlpatterns = [
    path(_("events/"), views.event_list, name="list"),
    path(_("events/<slug:slug>/"), views.event_page, name="event"),
    path(_("events/ticket/<token:token>/"), views.ticket, name="ticket"),
    path(_("events/ticket/<token:token>/calendar.ics"), views.ticket_calendar, name="ticket_calendar"),
    path(_("events/ticket/<token:token>/pay/"), views.ticket_pay, name="ticket_pay"),
    path(_("events/ticket/<token:token>/take-seat/"), views.ticket_claim, name="ticket_claim"),
    path(_("events/ticket/<token:token>/cancel/"), views.ticket_cancel, name="ticket_cancel"),
]
