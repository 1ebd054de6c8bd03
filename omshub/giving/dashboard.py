"""The staff dashboard panel: raised per week (an SVG bar chart with its table) and per campaign,
and how many monthly donors are active. Live gifts only."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from omshub.core.money import format_money
from omshub.giving import selectors

CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 600, 160, 6


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str
    value: str


def week_bars(weeks: list[tuple[Any, int]]) -> list[Bar]:
    top = max((raised for _, raised in weeks), default=0) or 1
    width = CHART_WIDTH // max(len(weeks), 1)
    bars = []
    for n, (week, raised) in enumerate(weeks):
        height = round(raised * (CHART_HEIGHT - 20) / top)
        bars.append(
            Bar(
                x=n * width + BAR_GAP // 2,
                y=CHART_HEIGHT - height,
                width=width - BAR_GAP,
                height=height,
                label=week.strftime("%d %b"),
                value=format_money(raised),
            )
        )
    return bars


class GivingPanel(Component):
    name = "giving"
    order = 90
    template_name = "giving/admin/dashboard_panel.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        weeks = selectors.raised_per_week(weeks=12)
        return {
            "bars": week_bars(weeks),
            "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT},
            "chart_title": _("Raised per week, last 12 weeks"),
            "campaigns": selectors.raised_per_campaign(),
            "monthly_donors": selectors.active_monthly_donors(),
            "test_gifts": selectors.count_of_test_gifts(),
        }
