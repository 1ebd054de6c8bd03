"""Spreadsheets staff open in Excel: cells that cannot run as formulas, times in the site's
time zone, money as numbers, and a CSV whose accents survive a double click."""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils import timezone


def spreadsheet_safe(text: str) -> str:
    """Typed text that a spreadsheet would read as a formula ("=HYPERLINK(...)") stays text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def dollars(cents: int) -> Decimal:
    """Cents as an exact number of dollars: a number cell in XLSX, "26.06" in CSV."""
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _local_text(value: datetime.datetime) -> str:
    return _local(value).strftime("%Y-%m-%d %H:%M")


class LocalSpreadsheetExportMixin:
    """For a Wagtail index view's CSV/XLSX export (its documented `custom_value_preprocess`).

    Wagtail writes times in UTC; staff read them as the foundation's local time. Excel opens a
    CSV as the system's code page unless it starts with a byte-order mark, turning "Muñoz" into
    "MuÃ±oz": the CSV starts with one.
    """

    custom_value_preprocess = {
        datetime.datetime: {"xlsx": _local, "csv": _local_text},
        (datetime.date, datetime.time): {"xlsx": None},
        Decimal: {"xlsx": None},  # written as a number
        list: {"csv": lambda value: ", ".join(map(str, value)), "xlsx": lambda value: ", ".join(map(str, value))},
    }

    def stream_csv(self, queryset: Any) -> Iterator[str]:
        yield "\ufeff"
        yield from super().stream_csv(queryset)  # type: ignore[misc]

    def write_csv_response(self, queryset: Any) -> Any:
        response = super().write_csv_response(queryset)  # type: ignore[misc]
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
