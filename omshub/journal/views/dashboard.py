"""A child's dashboard: where things stand today, and the trend over a chosen range."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omshub.journal import selectors
from omshub.journal.audit import audit
from omshub.journal.chart import WEEKLY_AFTER_DAYS, trend_chart
from omshub.journal.domains import SUM_NAME, described, sum_note
from omshub.journal.models import Event
from omshub.journal.views.context import audit_context
from omshub.journal.views.private import journal_view

RANGES = {
    "30": (30, _("30 days")),
    "90": (90, _("3 months")),
    "365": (365, _("1 year")),
    "all": (None, _("All")),
}
DEFAULT_RANGE = "90"


def _period(child, chosen: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    days = RANGES[chosen][0]
    if days is None:
        return selectors.first_record_day(child) or today - datetime.timedelta(days=90), today
    return today - datetime.timedelta(days=days - 1), today


@journal_view
def child(request: HttpRequest, child_id: int) -> HttpResponse:
    found = selectors.child_for(request.user, child_id)
    chosen = request.GET.get("range", DEFAULT_RANGE)
    if chosen not in RANGES:
        chosen = DEFAULT_RANGE
    today = timezone.localdate()
    start, end = _period(found, chosen, today)
    by_week = (end - start).days + 1 > WEEKLY_AFTER_DAYS  # as the chart draws it: read as weeks in SQL
    records = selectors.records_of(found, start, end, notes=False, by_week=by_week)
    last = selectors.latest_observation(found, notes=False)
    # Each kind's words looked up once: get_kind_display() translates every choice again for each event.
    kinds = {value: str(label) for value, label in Event.Kind.choices}
    audit(audit_context(request), "view", child=found, target="dashboard")
    context = {
        "child": found,
        "role": found.role,
        "may_edit": found.role != "viewer",
        "ranges": [(key, label) for key, (_days, label) in RANGES.items()],
        "chosen": chosen,
        "records": records,
        "events": [(event, kinds.get(event.kind, event.kind)) for event in records.events],
        "chart": trend_chart(records),
        "last": last,
        "last_described": described(last.scores) if last else [],
        "sum_name": SUM_NAME,
        "sum_note": sum_note(),
        "current": selectors.current_treatments(found, today),
        "upcoming": found.next_visit_on if found.next_visit_on and found.next_visit_on >= today else None,
    }
    return render(request, "journal/child.html", context)
