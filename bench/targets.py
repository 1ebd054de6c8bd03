"""The figures `make bench` must reach, each checked beside its measure (✓ or ✗).

Used by bench/run.py for its summary, on stdout and at the top of docs/benchmarks.md. A figure
a run did not measure (no PostgreSQL here, say) is left out rather than marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    most: float | None = None  # the figure must be at most this...
    least: float | None = None  # ...or at least this
    unit: str = ""

    def met(self, value: float) -> bool:
        if self.most is not None:
            return value <= self.most
        return self.least is not None and value >= self.least

    def text(self) -> str:
        bound, sign = (self.most, "≤") if self.most is not None else (self.least, "≥")
        return f"{sign} {bound:g}{' ' + self.unit if self.unit else ''}"


SEARCH_P95 = {"postgresql": Target(most=50, unit="ms"), "sqlite": Target(most=100, unit="ms")}
JOURNAL_ALL_P95 = Target(most=100, unit="ms")  # the dashboard's "all" range over five years, either database
YEAR_REPORT = Target(most=2000, unit="ms")  # the visit report PDF of one year, all sections, the slowest of 5
HOME_UNCACHED_RATIO = Target(least=0.075)  # the uncached home page's rate over a static file's, same server and run
WEBHOOK_RATE = {"postgresql": Target(least=150, unit="events/s")}  # webhook and workers together
CAREFINDER_P95 = {"postgresql": Target(most=50, unit="ms")}
PAGE_QUERIES = Target(most=10)  # each public page type, warm, page cache off (tests/pages/test_query_counts.py)
CAMPAIGN_QUERIES = Target(most=10)  # the campaign page, whatever its gifts, pages and teams (issue 13)


@dataclass(frozen=True)
class Check:
    what: str
    database: str
    value: float
    unit: str
    target: Target

    @property
    def mark(self) -> str:
        return "✓" if self.target.met(self.value) else "✗"

    @property
    def measured(self) -> str:
        return f"{self.value:g}" + (f" {self.unit}" if self.unit else "")

    def line(self) -> str:
        return f"{self.mark} {self.what} on {self.database}: {self.measured} (target {self.target.text()})"

    def row(self) -> str:
        return f"| {self.what} | {self.database} | {self.measured} | {self.target.text()} | {self.mark} |"


NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def checks(
    ratios: dict[str, float],
    searches: list[dict[str, Any]],
    givings: list[dict[str, Any]],
    journals: list[dict[str, Any]],
    finders: list[dict[str, Any]],
    pages: list[dict[str, Any]] | None = None,
) -> list[Check]:
    """Every measured figure that has a target. `ratios`: the uncached home page's ratio per database name;
    `pages`: the page-type table's rows ({"database", "label", "queries", "signed_in"})."""
    found = [
        Check("uncached home page, ratio to a static file", database, round(ratio, 3), "", HOME_UNCACHED_RATIO)
        for database, ratio in ratios.items()
    ]
    for s in searches:
        if s["database"] in SEARCH_P95:
            found.append(Check("search p95", NAMES[s["database"]], s["p95_ms"], "ms", SEARCH_P95[s["database"]]))
    for j in journals:
        for label, figures in j["dashboard"].items():
            if label.startswith("Five years") and label.endswith("all"):
                found.append(
                    Check(
                        "journal dashboard, all of 5 years, p95",
                        NAMES[j["database"]],
                        figures["p95_ms"],
                        "ms",
                        JOURNAL_ALL_P95,
                    )
                )
        if "1 year" in j["pdf"]:
            found.append(
                Check(
                    "visit report PDF of a year", NAMES[j["database"]], j["pdf"]["1 year"]["max_ms"], "ms", YEAR_REPORT
                )
            )
    for g in givings:
        if g["database"] in WEBHOOK_RATE:
            found.append(
                Check(
                    "webhook and workers together",
                    NAMES[g["database"]],
                    g["webhook_events_per_second"],
                    "events/s",
                    WEBHOOK_RATE[g["database"]],
                )
            )
    for g in givings:
        crowd = g.get("campaign", {}).get("crowd")
        if crowd:
            what = f"campaign page SQL, {crowd['gifts']:,} gifts on {crowd['pages']:,} pages in {crowd['teams']} teams"
            found.append(Check(what, NAMES[g["database"]], crowd["queries"], "queries", CAMPAIGN_QUERIES))
    for row in pages or []:
        if not row["signed_in"]:
            found.append(Check(f"SQL queries, {row['label']}", row["database"], row["queries"], "", PAGE_QUERIES))
    for f in finders:
        if f["database"] in CAREFINDER_P95:
            found.append(
                Check("care finder p95", NAMES[f["database"]], f["p95_ms"], "ms", CAREFINDER_P95[f["database"]])
            )
    return found


def lines(found: list[Check]) -> list[str]:
    """The checks as a Markdown table."""
    return [
        "| figure | database | measured | target | met |",
        "| --- | --- | ---: | --- | :---: |",
        *[check.row() for check in found],
    ]
