"""The visit report's observation table as WeasyPrint gets it: one plain text per cell, every week kept."""

import datetime
import io
import re

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from omshub.journal import selectors
from omshub.journal.chart_svg import day_text
from omshub.journal.report import build, report_pdf
from tests.journal.conftest import add_child
from tests.journal.test_report import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(family):
    child = add_child(family("mum@example.com"))
    today = timezone.localdate()
    fill(child, today, days=330)  # three observations a week: more than fit a table of single rows
    return selectors.records_of(child, today - datetime.timedelta(days=364), today)


def cells(html: str) -> list[list[str]]:
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", html)]


def test_a_year_is_a_row_per_week_each_cell_one_plain_text_with_every_figure(year) -> None:
    report = build(year, ["observations"])
    rows = cells(report.table_body)
    assert report.per == "week" and len(rows) == len(report.rows) > 40
    for row, cell in zip(report.rows, rows, strict=True):
        assert row.until is not None
        assert cell[0] == f"{day_text(row.day)} – {day_text(row.until)} ({row.count})"  # no inner boxes
        assert all("<" not in text for text in cell)  # nothing but text in a cell
        assert len(cell) == 1 + len(row.domains) + 4  # each area, the sum, sleep, night wakings, rage
        assert cell[len(row.domains) + 1] == f"{row.total:g}" and cell[len(row.domains) + 2] == f"{row.sleep:g}"
    assert sum(row.count for row in report.rows) == len(year.observations)


def test_the_table_writes_numbers_in_the_language_of_the_report(year) -> None:
    with translation.override("es"):
        report = build(year, ["observations"])
    sleep = [cell[len(report.rows[0].domains) + 2] for cell in cells(report.table_body)]
    assert "9,5" in sleep and "9.5" not in sleep


def test_the_pdf_of_a_year_keeps_every_week_on_two_pages(year) -> None:
    report = build(year, ["observations"])
    reader = PdfReader(io.BytesIO(report_pdf(report)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) <= 2
    for row in report.rows:
        assert row.until is not None and f"{day_text(row.day)} – {day_text(row.until)} ({row.count})" in text
