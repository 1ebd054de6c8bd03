"""Pieces every staff screen in the Wagtail admin shares: an index view with the CSV/XLSX
export staff read in their own time zone, and a permission policy that takes some actions
away from a model whatever a group's permissions say (reports change only by moderation,
allocations only by the payment services)."""

from typing import Any, ClassVar

from wagtail.admin.views.generic import IndexView
from wagtail.permission_policies import ModelPermissionPolicy

from omshub.core.spreadsheet import LocalSpreadsheetExportMixin


class ExportIndexView(LocalSpreadsheetExportMixin, IndexView):
    """A model's list with filters and its spreadsheet export."""


class WithoutActionsPolicy(ModelPermissionPolicy):
    """The model's permissions, less the actions named in `refused`."""

    refused: ClassVar[tuple[str, ...]] = ()

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)
