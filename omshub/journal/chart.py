"""The trend chart: parent observations over a period as server-rendered SVG, no JavaScript.

One SVG of the sum of the parent's ratings, with treatments as patterned bands and events as numbered squares;
one small SVG per domain; and the same numbers as a table for screen readers. Long ranges
are summarised as weekly averages. Every piece of user text is escaped here, because
the SVG is handed to templates as safe markup.
"""

import datetime
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from omshub.journal import selectors
from omshub.journal.chart_rows import WEEKLY_AFTER_DAYS, Row, of_weeks, summarise
from omshub.journal.chart_svg import (
    EVENT,
    GRID,
    INK,
    STYLES,
    Frame,
    Series,
    band,
    band_swatch,
    day_text,
    ids,
    lanes,
    line,
    names_of,
    patterns,
    spans,
    styles_of,
    svg_open,
    swatch,
    ticks,
)
from omshub.journal.chart_table import table_body
from omshub.journal.domains import SUM_NAME, Domain, domains, highest_total, sum_note
from omshub.journal.models import Event, Treatment

__all__ = ["WEEKLY_AFTER_DAYS", "LegendItem", "Row", "TrendChart", "trend_chart"]


EMPTY = SafeString("")


@dataclass
class LegendItem:
    kind: str  # "range" (the weekly lowest to highest), "treatment" or "event"
    label: str
    swatch: SafeString  # a patterned square for a treatment; events show their number instead
    detail: str = ""
    number: int | None = None


@dataclass
class TrendChart:
    start: datetime.date
    end: datetime.date
    empty: bool
    weekly: bool
    svg: SafeString
    domain_svgs: list[tuple[Domain, SafeString]]
    rows: list[Row]
    legend: list[LegendItem]
    domains: tuple[Domain, ...]
    caption: str
    table_caption: str
    table_body: SafeString = EMPTY
    sum_name: str = ""


def _main_svg(records: selectors.Records, rows: list[Row], series: Series, legend: list[LegendItem]) -> SafeString:
    uid, highest = f"trend{next(ids)}", highest_total()
    frame = Frame(records.start, records.end, (40, 44, 606, 268), highest)
    totals = [row.total for row in rows]
    known = [t for t in totals if t is not None]
    desc = _(
        "%(count)s parent observations from %(start)s to %(end)s. The sum of the parent ratings runs from 0 (as "
        "before the illness) to %(highest)s (most affected); it is not a clinical score and cannot be compared with "
        "any clinic score. Here the lowest is %(low)s, the highest %(high)s and the last %(last)s. "
        "%(bands)s treatment periods are drawn as bands and %(events)s events as numbered squares. "
        "The table after the chart lists the values."
    ) % {
        "count": sum(row.count for row in rows), "start": day_text(records.start), "end": day_text(records.end),
        "highest": highest, "low": f"{min(known):g}", "high": f"{max(known):g}", "last": f"{known[-1]:g}",
        "bands": len(records.treatments), "events": len(records.events),
    }  # fmt: skip
    parts = [svg_open((640, 300), uid, _("Parent observations: sum of parent ratings over time"), desc, 13)]
    names = names_of(records.treatments)
    styles = styles_of(records.treatments, names)
    parts.append(f"<defs>{patterns(uid, set(styles.values()))}</defs>")
    if not series.dots:
        label = _("Weekly average, in a band from the lowest to the highest sum of the week")
        legend.append(LegendItem("range", label, band_swatch()))
    legend.extend(LegendItem("treatment", name, swatch(style)) for name, style in styles.items())
    labels = []
    by_name: dict[str, list[Treatment]] = {}
    for treatment, name in zip(records.treatments, names, strict=True):
        by_name.setdefault(name, []).append(treatment)
    width, height = frame.x1 - frame.x0, frame.y1 - frame.y0
    # One band per stretch of the same medicine (fewer shapes to draw); courses that overlap in time are
    # stacked in lanes, so that none hides another (a course still running stays in sight to the end).
    stretches = [(a, b, name) for name, treatments in by_name.items() for a, b in spans(records, treatments)]
    chosen = lanes([(a, b) for a, b, _name in stretches])
    lane_height = height / (max(chosen, default=0) + 1)
    for (a, b, name), lane in zip(stretches, chosen, strict=True):
        style = styles[name]
        colour = STYLES[style][0]
        x, w, top = frame.x0 + width * a, max(width * (b - a), 1.5), frame.y0 + lane * lane_height
        parts.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{w:.1f}" height="{lane_height:.1f}" '
            f'fill="url(#{uid}-p{style})" stroke="{colour}" stroke-opacity="0.45"/>'
        )
        fit = int((w - 6) / 6.6)
        if fit >= 4 and lane_height >= 15:
            text = name if len(name) <= fit else name[: fit - 1] + "…"
            y = top + 13
            labels.append(
                f'<rect x="{x + 1:.1f}" y="{y - 10:.1f}" width="{len(text) * 6.2 + 4:.1f}" height="13" rx="2" '
                f'fill="#fff" fill-opacity="0.85"/><text x="{x + 3:.1f}" y="{y:.1f}" font-size="11" '
                f'fill="{colour}">{escape(text)}</text>'
            )
    for value in range(0, highest + 1, max(highest // 6, 1)):
        y = frame.y(value)
        parts.append(f'<path d="M{frame.x0} {y:.1f}H{frame.x1}" stroke="{GRID}"/>')
        # The values on both sides: a phone opens the chart at its latest days, its right end.
        parts.append(f'<text x="{frame.x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
        parts.append(f'<text x="{frame.x1 + 6}" y="{y + 4:.1f}">{value}</text>')
    middle = (frame.y0 + frame.y1) / 2
    parts.append(
        f'<text transform="translate(11 {middle:.1f}) rotate(-90)" text-anchor="middle" font-size="11">'
        f"{escape(str(SUM_NAME))}</text>"
    )
    for day, text in ticks(records.start, records.end, 8):
        x = frame.x(day)
        parts.append(f'<path d="M{x:.1f} {frame.y1}v5" stroke="{INK}"/>')
        parts.append(f'<text x="{x:.1f}" y="{frame.y1 + 19}" text-anchor="middle">{escape(text)}</text>')
    parts.extend(labels)
    last_x, kinds = [-99.0, -99.0], {value: str(label) for value, label in Event.Kind.choices}
    for number, event in enumerate(records.events, 1):
        x = frame.x(event.happened_on, 0.5)
        lane = 0 if x - last_x[0] >= 18 else 1 if x - last_x[1] >= 18 else 0
        last_x[lane], top = x, 3 + lane * 19
        if event.ended_on and event.ended_on > event.happened_on:
            end = frame.x(event.ended_on, 0.5)
            parts.append(
                f'<path d="M{x:.1f} {top + 8}H{end:.1f}" stroke="{EVENT}" stroke-width="4" stroke-opacity="0.5"/>'
            )
        parts.append(
            f'<path d="M{x:.1f} {top + 16}V{frame.y1}" stroke="{EVENT}" stroke-dasharray="3 3" stroke-opacity="0.7"/>'
            f'<rect x="{x - 8:.1f}" y="{top}" width="16" height="16" rx="3" fill="#fff" stroke="{EVENT}" '
            f'stroke-width="1.5"/><text x="{x:.1f}" y="{top + 11.5}" text-anchor="middle" '
            f'font-size="{9 if number < 100 else 7}" font-weight="bold">{number}</text>'
        )
        when = day_text(event.happened_on) + (f" – {day_text(event.ended_on)}" if event.ended_on else "")
        legend.append(LegendItem("event", kinds.get(event.kind, event.kind), SafeString(""), when, number))
    if not series.dots:
        parts.append(band(frame, series, [row.lowest for row in rows], [row.highest for row in rows], INK))
    parts.append(line(frame, series, totals, INK))
    parts.append(f'<path d="M{frame.x0} {frame.y1}H{frame.x1}" stroke="{INK}"/></svg>')
    return mark_safe("".join(parts))  # noqa: S308 - every user text above goes through escape()


def _domain_svg(
    records: selectors.Records,
    series: Series,
    spans: list[tuple[float, float]],
    values: list[float | None],
    domain: Domain,
) -> SafeString:
    uid, frame = f"trend{next(ids)}", Frame(records.start, records.end, (22, 8, 294, 76), 3)
    known = [v for v in values if v is not None]
    desc = _("Parent observations of %(name)s, 0 to 3, from %(start)s to %(end)s: last %(last)s.") % {
        "name": domain.name, "start": day_text(records.start), "end": day_text(records.end),
        "last": f"{known[-1]:g}" if known else "–",
    }  # fmt: skip
    parts = [svg_open((300, 84), uid, domain.name, desc, 11)]
    parts.extend(
        f'<rect x="{22 + 272 * a:.1f}" y="8" width="{max(272 * (b - a), 1):.1f}" height="68" fill="#4b2a7b" '
        'fill-opacity="0.09"/>'
        for a, b in spans
    )
    grid = "".join(f"M22 {frame.y(value):.1f}H294" for value in range(4))
    parts.append(f'<path d="{grid}" stroke="{GRID}"/>')  # the period is the main chart's: no dates, fewer texts
    parts.extend(f'<text x="16" y="{frame.y(v) + 4:.1f}" text-anchor="end">{v}</text>' for v in (0, 3))
    parts.append(line(frame, series, values, "#4b2a7b") + "</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every user text above goes through escape()


def trend_chart(records: selectors.Records) -> TrendChart:
    weekly = (records.end - records.start).days + 1 > WEEKLY_AFTER_DAYS
    if records.weeks is not None:  # already summarised by the database
        rows = of_weeks(records.weeks)
    else:
        rows = summarise(records.observations, per="week" if weekly else "day")
    period = {"start": day_text(records.start), "end": day_text(records.end)}
    caption = _("Parent observations, %(start)s to %(end)s.") % period + " " + sum_note()
    table_caption = _("Parent observations, %(start)s to %(end)s") % period
    if weekly:
        note = _(
            "More than %(days)s days: one point per week, the average of that week; the shaded band runs from the "
            "lowest to the highest sum of the week."
        ) % {"days": WEEKLY_AFTER_DAYS}
        if records.weeks is not None:  # the family's dashboard: where each day can still be read
            note += " " + _("Each day's values are in “All entries” and in the visit report's CSV.")
        caption, table_caption = f"{caption} {note}", f"{table_caption}. {note}"
    chart = TrendChart(
        records.start, records.end, not rows, weekly, SafeString(""), [], rows, [], domains(), caption, table_caption
    )
    chart.sum_name = str(SUM_NAME)
    if rows:
        chart.table_body = table_body(rows, ranges=weekly)
        days = (records.end - records.start).days + 1
        series, covered = Series.of(records.start, days, rows, weekly), spans(records, records.treatments)
        chart.svg = _main_svg(records, rows, series, chart.legend)
        chart.domain_svgs = [
            (d, _domain_svg(records, series, covered, [row.domains[i] for row in rows], d))
            for i, d in enumerate(domains())
        ]
    return chart
