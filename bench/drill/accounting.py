"""The drill's reckoning, without the drill: the table it prints (requests, errors by kind,
p50/p95/p99 per kind of page, gifts) and the must-holds it checks. Plain data in, text and a
list of what broke out, so that a test can check the sums (tests/core/test_drill_accounting.py).
"""

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# The one kind of failure a fault may cause visitors: the site's own "back in a moment" page
# while the database is away (locustfile.judge names it).
EXPECTED_PAGE_ERROR = "503 database away (the friendly page)"
# What Stripe's webhook may be answered while the database is away: a 5xx, and Stripe sends again.
EXPECTED_WEBHOOK_ANSWERS = {"500", "503"}


def phases(seconds: float) -> list[tuple[str, float, float]]:
    """(name, start, end) of the load's three shapes, in seconds from its start."""
    return [("drip", 0.0, 0.35 * seconds), ("slam", 0.35 * seconds, 0.55 * seconds), ("ramp", 0.55 * seconds, seconds)]


@dataclass(frozen=True)
class Kind:
    """One kind of request in locust's figures."""

    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float


@dataclass
class Gifts:
    started: int  # gift rows the forms wrote
    paid: int  # checkouts the load paid at the stand-in for Stripe
    completed: int  # paid gifts the site counts as succeeded
    lost: int  # paid, but not succeeded at the end
    abandoned: int  # started, never paid (the form or checkout failed, or the donor stopped)
    half_written: int  # succeeded without its time, audit entry or receipt; or anything else inconsistent
    receipts_sent: int
    duplicate_receipts: int  # receipts sent beyond the first, per gift
    receipts_missing: int  # succeeded gifts whose receipt never left


@dataclass
class Fault:
    name: str
    must_hold: str
    seen: str
    held: bool


@dataclass
class Drill:
    seconds: float
    kinds: list[Kind]
    errors: Counter[str]  # kind of failure -> occurrences (visitors' requests)
    webhook_answers: Counter[str]  # status (or "connection error") -> answers Stripe got
    gifts: Gifts
    faults: list[Fault]
    phases: list[tuple[str, int, float, float]] = field(default_factory=list)  # name, requests, rps, p95
    breaking_point: str = ""


def read_locust(stats_csv: Path, failures_csv: Path) -> tuple[list[Kind], Counter[str]]:
    """Locust's `--csv` files: one row per request name (and "Aggregated"), one per failure kind."""
    kinds = []
    with stats_csv.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if not int(row["Request Count"]):
                continue
            kinds.append(
                Kind(
                    name=row["Name"],
                    requests=int(row["Request Count"]),
                    failures=int(row["Failure Count"]),
                    p50=_ms(row["50%"]),
                    p95=_ms(row["95%"]),
                    p99=_ms(row["99%"]),
                )
            )
    errors: Counter[str] = Counter()
    with failures_csv.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            errors[_error_kind(row["Error"])] += int(row["Occurrences"])
    return kinds, errors


def _ms(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def _error_kind(error: str) -> str:
    """Locust's text for a failure: ours as `judge` wrote it, or an exception (no answer at all)."""
    if error.startswith("CatchResponseError(") and error.endswith(")"):
        error = error.removeprefix("CatchResponseError(")[:-1].strip("'\"")
    if error.startswith(("ConnectionError", "ConnectTimeout", "ReadTimeout", "RemoteDisconnected")) or (
        "Connection" in error and "refused" in error
    ):
        return f"connection error ({error.split('(', 1)[0]})"
    return error


def broken(drill: Drill) -> list[str]:
    """Every must-hold the run broke, in words; empty when all held."""
    problems = []
    gifts = drill.gifts
    for name, value in [
        ("lost gifts", gifts.lost),
        ("duplicate receipts", gifts.duplicate_receipts),
        ("half-written gifts", gifts.half_written),
        ("receipts never sent", gifts.receipts_missing),
    ]:
        if value:
            problems.append(f"{value} {name} (must be 0)")
    if gifts.paid == 0:
        problems.append("no gift was paid: the drill measured nothing")
    unexpected = {kind: count for kind, count in drill.errors.items() if kind != EXPECTED_PAGE_ERROR}
    if unexpected:
        problems.append(f"errors no fault calls for: {dict(sorted(unexpected.items()))}")
    odd_answers = {
        answer: count
        for answer, count in drill.webhook_answers.items()
        if not answer.startswith("2") and answer not in EXPECTED_WEBHOOK_ANSWERS
    }
    if odd_answers:
        problems.append(f"webhook answers no fault calls for: {odd_answers}")
    problems += [
        f"fault '{fault.name}': {fault.must_hold} did not hold ({fault.seen})"
        for fault in drill.faults
        if not fault.held
    ]
    return problems


def table(drill: Drill) -> str:
    """The drill's figures as Markdown (printed, and kept in docs/drills.md)."""
    total = next((kind for kind in drill.kinds if kind.name == "Aggregated"), None)
    lines = [
        f"Load: {total.requests if total else 0} requests in {drill.seconds:.0f} s; "
        f"Stripe's webhook answered {sum(drill.webhook_answers.values())} times.",
        "",
        "| kind of request | requests | failures | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {kind.name} | {kind.requests} | {kind.failures} | {kind.p50:.0f} | {kind.p95:.0f} | {kind.p99:.0f} |"
        for kind in sorted(drill.kinds, key=lambda kind: (kind.name == "Aggregated", kind.name))
    ]
    lines += ["", "| errors by kind | count |", "| --- | ---: |"]
    lines += [f"| {kind} | {count} |" for kind, count in sorted(drill.errors.items())] or ["| (none) | 0 |"]
    lines += [
        f"| webhook answered {answer} | {count} |"
        for answer, count in sorted(drill.webhook_answers.items())
        if not answer.startswith("2")
    ]
    if drill.phases:
        lines += ["", "| shape | requests | requests/s | p95 ms |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {name} | {count} | {rps:.1f} | {p95:.0f} |" for name, count, rps, p95 in drill.phases]
    if drill.breaking_point:
        lines += ["", f"Breaking point: {drill.breaking_point}"]
    gifts = drill.gifts
    lines += [
        "",
        "| gifts | count |",
        "| --- | ---: |",
        f"| started (forms sent) | {gifts.started} |",
        f"| paid at checkout | {gifts.paid} |",
        f"| completed | {gifts.completed} |",
        f"| lost (must be 0) | {gifts.lost} |",
        f"| never paid (form refused, or donor stopped) | {gifts.abandoned} |",
        f"| half-written (must be 0) | {gifts.half_written} |",
        f"| receipts sent | {gifts.receipts_sent} |",
        f"| duplicate receipts (must be 0) | {gifts.duplicate_receipts} |",
        f"| receipts never sent (must be 0) | {gifts.receipts_missing} |",
        "",
        "| fault | must hold | seen | held |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {f.name} | {f.must_hold} | {f.seen} | {'yes' if f.held else 'NO'} |" for f in drill.faults]
    problems = broken(drill)
    lines += ["", "Every must-hold held." if not problems else "BROKEN: " + "; ".join(problems)]
    return "\n".join(lines)


def duplicate_receipts(recipients: list[str]) -> int:
    """Receipts beyond the first to one gift (each drill gift has an address of its own)."""
    return sum(count - 1 for count in Counter(recipients).values() if count > 1)
