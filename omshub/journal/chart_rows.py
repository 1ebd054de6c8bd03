"""Parent observations as table rows: one per observation, per day or per week (averaged).

Shared by the trend chart and the visit report so that both summarise long ranges the same way.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from omshub.journal.domains import domain_keys
from omshub.journal.selectors import Observed, WeekOfObservations

WEEKLY_AFTER_DAYS = 120  # longer ranges are shown one row (and one chart point) per week


@dataclass
class Row:
    day: datetime.date  # the day, the Monday of the week or the first of the month
    count: int
    total: float | None
    domains: list[float | None]
    sleep: float | None = None
    wakings: float | None = None
    rage: float | None = None
    until: datetime.date | None = None  # the last day, for a row of a week or a month
    per: str = "day"  # "day", "week" or "month"
    at: datetime.datetime | None = None  # the moment, for a row of one observation with a time
    lowest: int | None = None  # the lowest and the highest sum of ratings, for a row of a week or a month
    highest: int | None = None


def _mean(values: list) -> float | None:
    known = [v for v in values if v is not None]
    return round(float(sum(known)) / len(known), 1) if known else None


def _row(day: datetime.date, group: Sequence[Observed], keys: list[str]) -> Row:
    """Averages over the group, each of only the values recorded (comprehensions: this runs for years of data)."""
    scores = [o.scores for o in group]
    return Row(
        day,
        len(group),
        _mean([o.total for o in group]),
        [_mean([s.get(key) for s in scores]) for key in keys],
        _mean([o.sleep_hours for o in group]),
        _mean([o.night_wakings for o in group]),
        _mean([o.rage_episodes for o in group]),
    )


def _first_day(day: datetime.date, per: str) -> datetime.date:
    if per == "week":
        return day - datetime.timedelta(days=day.weekday())
    return day.replace(day=1) if per == "month" else day


def _last_day(first: datetime.date, per: str) -> datetime.date:
    if per == "week":
        return first + datetime.timedelta(days=6)
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def summarise(observations: Iterable[Observed], *, per: str = "day") -> list[Row]:
    """One row per day, Monday-to-Sunday week or month, each value the average of the observations in it."""
    keys = domain_keys()
    zone = timezone.get_current_timezone()
    groups: dict[datetime.date, list[Observed]] = {}
    for observation in observations:
        day = _first_day(observation.observed_at.astimezone(zone).date(), per)
        groups.setdefault(day, []).append(observation)
    rows = [_row(day, group, keys) for day, group in sorted(groups.items())]
    if per != "day":
        for row, group in zip(rows, (groups[row.day] for row in rows), strict=True):
            row.until, row.per = _last_day(row.day, per), per
            row.lowest, row.highest = min(o.total for o in group), max(o.total for o in group)
    return rows


def of_weeks(weeks: Iterable[WeekOfObservations]) -> list[Row]:
    """Rows of weeks the database summarised (selectors.weeks_of), as `summarise(..., per="week")` gives them."""
    return [
        Row(
            week.monday,
            week.count,
            week.total,
            list(week.domains),
            until=_last_day(week.monday, "week"),
            per="week",
            lowest=week.lowest,
            highest=week.highest,
        )
        for week in weeks
    ]


def each(observations: Iterable[Observed]) -> list[Row]:
    """One row per observation, with its moment when the family gave a time."""
    keys, zone = domain_keys(), timezone.get_current_timezone()
    rows = []
    for observation in observations:
        at = observation.observed_at.astimezone(zone)
        row = _row(at.date(), [observation], keys)
        row.at = at if observation.time_given else None
        rows.append(row)
    return rows
