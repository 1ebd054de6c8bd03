"""The visit report's table of parent observations, written as HTML in Python for WeasyPrint.

WeasyPrint lays out every box of a table: a week's label in three spans cost three inline boxes
per row and wrapped to two lines. Here each cell is one plain text (the week "Dec. 8, 2025 -
Dec. 14, 2025 (7)" included), so a row is one line and a year of weeks fits on fewer pages.
Numbers as the template's floatformat:"-1" wrote them, in the active language.
"""

from django.utils import dateformat, formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from omshub.journal.chart_rows import Row
from omshub.journal.chart_svg import day_text
from omshub.journal.chart_table import figure


def _label(row: Row) -> str:
    if row.per == "month":
        return f"{dateformat.format(row.day, formats.get_format('YEAR_MONTH_FORMAT'))} ({row.count})"
    if row.per == "week" and row.until:
        return f"{day_text(row.day)} – {day_text(row.until)} ({row.count})"
    if row.at is not None:
        return f"{day_text(row.day)} {dateformat.time_format(row.at, formats.get_format('TIME_FORMAT'))}"
    return day_text(row.day) + (f" ({row.count})" if row.count > 1 else "")


def observation_rows(rows: list[Row]) -> SafeString:
    """<tr> per row: the period, each area, the sum (bold), sleep, night wakings and rage episodes."""
    separator = str(formats.get_format("DECIMAL_SEPARATOR"))
    lines = []
    for row in rows:
        areas = "".join(f"<td>{figure(v, separator)}</td>" for v in row.domains)
        rest = "".join(f"<td>{figure(v, separator)}</td>" for v in (row.sleep, row.wakings, row.rage))
        total = f'<td class="report__total">{figure(row.total, separator)}</td>'
        lines.append(f'<tr><th scope="row">{escape(_label(row))}</th>{areas}{total}{rest}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 - the label is escaped, the rest are numbers
