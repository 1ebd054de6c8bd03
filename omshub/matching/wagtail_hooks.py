"""Staff's matching screens in the Wagtail admin: the sponsors' matches (added, edited, filtered;
never deleted once a gift took from one: allocations protect them) and the matched gifts, a
read-only list with filters and CSV/XLSX export. The counter of what is spent is never a form field."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from omshub.core.staff_screens import ExportIndexView, WithoutActionsPolicy
from omshub.matching.models import Match, MatchAllocation


class ReadOnlyPolicy(WithoutActionsPolicy):
    """Allocations are written only by the payment services: staff look and export."""

    refused = ("add", "change", "delete")


register_permission_policy(MatchAllocation, ReadOnlyPolicy(MatchAllocation))


class MatchViewSet(ModelViewSet):
    model = Match
    icon = "pick"
    menu_label = _("Matching sponsors")
    url_prefix = "matching/matches"
    name = "matches"
    add_to_reference_index = False
    list_display = [
        "sponsor",
        "campaign",
        Column("cap_shown", label=_("Cap")),
        Column("spent_shown", label=_("Matched so far")),
        "starts_at",
        "ends_at",
        "active",
    ]
    list_filter = ["active", "campaign"]
    search_fields = ["sponsor"]
    form_fields = ["campaign", "sponsor", "logo", "ratio", "cap_cents", "starts_at", "ends_at", "active"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request: Any) -> Any:
        return Match.objects.select_related("campaign")


class AllocationViewSet(ModelViewSet):
    model = MatchAllocation
    icon = "list-ul"
    menu_label = _("Matched gifts")
    url_prefix = "matching/gifts"
    name = "match_allocations"
    add_to_reference_index = False
    list_display = [
        Column("sponsor", label=_("Sponsor")),
        Column("gift_reference", label=_("Gift")),
        Column("donor", label=_("Donor")),
        Column("matched_shown", label=_("Matched now")),
        "created_at",
        "returned_at",
    ]
    list_filter = ["match", "created_at", "returned_at"]
    list_export = ["sponsor", "gift_reference", "donor", "gift", "matched", "given_back", "created_at", "returned_at"]
    export_headings = {
        "sponsor": _("Sponsor"),
        "gift_reference": _("Gift reference"),
        "donor": _("Donor"),
        "gift": _("Gift (USD)"),
        "matched": _("Matched (USD)"),
        "given_back": _("Given back (USD)"),
    }
    export_filename = "matched-gifts"
    search_fields = ["donation__reference", "donation__donor_name", "match__sponsor"]
    form_fields = ["returned_at"]  # never offered: the policy refuses every change
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ExportIndexView

    def get_queryset(self, request: Any) -> Any:
        return MatchAllocation.objects.select_related("match", "donation")


class MatchingGroup(ViewSetGroup):
    menu_label = _("Matching")
    menu_icon = "pick"
    menu_order = 270
    items = (MatchViewSet, AllocationViewSet)


@hooks.register("register_admin_viewset")
def register_matching() -> MatchingGroup:
    return MatchingGroup()
