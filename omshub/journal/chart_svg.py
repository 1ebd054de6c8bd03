"""Drawing pieces for the trend chart (chart.py): plot frame, lines, bands, date ticks, patterns.

Strings are built directly: the chart must stay fast for years of data. Callers escape user text.
"""

import datetime
import functools
import itertools
import zlib
from dataclasses import dataclass

from django.utils import dateformat, formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from omshub.journal import selectors
from omshub.journal.chart_rows import Row
from omshub.journal.models import Treatment

# A colour and a pattern per treatment name, so that print in black and white still tells them apart.
STYLES = (
    ("#4b2a7b", "M-2 2L2-2M0 8L8 0M6 10L10 6"),
    ("#1d6f63", "M2 2h0M6 6h0"),
    ("#9a4f00", "M0 4H8"),
    ("#1d5b8f", "M0 0L8 8M8 0L0 8"),
    ("#4d6b12", "M4 0V8"),
    ("#a3305c", "M-2 6L2 10M0 0L8 8M6-2L10 2"),
)
EVENT = "#b3261e"
INK = "#1f1d2b"
GRID = "#d9d3e0"
ids = itertools.count(1)


class Frame:
    """Maps days and values into a plot area."""

    def __init__(self, start: datetime.date, end: datetime.date, box: tuple[float, float, float, float], top: int):
        self.start, self.days = start, (end - start).days + 1
        self.x0, self.y0, self.x1, self.y1 = box
        self.top = top

    def x(self, day: datetime.date, at: float = 0.0) -> float:
        offset = min(max((day - self.start).days + at, 0), self.days)
        return self.x0 + (self.x1 - self.x0) * offset / self.days

    def y(self, value: float) -> float:
        return self.y1 - (self.y1 - self.y0) * value / self.top


@functools.lru_cache(maxsize=4096)
def _formatted(day: datetime.date, language: str | None, pattern: str) -> str:
    return dateformat.format(day, pattern)


def day_text(day: datetime.date, pattern: str = "DATE_FORMAT") -> str:
    """A date in the active language (the journal's one format unless a tick asks for less), remembered:
    formatting is slow for hundreds of dates."""
    return _formatted(day, get_language(), formats.get_format(pattern) if pattern.isupper() else pattern)


def svg_open(view: tuple[int, int], uid: str, title: str, desc: str, size: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view[0]} {view[1]}" role="img" class="chart__svg" '
        f'aria-labelledby="{uid}-t {uid}-d" font-family="system-ui, DejaVu Sans, sans-serif" font-size="{size}" '
        f'fill="{INK}"><title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )


@dataclass
class Series:
    """Where each row sits across the plot (0..1) and where the line breaks: worked out once for all series."""

    at: list[float]
    breaks: list[bool]
    dots: bool

    @classmethod
    def of(cls, start: datetime.date, days: int, rows: list[Row], weekly: bool) -> "Series":
        centre, gap = (3.5 if weekly else 0.5), max(10, days * 0.06)
        offsets = [(row.day - start).days + centre for row in rows]
        at = [min(max(o, 0), days) / days for o in offsets]
        breaks = [i == 0 or offsets[i] - offsets[i - 1] > gap for i in range(len(offsets))]
        return cls(at, breaks, not weekly)


def line(frame: Frame, series: Series, values: list[float | None], colour: str) -> str:
    """One path for the line (broken across long gaps) and one for the dots: no element per point."""
    x0, width, line, points, fresh = frame.x0, frame.x1 - frame.x0, [], [], True
    for at, gap, value in zip(series.at, series.breaks, values, strict=True):
        if value is None:
            fresh = True
            continue
        x, y = f"{x0 + width * at:.1f}", f"{frame.y(value):.1f}"
        line.append(f"{'M' if fresh or gap else 'L'}{x} {y}")
        points.append((x, y))
        fresh = False
    parts = [f'<path d="{"".join(line)}" fill="none" stroke="{colour}" stroke-width="2.2" stroke-linejoin="round"/>']
    if series.dots or len(points) < 3:
        dots = "".join(f"M{x} {y}h0" for x, y in points)
        parts.append(f'<path d="{dots}" stroke="{colour}" stroke-width="6" stroke-linecap="round"/>')
    return "".join(parts)


def band(frame: Frame, series: Series, lows: list[int | None], highs: list[int | None], colour: str) -> str:
    """The shaded band from each row's lowest to its highest value, one shape per unbroken stretch."""
    x0, width, shapes, stretch = frame.x0, frame.x1 - frame.x0, [], list[tuple[float, float, float]]()

    def close() -> None:
        if stretch:
            top = "L".join(f"{x:.1f} {frame.y(high):.1f}" for x, _low, high in stretch)
            bottom = "L".join(f"{x:.1f} {frame.y(low):.1f}" for x, low, _high in reversed(stretch))
            shapes.append(f"M{top}L{bottom}Z")
            stretch.clear()

    for at, gap, low, high in zip(series.at, series.breaks, lows, highs, strict=True):
        if low is None or high is None or gap:
            close()
        if low is not None and high is not None:
            stretch.append((x0 + width * at, low, high))
    close()
    if not shapes:
        return ""
    return f'<path d="{"".join(shapes)}" fill="{colour}" fill-opacity="0.16" stroke="none"/>'


def band_swatch() -> SafeString:
    svg = (
        '<svg class="chart__swatch" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">'
        f'<rect x="0" y="2" width="24" height="12" fill="{INK}" fill-opacity="0.16"/>'
        f'<path d="M0 8H24" stroke="{INK}" stroke-width="2.2"/></svg>'
    )
    return mark_safe(svg)  # noqa: S308 - built from constants only


def spans(records: selectors.Records, treatments: list[Treatment]) -> list[tuple[float, float]]:
    """The periods covered by these treatments, merged where they overlap, as fractions of the plot."""
    days, merged = (records.end - records.start).days + 1, list[list[float]]()
    for t in sorted(treatments, key=lambda t: t.started_on):
        a = max((t.started_on - records.start).days, 0) / days
        b = min(((t.stopped_on or records.end) - records.start).days + 1, days) / days
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def lanes(stretches: list[tuple[float, float]]) -> list[int]:
    """A lane for each (start, end), the lowest free one, so that no two stretches that overlap share a lane."""
    ends: list[float] = []
    found = [0] * len(stretches)
    for i in sorted(range(len(stretches)), key=lambda i: stretches[i]):
        start, end = stretches[i]
        lane = next((n for n, taken_until in enumerate(ends) if taken_until <= start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        found[i] = lane
    return found


def ticks(start: datetime.date, end: datetime.date, most: int) -> list[tuple[datetime.date, str]]:
    """Date ticks for 7 days up to many years: the finest step that gives at most `most` ticks."""
    days = (end - start).days + 1
    for step in (1, 2, 7, 14):
        if days / step <= most:
            return [(d, day_text(d, "j M")) for d in (start + datetime.timedelta(n) for n in range(0, days, step))]
    months = [datetime.date(y, m, 1) for y in range(start.year, end.year + 1) for m in range(1, 13)]
    months = [d for d in months if start <= d <= end]
    for step in (1, 2, 3, 6, 12, 24, 60):
        chosen = [d for d in months if ((d.year * 12 + d.month - 1) % step == 0)]
        if len(chosen) <= most:
            if step >= 12:
                return [(d, str(d.year)) for d in chosen]
            return [(d, day_text(d, "M Y" if d.month == 1 or i == 0 else "M")) for i, d in enumerate(chosen)]
    return []


def patterns(uid: str, used: set[int]) -> str:
    return "".join(
        f'<pattern id="{uid}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{STYLES[i][0]}" fill-opacity="0.1"/><path d="{STYLES[i][1]}" '
        f'stroke="{STYLES[i][0]}" stroke-opacity="0.5" stroke-width="1.3" stroke-linecap="round"/></pattern>'
        for i in sorted(used)
    )


def swatch(style: int) -> SafeString:
    uid = f"sw{next(ids)}"
    svg = (
        f'<svg class="chart__swatch" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">'
        f'<defs>{patterns(uid, {style})}</defs><rect x="0.5" y="0.5" width="23" height="15" '
        f'fill="url(#{uid}-p{style})" stroke="{STYLES[style][0]}"/></svg>'
    )
    return mark_safe(svg)  # noqa: S308 - built from constants only


def styles_of(treatments: list[Treatment], names: list[str]) -> dict[str, int]:
    """A style for each medicine that stays the same whatever the period shown (IVIG is always dots),
    unless two medicines of the same chart would share one."""
    styles: dict[str, int] = {}
    for treatment, name in zip(treatments, names, strict=True):
        if name in styles:
            continue
        known = treatment.medicine in Treatment.Medicine.values and treatment.medicine != Treatment.Medicine.OTHER
        first = Treatment.Medicine.values.index(treatment.medicine) if known else zlib.crc32(name.encode())
        taken = set(styles.values())
        free = [n % len(STYLES) for n in range(first, first + len(STYLES)) if n % len(STYLES) not in taken]
        styles[name] = free[0] if free else first % len(STYLES)
    return styles


def names_of(treatments: list[Treatment]) -> list[str]:
    """Display names, each worked out once: `Treatment.name` translates, which is slow for hundreds."""
    known: dict[tuple[str, str], str] = {}
    for t in treatments:
        if (t.medicine, t.medicine_other) not in known:
            known[t.medicine, t.medicine_other] = t.name
    return [known[t.medicine, t.medicine_other] for t in treatments]
