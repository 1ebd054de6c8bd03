"""The chart's numbers as table rows, written in Python: years of rows through template filters cost
a tenth of a second, this a few milliseconds."""

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from omshub.journal.chart_rows import Row
from omshub.journal.chart_svg import day_text

DASH = "–"


def figure(value: float | None, separator: str) -> str:
    """Like floatformat:"-1": "2", "1.5" (with the language's decimal separator), or a dash."""
    if value is None:
        return DASH
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text.replace(".", separator)


def _when(row: Row) -> SafeString:
    day = f"{day_text(row.day)} – {day_text(row.until)}" if row.until else day_text(row.day)
    if row.count > 1:
        count = ngettext("%(n)s observation", "%(n)s observations", row.count) % {"n": row.count}
        return format_html('{} <span class="chart__count">({})</span>', day, count)
    return format_html("{}", day)


def table_body(rows: list[Row]) -> SafeString:
    separator = str(formats.get_format("DECIMAL_SEPARATOR"))
    return format_html_join(
        "\n",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                _when(row),
                SafeString("".join(f"<td>{figure(v, separator)}</td>" for v in [row.total, *row.domains])),
            )
            for row in rows
        ),
    )
