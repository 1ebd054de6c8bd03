"""Staff's event screens in the Wagtail admin: events (add, edit, filters, CSV export, a link to
each one's check-in list) and registrations (filters by event, status, arrival; search by name,
email or reference; CSV export of attendees). Registrations are made by the public form and
changed by its services, so staff may correct a name or an email here, nothing more."""

from typing import Any

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from omshub.core.staff_screens import ExportIndexView, WithoutActionsPolicy
from omshub.events import door_urls
from omshub.events.models import Event, Registration


class NoAddOrDeletePolicy(WithoutActionsPolicy):
    refused = ("add", "delete")


register_permission_policy(Registration, NoAddOrDeletePolicy(Registration))


class EventViewSet(ModelViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    url_prefix = "events/events"
    name = "events_events"
    add_to_reference_index = False
    list_display = [
        "title",
        "starts_at",
        "capacity",
        "price_cents",
        "published",
        TitleColumn("door_label", label=_("At the door"), url_name="events_door:list"),
    ]
    list_filter = ["published", "online", "registration_open"]
    list_export = ["slug", "title", "starts_at", "ends_at", "time_zone", "place_name", "address", "capacity", "price",
                   "fair_market_value", "published"]  # fmt: skip
    export_headings = {"price": _("Price (USD)"), "fair_market_value": _("Fair market value (USD)")}
    export_filename = "events"
    search_fields = ["title", "title_es", "place_name"]
    form_fields = [
        "title", "title_es", "summary", "summary_es", "slug", "starts_at", "ends_at", "time_zone", "online",
        "place_name", "address", "map_url", "online_url", "capacity", "price_cents", "fair_market_value_cents",
        "published", "registration_open",
    ]  # fmt: skip
    copy_view_enabled = False
    index_view_class = ExportIndexView


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "tick"
    menu_label = _("Registrations")
    url_prefix = "events/registrations"
    name = "events_registrations"
    add_to_reference_index = False
    list_display = ["name", "event", "status", Column("paid", label=_("Paid (USD)")), "checked_in_at", "created_at"]
    list_filter = ["event", "status", "is_test", "checked_in_at", "language"]
    list_export = [
        "reference", "event_title", "attendee_name", "attendee_email", "language", "status_label", "ticket_price",
        "donation", "paid", "fair_market_value", "deductible", "checked_in_at", "created_at", "is_test",
    ]  # fmt: skip
    export_headings = {
        "event_title": _("Event"), "attendee_name": _("Name"), "attendee_email": _("Email"),
        "status_label": _("Status"), "ticket_price": _("Ticket (USD)"), "donation": _("Donation (USD)"),
        "paid": _("Paid (USD)"), "fair_market_value": _("Fair market value (USD)"),
        "deductible": _("Deductible (USD)"),
    }  # fmt: skip
    export_filename = "event-attendees"
    search_fields = ["name", "email", "reference"]
    form_fields = ["name", "email"]
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ExportIndexView

    def get_queryset(self, request: Any) -> Any:
        return Registration.objects.select_related("event")


class EventsGroup(ViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 270
    items = (EventViewSet, RegistrationViewSet)


@hooks.register("register_admin_viewset")
def register_events() -> EventsGroup:
    return EventsGroup()


@hooks.register("register_admin_urls")
def register_door() -> list:
    return [path("events/door/", include(door_urls, namespace="events_door"))]
