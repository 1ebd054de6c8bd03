"""Payment events in the Wagtail admin: the event log (list, filters, detail with error and
payload), a home-page panel when events stopped after repeated failures, and their retry."""

import json
from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from omshub.core.staff_screens import WithoutActionsPolicy
from omshub.payments import admin_views
from omshub.payments.models import WebhookEvent
from omshub.payments.selectors import events_needing_staff


class LookOnlyPolicy(WithoutActionsPolicy):
    """The event log is the provider's record: staff look, and retry a stopped event through its
    own view; nothing is added, edited or deleted here."""

    refused = ("add", "change", "delete")


register_permission_policy(WebhookEvent, LookOnlyPolicy(WebhookEvent))


class EventFilterSet(WagtailFilterSet):
    class Meta:
        model = WebhookEvent
        fields = ["status", "livemode"]


class EventInspectView(InspectView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        event = self.object
        context["payload"] = json.dumps(event.payload, indent=2, sort_keys=True)
        context["can_retry"] = event.status == WebhookEvent.Status.STOPPED and self.request.user.has_perm(
            admin_views.PERMISSION
        )
        return context


class PaymentEventViewSet(ModelViewSet):
    model = WebhookEvent
    icon = "warning"
    menu_label = _("Payment events")
    menu_order = 253
    add_to_admin_menu = True
    add_to_reference_index = False
    url_prefix = "payments/events"
    name = "payment_events"
    list_display = ["type", "event_id", "object_id", "status", "attempts", "received_at"]
    filterset_class = EventFilterSet
    search_fields = ["event_id", "object_id", "type"]
    inspect_view_enabled = True
    inspect_view_class = EventInspectView
    inspect_template_name = "payments/admin/event_inspect.html"
    copy_view_enabled = False
    form_fields = ["status"]  # unused: the policy above refuses the edit view

    def get_queryset(self, request: Any) -> Any:
        return WebhookEvent.objects.order_by("-received_at")


payment_events = PaymentEventViewSet()


@hooks.register("register_admin_viewset")
def register_payment_events() -> PaymentEventViewSet:
    return payment_events


@hooks.register("register_admin_urls")
def payments_admin_urls() -> list:
    return [path("payments/events/<int:pk>/retry/", admin_views.retry, name="payments_admin_event_retry")]


class StoppedEventsPanel(Component):
    """On the admin's home page, only while some event waits for a person."""

    name = "payment_events_stopped"
    order = 80  # above the giving panel: a stopped refund or dispute is a gift counted wrongly
    template_name = "payments/admin/stopped_panel.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        stopped = events_needing_staff()
        return {
            "events": list(stopped[:5]),
            "count": stopped.count(),
            "list_url": f"{reverse('payment_events:index')}?status={WebhookEvent.Status.STOPPED}",
        }


@hooks.register("construct_homepage_panels")
def stopped_events_panel(request: Any, panels: list) -> None:
    if request.user.has_perm("payments.view_webhookevent") and events_needing_staff().exists():
        panels.append(StoppedEventsPanel())
