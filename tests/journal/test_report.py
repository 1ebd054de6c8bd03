"""The visit report: a form, then a PDF or a CSV of one child's period, for the circle only."""

import csv
import datetime
import io

import pytest
from django.utils import formats, timezone
from pypdf import PdfReader

from omshub.journal import selectors
from omshub.journal.domains import domain_keys
from omshub.journal.models import (
    AuditEntry,
    Child,
    ClinicScore,
    Event,
    Membership,
    Observation,
    Treatment,
    TreatmentStep,
)
from omshub.journal.report import MOST_ROWS, SUM_COLUMN, build, report_html, table_rows
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db


def fill(child: Child, end: datetime.date, days: int = 90) -> None:
    """A realistic period: three observations a week, a prednisolone taper, monthly IVIG, an infection, a relapse."""
    start = end - datetime.timedelta(days=days - 1)
    for offset in range(days):
        day = start + datetime.timedelta(offset)
        if day.weekday() in (0, 2, 5):
            rating = 2 if offset < days // 2 else 1
            scores = dict.fromkeys(domain_keys(), rating)
            Observation.objects.create(
                child=child,
                observed_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(19))),
                scores=scores, total=sum(scores.values()), sleep_hours="9.5", night_wakings=2, rage_episodes=1,
                notes="" if Observation.objects.filter(child=child).exists() else "@SUM(A1) wobbly after nap",
            )  # fmt: skip
    pred = Treatment.objects.create(
        child=child, medicine="prednisolone", dose="20", unit="mg", route="mouth", frequency="once a day",
        started_on=start, stopped_on=start + datetime.timedelta(days=40), notes="Taper agreed with the clinic",
    )  # fmt: skip
    for week, dose in ((2, "15 mg"), (4, "10 mg")):
        TreatmentStep.objects.create(
            treatment=pred, kind="taper", starts_on=start + datetime.timedelta(weeks=week), dose=dose
        )
    ivig = Treatment.objects.create(
        child=child, medicine="ivig", dose="2", unit="g/kg", route="drip", frequency="every 4 weeks", started_on=start
    )
    for month in range(3):
        TreatmentStep.objects.create(
            treatment=ivig, kind="infusion", starts_on=start + datetime.timedelta(days=28 * month)
        )
    Treatment.objects.create(child=child, medicine="other", medicine_other="=HYPERLINK(1)", started_on=start)
    Event.objects.create(child=child, kind="infection", happened_on=start + datetime.timedelta(days=50))
    Event.objects.create(
        child=child, kind="relapse", happened_on=start + datetime.timedelta(days=55), notes="Eyes again"
    )
    ClinicScore.objects.create(
        child=child, scale="Mitchell-Pike", scored_on=start + datetime.timedelta(days=30), total=5
    )


@pytest.fixture
def visit(family):
    parent = family("mum@example.com")
    child = add_child(parent)
    today = timezone.localdate()
    fill(child, today)
    return parent, child, today


def query(today: datetime.date, fmt: str = "pdf", days: int = 90, sections: tuple[str, ...] = ()) -> dict:
    chosen = sections or ("chart", "observations", "treatments", "events", "scores", "notes")
    start = today - datetime.timedelta(days=days - 1)
    return {"date_from": start.isoformat(), "date_to": today.isoformat(), "sections": list(chosen), "format": fmt}


def test_the_form_proposes_the_last_90_days(visit) -> None:
    parent, child, today = visit
    response = parent.get(f"/journal/children/{child.pk}/report/")
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert (
        f'value="{(today - datetime.timedelta(days=89)).isoformat()}"' in html
        and f'value="{today.isoformat()}"' in html
    )
    assert html.count('name="sections"') == 7 and html.count("checked") >= 8


def test_pdf_holds_the_period(visit) -> None:
    parent, child, today = visit
    response = parent.get(f"/journal/children/{child.pk}/report/", query(today))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    start = today - datetime.timedelta(days=89)
    assert response["Content-Disposition"] == f'attachment; filename="visit-report-sofia-{start}-{today}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    observed = Observation.objects.filter(child=child).earliest("observed_at")
    assert "Sofia" in text and "Prednisolone" in text and "not a clinical score" in text
    assert "TUMOR FOUND Not known yet" in " ".join(text.split()), "the labels are printed in capitals"
    assert formats.date_format(timezone.localdate(observed.observed_at)) in text
    assert "15 mg" in text and "Relapse" in text and "Eyes again" in text and "Mitchell-Pike" in text
    entry = AuditEntry.objects.get(action="report")
    assert entry.child == child and entry.user == parent.user and entry.target == "visit report pdf"


def test_an_empty_period_still_makes_a_report(visit) -> None:
    parent, child, today = visit
    response = parent.get(f"/journal/children/{child.pk}/report/", query(today - datetime.timedelta(days=400), days=7))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response.status_code == 200 and "No parent observations were recorded" in text
    assert "No treatments recorded in this period" in text


def test_csv_rows_are_tagged_and_formulas_stay_text(visit) -> None:
    parent, child, today = visit
    response = parent.get(f"/journal/children/{child.pk}/report/", query(today, "csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sections = {row["section"] for row in rows}
    assert sections == {"observation", "treatment", "treatment_step", "event", "clinic_score", "note"}
    observations = [row for row in rows if row["section"] == "observation"]
    assert len(observations) == Observation.objects.filter(child=child).count()
    assert observations[0][SUM_COLUMN] in {"12", "6"} and observations[0]["sleep_hours"] == "9.5"
    assert "'=HYPERLINK(1)" in {row["item"] for row in rows}
    assert any(row["details"] == "'@SUM(A1) wobbly after nap" for row in rows)
    assert AuditEntry.objects.get(action="report").target == "visit report csv"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date_from": "2025-05-02", "date_to": "2025-05-01"}, "on or after the start date"),
        ({"date_from": "2010-01-01", "date_to": "2025-05-01"}, "at most 10 years"),
        ({"sections": []}, "Choose at least one thing to include"),
    ],
)
def test_bad_input_is_explained_and_kept(visit, change, message) -> None:
    parent, child, today = visit
    response = parent.get(f"/journal/children/{child.pk}/report/", query(today) | change)
    html = response.content.decode()
    assert response.status_code == 400 and message in html and html.startswith("<!") and "Error:" in html
    assert f'value="{(query(today) | change)["date_to"]}"' in html
    assert not AuditEntry.objects.filter(action="report").exists()


def test_viewer_may_download_strangers_and_visitors_may_not(visit, family, client) -> None:
    _parent, child, today = visit
    viewer, stranger = family("gran@example.com"), family("other@example.com")
    Membership.objects.create(child=child, user=viewer.user, role="viewer")
    url = f"/journal/children/{child.pk}/report/"
    assert viewer.get(url, query(today, "csv")).status_code == 200
    assert stranger.get(url).status_code == 404 and stranger.get(url, query(today)).status_code == 404
    response = client.get(url, query(today))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_long_ranges_summarise_the_table_by_week(visit) -> None:
    _parent, child, today = visit
    fill(child, today - datetime.timedelta(days=90), days=270)  # a year of observations, three a week
    records = selectors.records_of(child, today - datetime.timedelta(days=364), today)
    report = build(records, ["observations"])
    html = report_html(report)
    assert len(records.observations) > MOST_ROWS and report.per == "week" and len(report.rows) <= 54
    assert all(row.until and row.until - row.day == datetime.timedelta(days=6) for row in report.rows)
    assert "one row per week" in html


def test_years_of_daily_observations_are_summarised_by_month() -> None:
    child, start = Child(name="Leo", birth_year=2019, birth_month=1), datetime.date(2020, 6, 1)
    scores = dict.fromkeys(domain_keys(), 1)
    observations = [
        Observation(
            child=child,
            scores=scores,
            total=6,
            observed_at=timezone.make_aware(
                datetime.datetime.combine(start + datetime.timedelta(days=n), datetime.time(8))
            ),
        )
        for n in range(1826)
    ]
    records = selectors.Records(child, start, start + datetime.timedelta(days=1825), observations)
    per, rows = table_rows(records)
    assert per == "month" and len(rows) == 60 and rows[0].until == datetime.date(2020, 6, 30)
    assert rows[0].count == 30 and rows[0].total == 6.0 and sum(row.count for row in rows) == 1826
