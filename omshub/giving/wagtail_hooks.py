"""Staff tools in the Wagtail admin: the donations list (filters, search, CSV export, detail with
history), refunds, offline gifts, donor-wall moderation and the dashboard panel."""

import uuid
from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from omshub.core.staff_screens import ExportIndexView, WithoutActionsPolicy
from omshub.giving import admin_views
from omshub.giving.admin_filters import DonationFilterSet
from omshub.giving.admin_warnings import receipt_details_warning
from omshub.giving.dashboard import GivingPanel
from omshub.giving.models import COUNTED, Donation, receipt_number_pk
from omshub.payments.models import WebhookEvent


class NoAddOrDeletePolicy(WithoutActionsPolicy):
    """The list and detail only: offline gifts, refunds and notes have their own forms (which
    write through services), and nothing is ever deleted."""

    refused = ("add", "change", "delete")


register_permission_policy(Donation, NoAddOrDeletePolicy(Donation))


class DonationInspectView(InspectView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        gift = self.object
        ids = [
            i
            for i in (gift.checkout_id, gift.payment_id, gift.settlement_id, gift.invoice_id, gift.subscription_id)
            if i
        ]
        context["events"] = WebhookEvent.objects.filter(object_id__in=ids).order_by("received_at") if ids else []
        context["has_receipt"] = gift.status in COUNTED
        context["resend_key"] = uuid.uuid4().hex
        return context


class DonationIndexView(ExportIndexView):
    def search_queryset(self, queryset: Any) -> Any:
        """A receipt number ("OMS-2026-000123", however typed) finds its gift; other words search as usual."""
        pk = receipt_number_pk(self.search_query or "")
        return queryset.filter(pk=pk) if pk is not None else super().search_queryset(queryset)


class DonationViewSet(ModelViewSet):
    model = Donation
    icon = "pick"
    menu_label = _("Donations")
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False  # a gift links to nothing staff would edit; saves a task per change
    url_prefix = "giving/donations"
    name = "giving_donations"
    list_display = [
        "donor_name",
        "email",
        Column("amount_shown", label=_("Amount")),
        "status",
        "frequency",
        "method",
        "campaign",
        "created_at",
        "is_test",
    ]
    list_export = [
        "reference", "created_at", "succeeded_at", "received_on", "status", "frequency", "method", "amount",
        "fee_covered", "refunded", "currency", "donor", "donor_email", "anonymous", "campaign", "tribute",
        "in_honor_or_memory_of", "is_test", "provider", "payment_id", "staff_note",
    ]  # fmt: skip
    export_filename = "donations"
    export_headings = {
        "amount": _("Amount (USD)"),
        "fee_covered": _("Fee covered (USD)"),
        "refunded": _("Refunded (USD)"),
        "created_at": _("Created (local time)"),
        "succeeded_at": _("Paid (local time)"),
    }
    filterset_class = DonationFilterSet
    search_fields = ["donor_name", "email", "reference", "checkout_id", "payment_id", "invoice_id"]
    inspect_view_enabled = True
    inspect_template_name = "giving/admin/inspect.html"
    copy_view_enabled = False
    form_fields = ["note"]  # unused: the generic edit view is refused by the policy above

    def get_queryset(self, request: Any) -> Any:
        return Donation.objects.select_related("campaign")

    inspect_view_class = DonationInspectView
    index_view_class = DonationIndexView
    index_template_name = "giving/admin/donations_index.html"


donations = DonationViewSet()


@hooks.register("register_admin_viewset")
def register_donations() -> DonationViewSet:
    return donations


@hooks.register("register_admin_urls")
def giving_admin_urls() -> list:
    return [
        path("giving/donations/<int:pk>/refund/", admin_views.refund, name="giving_admin_refund"),
        path("giving/donations/<int:pk>/note/", admin_views.note, name="giving_admin_note"),
        path("giving/donations/<int:pk>/receipt/", admin_views.receipt_download, name="giving_admin_receipt"),
        path(
            "giving/donations/<int:pk>/receipt/resend/", admin_views.receipt_resend, name="giving_admin_receipt_resend"
        ),
        path("giving/offline-gift/", admin_views.offline_gift, name="giving_admin_offline_gift"),
        path("giving/wall/", admin_views.wall, name="giving_admin_wall"),
        path("giving/wall/<int:pk>/", admin_views.moderate, name="giving_admin_moderate"),
    ]


class PermittedMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def offline_gift_menu_item() -> MenuItem:
    return PermittedMenuItem(
        _("Enter an offline gift"), reverse("giving_admin_offline_gift"), icon_name="plus", order=251
    )


@hooks.register("register_admin_menu_item")
def wall_menu_item() -> MenuItem:
    return PermittedMenuItem(_("Donor wall messages"), reverse("giving_admin_wall"), icon_name="comment", order=252)


@hooks.register("construct_homepage_panels")
def giving_panel(request: Any, panels: list) -> None:
    if request.user.has_perm("giving.view_donation"):
        panels.append(GivingPanel())
        warning = receipt_details_warning()
        if warning is not None:
            panels.append(warning)
