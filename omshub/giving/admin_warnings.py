"""The admin's warning while the foundation's receipt details (legal name, postal address, EIN) are
missing: on the dashboard and on every giving screen, until someone fills them in."""

from typing import Any

from django.urls import reverse
from wagtail.admin.ui.components import Component

from omshub.giving.receipts import foundation


class ReceiptDetailsWarning(Component):
    name = "receipt_details_warning"
    order = 10  # above the other dashboard panels: receipts are going out without these details
    template_name = "giving/admin/receipt_details_warning.html"

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {
            "missing": self.missing,
            "settings_url": reverse("wagtailsettings:edit", args=["core", "foundationsettings"]),
        }


def receipt_details_warning() -> ReceiptDetailsWarning | None:
    missing = foundation().receipt_details_missing()
    return ReceiptDetailsWarning(missing) if missing else None
