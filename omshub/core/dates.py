"""Dates people type for a period: kept within a sensible range, so day arithmetic never leaves the calendar.

Python's dates end on December 31, 9999: a period that ends there has no "next day", and a
chart or a query that asks for one fails. Every period a form takes (a report, a share link)
is held between EARLIEST and a year from today, and what was stored before that rule is read
through `clamp`, so an old row opens too.
"""

import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
AHEAD = datetime.timedelta(days=366)


def latest(today: datetime.date) -> datetime.date:
    """The last day a period may reach: a year from today (an appointment, a link that runs on)."""
    return today + AHEAD


def clamp(start: datetime.date, end: datetime.date, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period held within the sensible range (a stored row may predate the rule)."""
    last = latest(today)
    start, end = min(max(start, EARLIEST), last), min(max(end, EARLIEST), last)
    return start, max(start, end)


def day_after(day: datetime.date) -> datetime.date | None:
    """The next day, or None after the calendar's last (an open end)."""
    return None if day >= datetime.date.max else day + datetime.timedelta(days=1)


class PeriodDateField(forms.DateField):
    """A date of a period: a real day, from EARLIEST to a year from today, said in the person's language."""

    default_error_messages = {
        "invalid": _("Enter a real date, like 2026-03-31."),
        "out_of_range": _("Enter a date from %(earliest)s to %(latest)s."),
    }

    def validate(self, value: datetime.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        last = latest(timezone.localdate())
        if not EARLIEST <= value <= last:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"earliest": formats.date_format(EARLIEST), "latest": formats.date_format(last)},
            )
