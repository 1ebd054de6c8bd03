"""Staff tools in the Wagtail admin: the care directory (edit, filters, CSV) and the moderation
of reported waits (filters, CSV, approve or reject on each report's page)."""

from typing import Any

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from omshub.carefinder import admin_views
from omshub.carefinder.admin_forms import CareServiceAdminForm
from omshub.carefinder.models import CareService, WaitReport
from omshub.core.staff_screens import ExportIndexView, WithoutActionsPolicy


class ModerationOnlyPolicy(WithoutActionsPolicy):
    """Reports come from families and change only by moderation (its own view): no add, no edit."""

    refused = ("add", "change")


register_permission_policy(WaitReport, ModerationOnlyPolicy(WaitReport))


class CareServiceViewSet(ModelViewSet):
    model = CareService
    icon = "site"
    menu_label = _("Care directory")
    url_prefix = "care/services"
    name = "care_services"
    list_display = ["name", "city", "state", "kind", "is_example", "verified_on", "is_listed"]
    list_filter = ["kind", "state", "is_example", "is_listed", "telehealth", "referral_only", "languages"]
    list_export = [
        "name", "kind", "street_address", "city", "state", "zip_code", "phone", "website", "languages_text",
        "telehealth", "second_opinion", "referral_only", "is_example", "is_listed", "verified_on", "updated_at",
    ]  # fmt: skip
    export_headings = {"languages_text": _("Languages spoken")}
    export_filename = "care-directory"
    search_fields = ["name", "city", "state", "zip_code"]
    index_view_class = ExportIndexView
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("kind"),
            FieldPanel("about_en"),
            FieldPanel("about_es"),
            MultiFieldPanel(
                [
                    FieldPanel("street_address"),
                    FieldRowPanel([FieldPanel("city"), FieldPanel("state"), FieldPanel("zip_code")]),
                ],
                heading=_("Address"),
            ),
            FieldPanel("phone"),
            FieldPanel("website"),
            FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
            FieldPanel("telehealth"),
            FieldPanel("second_opinion"),
            FieldPanel("referral_only"),
            FieldPanel("is_example"),
            FieldPanel("is_listed"),
            FieldPanel("verified_today"),
        ],
        base_form_class=CareServiceAdminForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return CareService.objects.prefetch_related("languages")


class WaitReportViewSet(ModelViewSet):
    model = WaitReport
    icon = "time"
    menu_label = _("Reported waits")
    url_prefix = "care/waits"
    name = "care_waits"
    list_display = [
        "service",
        Column("waited_days", label=_("Days waited")),
        "first_visit_on",
        "status",
        "created_at",
    ]
    list_filter = {"status": ["exact"], "service": ["exact"], "created_at": ["date__gte", "date__lte"]}
    # No reporter or child in the export: the aggregate never needs them.
    list_export = ["service", "referred_on", "first_visit_on", "waited_days", "status", "created_at", "moderated_at"]
    export_filename = "reported-waits"
    index_view_class = ExportIndexView
    inspect_view_enabled = True
    inspect_template_name = "carefinder/admin/wait_inspect.html"
    copy_view_enabled = False
    form_fields = ["status"]  # unused: the policy refuses the generic add and edit views

    def get_queryset(self, request: Any) -> Any:
        return WaitReport.objects.select_related("service")


class CareFinderGroup(ViewSetGroup):
    menu_label = _("Care finder")
    menu_icon = "site"
    menu_order = 260
    items = (CareServiceViewSet, WaitReportViewSet)


@hooks.register("register_admin_viewset")
def register_care_finder() -> CareFinderGroup:
    return CareFinderGroup()


@hooks.register("register_admin_urls")
def care_finder_admin_urls() -> list:
    return [path("care/waits/<int:pk>/moderate/", admin_views.moderate, name="carefinder_admin_moderate")]
