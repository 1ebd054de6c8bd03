"""Staff's fundraising screens in the Wagtail admin: pages and teams (filters, search, CSV
export, publish or unpublish through the status field) and visitors' reports. Nothing is
added here (supporters create pages) or deleted (gifts point to them): staff unpublish."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from omshub.core.staff_screens import ExportIndexView, WithoutActionsPolicy
from omshub.fundraising.models import FundraisingPage, PageReport, Team


class NoAddOrDeletePolicy(WithoutActionsPolicy):
    refused = ("add", "delete")


for model in (FundraisingPage, Team, PageReport):
    register_permission_policy(model, NoAddOrDeletePolicy(model))


class FundraisingPageViewSet(ModelViewSet):
    model = FundraisingPage
    icon = "user"
    menu_label = _("Fundraising pages")
    url_prefix = "fundraising/pages"
    name = "fundraising_pages"
    add_to_reference_index = False
    list_display = ["title", "owner_name", "status", "team", "goal_cents", "about_child_health", "created_at"]
    list_filter = ["status", "about_child_health", "consent_given"]
    list_export = [
        "slug", "page_title", "shown_owner", "owner_email", "status", "team_name", "goal", "about_child_health",
        "consent_given", "created_at", "closed_at",
    ]  # fmt: skip
    export_headings = {
        "page_title": _("Title"), "shown_owner": _("Name shown"), "owner_email": _("Owner's email"),
        "team_name": _("Team"), "goal": _("Goal (USD)"),
    }  # fmt: skip
    export_filename = "fundraising-pages"
    search_fields = ["title", "owner_name", "slug", "story"]
    form_fields = [
        "status", "title", "owner_name", "story", "goal_cents", "photo_alt", "about_child_health", "consent_given",
    ]  # fmt: skip
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ExportIndexView

    def get_queryset(self, request: Any) -> Any:
        return FundraisingPage.objects.select_related("team", "owner")


class TeamViewSet(ModelViewSet):
    model = Team
    icon = "group"
    menu_label = _("Fundraising teams")
    url_prefix = "fundraising/teams"
    name = "fundraising_teams"
    add_to_reference_index = False
    list_display = ["name", "status", "goal_cents", "created_at"]
    list_filter = ["status"]
    list_export = ["slug", "team_name", "status", "goal", "created_at"]
    export_headings = {"team_name": _("Team"), "goal": _("Goal (USD)")}
    export_filename = "fundraising-teams"
    search_fields = ["name", "slug"]
    form_fields = ["status", "name", "goal_cents"]
    copy_view_enabled = False
    index_view_class = ExportIndexView


class ReportViewSet(ModelViewSet):
    model = PageReport
    icon = "warning"
    menu_label = _("Reports of fundraising pages")
    url_prefix = "fundraising/reports"
    name = "fundraising_reports"
    add_to_reference_index = False
    list_display = [Column("subject", label=_("Page or team")), "reason", "handled", "created_at"]
    list_filter = ["handled", "reason"]
    list_export = ["subject", "reason", "reported_details", "reporter_email", "handled", "created_at"]
    export_headings = {"subject": _("Page or team"), "reported_details": _("Details"), "reporter_email": _("Email")}
    export_filename = "fundraising-reports"
    form_fields = ["handled"]
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ExportIndexView


class FundraisingGroup(ViewSetGroup):
    menu_label = _("Fundraising")
    menu_icon = "group"
    menu_order = 260
    items = (FundraisingPageViewSet, TeamViewSet, ReportViewSet)


@hooks.register("register_admin_viewset")
def register_fundraising() -> FundraisingGroup:
    return FundraisingGroup()
