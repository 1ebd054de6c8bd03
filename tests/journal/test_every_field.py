"""Every field a family records reaches every view a clinician gets: the visit report (HTML and
PDF), its CSV file and the shared page.

The fields are walked from each record model's `_meta.get_fields()`, each given a value of its
own that can be found again. A field added later that does not reach an output fails here,
unless it is added, with its reason, to NOT_RECORDED below.
"""

import csv
import datetime
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from omshub.journal import report as visit_report
from omshub.journal import selectors
from omshub.journal.domains import domain_keys
from omshub.journal.models import (
    Child,
    ClinicScore,
    Event,
    Observation,
    ShareLink,
    Treatment,
    TreatmentStep,
    token_digest,
)
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db

# What a family records, in the order they are created (a step needs its course).
RECORD_MODELS: list[type[models.Model]] = [Observation, ClinicScore, Treatment, TreatmentStep, Event]
# The journal's other tables hold people, links and the log, not records. Episode videos are
# files, not fields: test_videos.py checks that each view a clinician gets lists them by date.
NOT_RECORDS = {"Child", "Membership", "Invitation", "ShareLink", "ShareView", "AuditEntry", "EpisodeVideo"}

# Fields that are not something the family recorded about the child, each with why.
NOT_RECORDED = {
    "id": "the database's own number",
    "child": "whose record it is: each output is about one child, named at its top",
    "recorded_by": "which caregiver typed it: the clinician's views name no member of the circle",
    "created_at": "when it was typed, not when it happened",
    "updated_at": "when it was last changed, not when it happened",
    "treatment": "a step's course: the step is listed with its course",
    "Observation.total": "the sum of the ratings, worked out from them; test_parent_sum.py checks how it is named",
    "Observation.time_given": "whether observed_at has a time: the time is checked with observed_at",
}
# A field that means something only with another field's value: checked on a record of its own.
ONLY_WITH = {"Treatment.medicine_other": {"medicine": Treatment.Medicine.OTHER}}
# Values the walker cannot choose alone, each with why.
FIXED = {
    "Treatment.started_on": -50,  # days before today: the course holds its steps
    "Treatment.stopped_on": -3,
}
RATINGS = [3, 0, 2, 1, 3, 0]  # a pattern the outputs show side by side, in the data file's order


@dataclass
class Expected:
    """What one field's value looks like in the outputs for people, and in the CSV file."""

    name: str
    shown: list[str]  # texts, each found in the page with its spaces removed
    csv_cell: str = ""  # a CSV cell equal to this
    csv_part: str = ""  # or a CSV cell containing this
    csv_columns: dict[str, str] = field(default_factory=dict)  # or these columns of one row


def squeeze(text: str) -> str:
    return "".join(text.split())


class Walker:
    """Gives each field of each record a value found nowhere else, and says how it should look."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.days = itertools.count(40, -1)  # distinct days inside the period, none of them fixed above
        self.numbers = itertools.count(37, 4)
        self.expected: list[Expected] = []

    def values(self, model: type[models.Model], skip: set[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for f in model._meta.get_fields():
            name = f"{model.__name__}.{f.name}"
            if f.name in NOT_RECORDED or name in NOT_RECORDED or not f.concrete or f.name in skip:
                continue
            if name in ONLY_WITH and not skip:
                found[f.name] = ""  # its own record below
                continue
            assert isinstance(f, models.Field), name
            found[f.name] = self.value(name, f)
        return found

    def value(self, name: str, f: models.Field) -> Any:
        if f.choices:
            value, label = next(
                (v, label) for v, label in f.choices if v not in (f.default, "other") and not isinstance(label, list)
            )
            self.expected.append(Expected(name, [str(label)], csv_part=str(label)))
            return value
        if isinstance(f, models.DateTimeField):
            day = self.today - datetime.timedelta(days=next(self.days))
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(7, 35)))
            shown = [formats.date_format(day), formats.time_format(moment.time())]
            self.expected.append(Expected(name, shown, csv_cell=f"{day.isoformat()} 07:35"))
            return moment
        if isinstance(f, models.DateField):
            offset = FIXED.get(name)
            day = self.today + datetime.timedelta(days=offset if offset is not None else -next(self.days))
            self.expected.append(Expected(name, [formats.date_format(day)], csv_cell=day.isoformat()))
            return day
        if isinstance(f, models.JSONField) and name == "Observation.scores":
            scores = dict(zip(domain_keys(), RATINGS, strict=True))
            columns = {key: str(value) for key, value in scores.items()}
            self.expected.append(Expected(name, ["".join(map(str, RATINGS))], csv_columns=columns))
            return scores
        if isinstance(f, models.DecimalField):
            number = Decimal(next(self.numbers) % 20) + Decimal("0.5")  # fits every decimal field here
            self.expected.append(Expected(name, [formats.number_format(number)], csv_cell=str(number)))
            return number
        if isinstance(f, models.IntegerField):
            whole = next(self.numbers)
            self.expected.append(Expected(name, [str(whole)], csv_cell=str(whole)))
            return whole
        if isinstance(f, (models.CharField, models.TextField)):
            token = f"zq{len(self.expected)}{f.name[:3]}"  # short: it fits any length and never wraps
            self.expected.append(Expected(name, [token], csv_part=token))
            return token
        raise AssertionError(f"{name}: a field of a new type; give it a value here")


def make_records(child: Child, walker: Walker) -> None:
    made: dict[type[models.Model], models.Model] = {}
    for model in RECORD_MODELS:
        values = walker.values(model, skip=set())
        owner = {"treatment": made[Treatment]} if model is TreatmentStep else {"child": child}
        if model is Observation:
            values["total"] = sum(values["scores"].values())
        made[model] = model._default_manager.create(**owner, **values)
        for name, needs in ONLY_WITH.items():
            model_name, field_name = name.split(".")
            if model_name == model.__name__:
                base = {k: v for k, v in values.items() if k not in needs and k != field_name}
                extra = walker.values(model, skip=set(values) - {field_name})
                model._default_manager.create(**owner, **base, **needs, **extra)


def outputs(client: Client, child: Child, today: datetime.date, language: str) -> Iterator[tuple[str, str]]:
    """Each view a clinician gets, as (name, text)."""
    start = today - datetime.timedelta(days=60)
    sections = ["chart", "observations", "treatments", "events", "scores", "notes"]
    query = {"date_from": start.isoformat(), "date_to": today.isoformat(), "sections": sections}
    with translation.override(language):
        report = reverse("journal:report", args=[child.pk])
        shared = reverse("journal:shared", args=["every-field-" + "c" * 40])
    pdf = client.get(report, {**query, "format": "pdf"})
    assert pdf.status_code == 200
    yield "report PDF", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    with translation.override(language):
        built = visit_report.build(selectors.records_of(child, start, today), sections)
        yield "report HTML", BeautifulSoup(visit_report.report_html(built), "html.parser").get_text(" ")
    ShareLink.objects.create(
        child=child,
        token_hash=token_digest("every-field-" + "c" * 40),
        data_from=start,
        data_to=today,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    page = client.get(shared)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    main = soup.find("main")
    assert main is not None
    yield "shared page", main.get_text(" ")
    spreadsheet = client.get(report, {**query, "format": "csv"})
    assert spreadsheet.status_code == 200
    yield "CSV", spreadsheet.content.decode("utf-8-sig")


def found_in_csv(expected: Expected, rows: list[dict[str, str]]) -> bool:
    cells = [cell for row in rows for cell in row.values()]
    if expected.csv_columns:
        return any(all(row.get(k) == v for k, v in expected.csv_columns.items()) for row in rows)
    if expected.csv_cell:
        return expected.csv_cell in cells
    return any(expected.csv_part in cell for cell in cells)


def test_the_walk_covers_every_record_model() -> None:
    journal = {model.__name__ for model in apps.get_app_config("journal").get_models()}
    assert journal == {model.__name__ for model in RECORD_MODELS} | NOT_RECORDS


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_recorded_field_reaches_every_clinician_view(family, language) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    today = timezone.localdate()
    with translation.override(language):
        walker = Walker(today)
        make_records(child, walker)
    assert len(walker.expected) >= 25, "the walk found the fields"
    parent.cookies["django_language"] = language
    missing = []
    for output, text in outputs(parent, child, today, language):
        if output == "CSV":
            rows = list(csv.DictReader(io.StringIO(text)))
            missing += [f"{output}: {e.name}" for e in walker.expected if not found_in_csv(e, rows)]
            continue
        flat = squeeze(text)
        for expected in walker.expected:
            missing += [
                f"{output}: {expected.name} {shown!r}" for shown in expected.shown if squeeze(shown) not in flat
            ]
    assert missing == []
