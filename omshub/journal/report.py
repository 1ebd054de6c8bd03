"""The visit report: a child's records over a period, for the appointment, as a PDF or a CSV file.

Built from selectors.Records (already scoped to the user). The PDF's observation table keeps at
most MOST_ROWS rows: one per observation, else averages per day, week (like the chart) or month,
and says so; WeasyPrint takes about a millisecond per table cell. The CSV keeps every observation
and protects against formulas.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from omshub.core.pdf import html_to_pdf
from omshub.core.spreadsheet import spreadsheet_safe
from omshub.journal import selectors
from omshub.journal.chart import TrendChart, trend_chart
from omshub.journal.chart_rows import Row, each, summarise
from omshub.journal.domains import SUM_NAME, domain_keys, domains, sum_note
from omshub.journal.models import Child, TreatmentStep
from omshub.journal.report_table import observation_rows

SECTIONS = [
    ("chart", _("Trend chart")),
    ("observations", _("Parent observations table")),
    ("treatments", _("Treatment timeline")),
    ("events", _("Events")),
    ("scores", _("Clinic scores")),
    ("videos", _("Episode videos (listed by date)")),
    ("notes", _("Notes")),
]
CSV_SECTIONS = {"observations", "treatments", "events", "scores", "videos", "notes"}
SUM_COLUMN = "sum_of_parent_ratings_not_a_clinic_score"
MOST_ROWS = 60  # two pages; WeasyPrint lays out a table cell in about 2 ms


@dataclass
class Note:
    day: datetime.date
    about: str
    text: str


@dataclass
class VisitReport:
    records: selectors.Records
    sections: list[str]
    prepared_on: datetime.date
    per: str = "each"  # one row per observation, or averages per "day", "week" or "month"
    rows: list[Row] = field(default_factory=list)
    chart: TrendChart | None = None
    notes: list[Note] = field(default_factory=list)
    table_body: SafeString = field(default_factory=SafeString)  # the rows as <tr>s (report_table.py)

    @property
    def child(self) -> Child:
        return self.records.child


def notes_of(records: selectors.Records) -> list[Note]:
    """Every dated note in the period, oldest first."""
    kinds = dict(SECTIONS)
    notes = [
        Note(timezone.localdate(o.observed_at), str(_("Parent observation")), o.notes)
        for o in records.observations
        if o.notes
    ]
    notes += [Note(t.started_on, t.name, t.notes) for t in records.treatments if t.notes]
    notes += [Note(e.happened_on, e.get_kind_display(), e.notes) for e in records.events if e.notes]
    notes += [Note(s.scored_on, f"{kinds['scores']}: {s.scale}", s.notes) for s in records.scores if s.notes]
    notes.sort(key=lambda note: note.day)
    return notes


def table_rows(records: selectors.Records) -> tuple[str, list[Row]]:
    """The finest rows that stay within MOST_ROWS: long tables make a PDF slow and a visit long."""
    if len(records.observations) <= MOST_ROWS:
        return "each", each(records.observations)
    for per in ("day", "week"):
        rows = summarise(records.observations, per=per)
        if len(rows) <= MOST_ROWS:
            return per, rows
    return "month", summarise(records.observations, per="month")


def build(records: selectors.Records, sections: list[str]) -> VisitReport:
    report = VisitReport(records, sections, timezone.localdate())
    if "observations" in sections:
        report.per, report.rows = table_rows(records)
        report.table_body = observation_rows(report.rows)
    if "chart" in sections:
        report.chart = trend_chart(records)
    if "notes" in sections:
        report.notes = notes_of(records)
    return report


def filename(report: VisitReport, extension: str) -> str:
    records = report.records
    slug = slugify(f"visit report {records.child.name} {records.start:%Y-%m-%d} {records.end:%Y-%m-%d}")
    return f"{slug or 'visit-report'}.{extension}"


def report_html(report: VisitReport) -> str:
    context = {
        "report": report,
        "child": report.child,
        "records": report.records,
        "sections": report.sections,
        "chart": report.chart,
        "age": report.child.age_text(report.prepared_on),
        "domains": domains(),
        "sum_name": SUM_NAME,
        "sum_note": sum_note(),
        "LANGUAGE_CODE": get_language(),
    }
    return render_to_string("journal/report_pdf.html", context)


def report_pdf(report: VisitReport) -> bytes:
    return html_to_pdf(report_html(report), stylesheet="journal/report.css")


def _text(value: object) -> str:
    return spreadsheet_safe(str(value)) if value not in (None, "") else ""


def _number(value: object) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def report_csv(report: VisitReport) -> str:
    """One file, every row tagged by its section; numbers stay numbers, all text is formula-safe."""
    keys, records = domain_keys(), report.records
    # The parent sum and a clinic total never share a column, nor a name: a spreadsheet would plot them together.
    head = ["section", "date", "end_date", "item", SUM_COLUMN, "clinic_score_total", *keys, "sleep_hours"]
    head += ["night_wakings", "rage_episodes"]
    head += ["dose", "unit", "route", "frequency", "details"]
    blank = {name: "" for name in head}
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheets then read the file as UTF-8
    writer = csv.DictWriter(out, fieldnames=head)
    writer.writeheader()

    def row(section: str, day: object, **values: str) -> None:
        writer.writerow(blank | {"section": section, "date": str(day)} | values)

    chosen = set(report.sections)
    if "observations" in chosen:
        for o in records.observations:
            at = timezone.localtime(o.observed_at)
            when = f"{at:%Y-%m-%d %H:%M}" if o.time_given else at.date().isoformat()  # no invented noon
            scores = {key: _number(o.scores.get(key)) for key in keys}
            row(
                "observation", when, item="parent observation", **{SUM_COLUMN: _number(o.total)}, **scores,
                sleep_hours=_number(o.sleep_hours), night_wakings=_number(o.night_wakings),
                rage_episodes=_number(o.rage_episodes),
            )  # fmt: skip
    if "treatments" in chosen:
        for t in records.treatments:
            row(
                "treatment", t.started_on, end_date=str(t.stopped_on or ""), item=_text(t.name), dose=_text(t.dose),
                unit=_text(t.unit), route=_text(t.get_route_display()), frequency=_text(t.frequency),
            )  # fmt: skip
            for step in t.steps.all():
                row(
                    "treatment_step", step.starts_on, item=_text(f"{t.name}: {step_label(step)}"),
                    dose=_text(step.dose), details=_text(step.notes),
                )  # fmt: skip
    if "events" in chosen:
        for e in records.events:
            row("event", e.happened_on, end_date=str(e.ended_on or ""), item=_text(e.get_kind_display()))
    if "scores" in chosen:
        for s in records.scores:
            clinician = s.clinician and f" ({s.clinician})"
            row(
                "clinic_score",
                s.scored_on,
                item=_text(s.scale),
                clinic_score_total=_number(s.total),
                details=_text(f"{s.items}{clinician}".strip()),
            )
    if "videos" in chosen:
        for v in records.videos:
            when = f"{v.filmed_on:%Y-%m-%d} {v.filmed_at:%H:%M}" if v.filmed_at else v.filmed_on.isoformat()
            seen = v.observation and f"parent observation {timezone.localdate(v.observation.observed_at):%Y-%m-%d}"
            row("video", when, item=f"episode video ({v.format})", details=_text(seen or ""))
    if "notes" in chosen:
        for note in notes_of(records):
            row("note", note.day, item=_text(note.about), details=_text(note.text))
    return out.getvalue()


def step_label(step: TreatmentStep) -> str:
    return str(TreatmentStep.Kind(step.kind).label) if step.kind in TreatmentStep.Kind.values else step.kind
