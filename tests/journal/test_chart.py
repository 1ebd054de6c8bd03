"""The trend chart: bands where the treatments were, a square per event, the table, escaping and speed."""

import datetime
import random
import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from omshub.journal import selectors
from omshub.journal.chart import trend_chart
from omshub.journal.chart_svg import styles_of, ticks
from omshub.journal.domains import domain_keys
from omshub.journal.models import Child, Event, Observation, Treatment
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 3, 1)


def at(day: datetime.date, hour: int = 19) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def observe(child: Child, day: datetime.date, rating: int) -> Observation:
    scores = dict.fromkeys(domain_keys(), rating)
    return Observation.objects.create(child=child, observed_at=at(day), scores=scores, total=sum(scores.values()))


@pytest.fixture
def child(family) -> Child:
    return add_child(family("mum@example.com"))


def test_bands_markers_and_table_for_known_data(child) -> None:
    for offset, rating in ((2, 3), (9, 2), (25, 1)):
        observe(child, START + datetime.timedelta(offset), rating)
    Treatment.objects.create(
        child=child,
        medicine="prednisolone",
        started_on=START + datetime.timedelta(10),
        stopped_on=START + datetime.timedelta(19),
    )
    Treatment.objects.create(child=child, medicine="ivig", started_on=START + datetime.timedelta(20))
    Event.objects.create(child=child, kind="infection", happened_on=START + datetime.timedelta(5))
    Event.objects.create(child=child, kind="relapse", happened_on=START + datetime.timedelta(22))
    chart = trend_chart(selectors.records_of(child, START, START + datetime.timedelta(29)))

    # 30 days across 566 units from x=40. Prednisolone covers days 10 to 19, IVIG day 20 to the end:
    # one after the other, so both in one lane the height of the plot.
    bands = re.findall(r'<rect x="([\d.]+)" y="44.0" width="([\d.]+)" height="224.0"', chart.svg)
    assert bands == [("228.7", "188.7"), ("417.3", "188.7")]
    assert len(re.findall(r'<rect [^>]*rx="3"', chart.svg)) == 2  # one numbered square per event
    assert [item.number for item in chart.legend] == [None, None, 1, 2]
    assert [item.label for item in chart.legend] == [
        "Prednisolone",
        "IVIG (immunoglobulin)",
        "Infection or fever",
        "Relapse",
    ]
    assert [(row.day.day, row.total) for row in chart.rows] == [(3, 18.0), (10, 12.0), (26, 6.0)]
    assert chart.rows[0].domains == [3.0] * len(domain_keys()) and not chart.weekly
    assert 'role="img"' in chart.svg and re.search(r'aria-labelledby="(\S+)-t \1-d"', chart.svg)
    assert len(chart.domain_svgs) == len(domain_keys())

    html = render_to_string("journal/includes/chart.html", {"chart": chart})
    assert "parent observations" in html.lower() and "OMS score" not in html
    assert html.count('<tr><th scope="row">') == 3 and '<th scope="col">Sum of parent ratings</th>' in html


def test_treatment_names_are_escaped(child) -> None:
    observe(child, START, 1)
    Treatment.objects.create(
        child=child, medicine="other", medicine_other='<script>alert("x")</script>', started_on=START
    )
    chart = trend_chart(selectors.records_of(child, START, START + datetime.timedelta(29)))
    html = render_to_string("journal/includes/chart.html", {"chart": chart})
    assert "<script>" not in chart.svg and "<script>" not in html
    assert "&lt;script&gt;" in chart.svg


def test_long_ranges_are_summarised_by_week(child) -> None:
    end = START + datetime.timedelta(199)
    for offset in range(200):
        day = START + datetime.timedelta(offset)
        observe(child, day, 2 if day.weekday() < 3 else 1)  # Monday to Wednesday 2 (total 12), then 1 (total 6)
    chart = trend_chart(selectors.records_of(child, START, end))
    assert chart.weekly and "week" in chart.caption and "week" in chart.table_caption
    full_weeks = [row for row in chart.rows if row.count == 7]
    assert len(chart.rows) == 30 and all(row.day.weekday() == 0 for row in chart.rows)
    assert {row.total for row in full_weeks} == {round((3 * 12 + 4 * 6) / 7, 1)}
    assert sum(row.count for row in chart.rows) == 200


def test_no_observations_says_so(child) -> None:
    Treatment.objects.create(child=child, medicine="ivig", started_on=START)
    chart = trend_chart(selectors.records_of(child, START, START + datetime.timedelta(6)))
    html = render_to_string("journal/includes/chart.html", {"chart": chart})
    assert chart.empty and "No parent observations were recorded" in html and "<svg" not in html


def test_date_ticks_suit_a_week_and_five_years() -> None:
    week = ticks(START, START + datetime.timedelta(6), 8)
    assert len(week) == 7 and week[0][1] == "1 Mar"
    years = ticks(datetime.date(2020, 6, 1), datetime.date(2025, 5, 31), 8)
    assert [label for _day, label in years] == ["2021", "2022", "2023", "2024", "2025"]
    quarter = ticks(START, START + datetime.timedelta(89), 8)
    assert 4 <= len(quarter) <= 8


def test_five_years_of_daily_data_become_weekly_points_not_one_element_each() -> None:
    """1,826 observations, 300 treatments, 100 events, built in memory: the chart's own work only."""
    rnd, child = random.Random(5), Child(name="Sofia", birth_year=2020, birth_month=1)
    start, keys = datetime.date(2020, 6, 1), domain_keys()
    observations = []
    for offset in range(1826):
        scores = {key: rnd.randint(0, 3) for key in keys}
        day = start + datetime.timedelta(offset)
        observations.append(Observation(child=child, observed_at=at(day), scores=scores, total=sum(scores.values())))
    starts = sorted(start + datetime.timedelta(rnd.randint(0, 1800)) for _ in range(300))
    treatments = [
        Treatment(child=child, medicine="prednisolone", started_on=s, stopped_on=s + datetime.timedelta(30))
        for s in starts
    ]
    events = [Event(child=child, kind="infection", happened_on=start + datetime.timedelta(n * 18)) for n in range(100)]
    records = selectors.Records(child, start, start + datetime.timedelta(1825), observations, treatments, events, [])
    chart = trend_chart(records)  # its time is measured by `make bench` (bench/journal.py), not here
    assert chart.weekly and len(chart.rows) == 261  # 2020-06-01 is a Monday: 260 weeks and 6 days
    assert all(svg.count("<path") < 12 for _domain, svg in chart.domain_svgs)  # no element per point


def test_overlapping_treatments_are_stacked_in_lanes_and_a_running_course_stays_in_sight(child) -> None:
    observe(child, START, 1)
    Treatment.objects.create(child=child, medicine="prednisolone", started_on=START)  # still running
    Treatment.objects.create(
        child=child,
        medicine="ivig",
        started_on=START + datetime.timedelta(10),
        stopped_on=START + datetime.timedelta(19),
    )
    Treatment.objects.create(child=child, medicine="rituximab", started_on=START + datetime.timedelta(22))
    chart = trend_chart(selectors.records_of(child, START, START + datetime.timedelta(29)))
    bands = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="url', chart.svg)
    # Two lanes of 112: prednisolone across the whole plot (40 to 606), IVIG and then rituximab beneath it.
    assert bands == [
        ("40.0", "44.0", "566.0", "112.0"),
        ("228.7", "156.0", "188.7", "112.0"),
        ("455.1", "156.0", "150.9", "112.0"),
    ]
    labels = re.findall(r'font-size="11" fill="[^"]+">([^<]+)</text>', chart.svg)
    assert labels == ["Prednisolone", "IVIG (immunoglobulin)", "Rituximab"], "each course is named in its lane"


def test_the_value_axis_is_on_both_sides(child) -> None:
    """A phone opens the chart scrolled to its latest days: the values must be readable there too."""
    observe(child, START, 1)
    chart = trend_chart(selectors.records_of(child, START, START + datetime.timedelta(29)))
    for value in (0, 9, 18):
        assert re.search(rf'<text x="34" y="[\d.]+" text-anchor="end">{value}</text>', chart.svg)
        assert re.search(rf'<text x="612" y="[\d.]+">{value}</text>', chart.svg)
    assert "Sum of parent ratings</text>" in chart.svg


def test_a_medicine_keeps_its_pattern_whatever_the_period() -> None:
    """Switching from "3 months" to "All" must not repaint IVIG in the pattern prednisolone had."""
    ivig, pred = Treatment(medicine="ivig"), Treatment(medicine="prednisolone")
    alone = styles_of([ivig], ["IVIG"])
    together = styles_of([pred, ivig], ["Prednisolone", "IVIG"])
    assert alone["IVIG"] == together["IVIG"] != together["Prednisolone"]
    others = [Treatment(medicine="other", medicine_other=f"Medicine {n}") for n in range(6)]
    assert len(set(styles_of(others, [t.name for t in others]).values())) == 6, "no two share a pattern"
