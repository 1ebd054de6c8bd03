"""The dashboard's long ranges: weeks summarised by the database, the same number of queries for one
year or five, a band from each week's lowest to highest sum, and treatments still drawn."""

import datetime
import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from omshub.journal import selectors
from omshub.journal.chart import trend_chart
from omshub.journal.chart_rows import of_weeks, summarise
from omshub.journal.domains import domain_keys
from omshub.journal.models import Child, Event, Observation, Treatment
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def fill(child: Child, days: int, *, seed: int = 1) -> datetime.date:
    """About one observation a day for `days` days up to today, some days none or two, some areas not rated."""
    rnd, keys, today = random.Random(seed), domain_keys(), timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    observations = []
    for offset in range(days):
        day = start + datetime.timedelta(offset)
        for hour in rnd.choice([(), (8,), (19,), (8, 23), (0, 19)]):  # 23:00 and 00:00 test the local day
            scores = {key: rnd.randint(0, 3) for key in keys if rnd.random() > 0.1}
            observations.append(
                Observation(
                    child=child, observed_at=at(day, hour), scores=scores, total=sum(scores.values()), notes="private"
                )
            )
    Observation.objects.bulk_create(observations)
    for n in range(days // 60):
        began = start + datetime.timedelta(n * 60)
        Treatment.objects.create(
            child=child, medicine="prednisolone", started_on=began, stopped_on=began + datetime.timedelta(20)
        )
        Event.objects.create(child=child, kind="infection", happened_on=began + datetime.timedelta(5))
    return start


@pytest.fixture
def child(family) -> Child:
    return add_child(family("mum@example.com"))


def test_weeks_from_the_database_are_those_python_works_out(child) -> None:
    start = fill(child, 400)
    end = timezone.localdate()
    from_sql = of_weeks(selectors.weeks_of(child, start, end))
    from_rows = summarise(selectors.records_of(child, start, end).observations, per="week")
    assert len(from_sql) == len(from_rows) > 50
    for sql, python in zip(from_sql, from_rows, strict=True):
        assert (sql.day, sql.until, sql.count, sql.lowest, sql.highest) == (
            python.day,
            python.until,
            python.count,
            python.lowest,
            python.highest,
        )
        assert sql.day.weekday() == 0 and sql.per == "week"
        assert sql.total == pytest.approx(python.total, abs=0.051)
        assert sql.domains == pytest.approx(python.domains, abs=0.051)


def dashboard_queries(client, child: Child) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/journal/children/{child.pk}/?range=all")
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_the_all_range_costs_the_same_queries_for_one_year_and_five(family, django_assert_max_num_queries) -> None:
    client = family("dad@example.com")
    one, five = add_child(client, "One"), add_child(client, "Five")
    fill(one, 365)
    fill(five, 5 * 365 + 1, seed=2)
    dashboard_queries(client, one)  # warm: sessions, the key
    one_year = dashboard_queries(client, one)
    with django_assert_max_num_queries(len(one_year)):
        response = client.get(f"/journal/children/{five.pk}/?range=all")
    assert response.status_code == 200
    five_years = dashboard_queries(client, five)
    assert len(five_years) == len(one_year)
    # Neither every observation nor its encrypted notes are read: the weeks come summarised.
    observation_reads = [sql for sql in five_years if 'FROM "journal_observation"' in sql]
    every_row = [sql for sql in observation_reads if "LIMIT" not in sql]  # the last observation is read whole
    assert not any('"journal_observation"."notes"' in sql for sql in every_row)
    assert any("GROUP BY" in sql for sql in observation_reads)


def test_the_weekly_chart_shows_its_band_says_so_and_keeps_the_treatments(family) -> None:
    owner = family("aunt@example.com")
    mine = add_child(owner, "Lucía")
    start = fill(mine, 2 * 365)
    response = owner.get(f"/journal/children/{mine.pk}/?range=all")
    html = response.content.decode()
    assert 'fill-opacity="0.16" stroke="none"' in html  # the band of the weekly lowest to highest sum
    assert "the shaded band runs from the lowest to the highest sum of the week" in html
    assert "Weekly average, in a band from the lowest to the highest sum of the week" in html
    assert "Lowest to highest sum" in html
    weeks = selectors.weeks_of(mine, start, timezone.localdate())
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(weeks)
    first = weeks[0]
    assert f"<td>{first.lowest}–{first.highest}</td>" in body or f"<td>{first.lowest}</td>" in body
    # The treatments are read as before: a band per course, in the main chart.
    chart = trend_chart(selectors.records_of(mine, start, timezone.localdate(), notes=False, by_week=True))
    courses = Treatment.objects.filter(child=mine).count()
    assert courses and len(re.findall(r'fill="url\(#trend\d+-p\d\)"', chart.svg)) == courses
    assert chart.rows == of_weeks(weeks)
    with translation.override("es"):
        spanish = trend_chart(selectors.records_of(mine, start, timezone.localdate(), notes=False, by_week=True))
    assert "semana" in spanish.caption and any(item.kind == "range" for item in spanish.legend)
    assert all("semana" in item.label for item in spanish.legend if item.kind == "range")


def test_the_first_record_day_is_the_earliest_of_any_kind_in_one_query(child, django_assert_num_queries) -> None:
    today = timezone.localdate()
    with django_assert_num_queries(1):
        assert selectors.first_record_day(child) is None
    Observation.objects.create(child=child, observed_at=at(today - datetime.timedelta(days=3), 23), scores={})
    Event.objects.create(child=child, kind="infection", happened_on=today - datetime.timedelta(days=9))
    Treatment.objects.create(child=child, medicine="ivig", started_on=today - datetime.timedelta(days=5))
    with django_assert_num_queries(1):
        assert selectors.first_record_day(child) == today - datetime.timedelta(days=9)
    Observation.objects.create(child=child, observed_at=at(today - datetime.timedelta(days=30), 23), scores={})
    assert selectors.first_record_day(child) == today - datetime.timedelta(days=30)  # the local day, at 23:00


def test_the_dashboard_does_not_decrypt_the_latest_notes(family) -> None:
    parent = family("dad@example.com")
    child = add_child(parent)
    Observation.objects.create(child=child, observed_at=timezone.now(), scores={}, notes="not on the dashboard")
    with CaptureQueriesContext(connection) as queries:
        assert parent.get(f"/journal/children/{child.pk}/").status_code == 200
    latest = [q["sql"] for q in queries.captured_queries if "LIMIT 1" in q["sql"] and "journal_observation" in q["sql"]]
    assert latest and all('"journal_observation"."notes"' not in sql for sql in latest)
