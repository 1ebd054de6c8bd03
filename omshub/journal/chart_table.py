"""The chart's numbers as table rows, written in Python: years of rows through template filters cost
a tenth of a second, this a few milliseconds (plain strings: format_html per cell costs more than the rest)."""

import functools

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

from omshub.journal.chart_rows import Row
from omshub.journal.chart_svg import day_text

DASH = "–"


def figure(value: float | None, separator: str) -> str:
    """Like floatformat:"-1": "2", "1.5" (with the language's decimal separator), or a dash."""
    if value is None:
        return DASH
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text.replace(".", separator)


@functools.lru_cache(maxsize=256)
def _count(count: int, language: str | None) -> str:
    """ "(7 observations)", worked out once per number and language: a table of years repeats a few counts."""
    text = ngettext("%(n)s observation", "%(n)s observations", count) % {"n": count}
    return f' <span class="chart__count">({escape(text)})</span>'


def _when(row: Row, language: str | None) -> str:
    day = f"{day_text(row.day)} – {day_text(row.until)}" if row.until else day_text(row.day)
    return escape(day) + (_count(row.count, language) if row.count > 1 else "")


def _range(row: Row) -> str:
    if row.lowest is None or row.highest is None:
        return DASH
    return f"{row.lowest}" if row.lowest == row.highest else f"{row.lowest}–{row.highest}"


def table_body(rows: list[Row], *, ranges: bool = False) -> SafeString:
    """One row per day or week; with `ranges`, the lowest to highest sum of the week after its average."""
    separator, language = str(formats.get_format("DECIMAL_SEPARATOR")), get_language()
    lines = []
    for row in rows:
        cells = f"<td>{figure(row.total, separator)}</td>"
        if ranges:
            cells += f"<td>{_range(row)}</td>"
        cells += "".join(f"<td>{figure(v, separator)}</td>" for v in row.domains)
        lines.append(f'<tr><th scope="row">{_when(row, language)}</th>{cells}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 - dates and counts escaped above, the rest are numbers
