"""The production drill's reckoning (bench/drill/accounting.py): locust's files read into kinds
and error kinds, receipts counted per gift, and the run failed whenever a must-hold broke."""

from collections import Counter
from pathlib import Path

from bench.drill import accounting
from bench.drill.accounting import Drill, Fault, Gifts

STATS = (
    (
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
        "Max Response Time,Average Content Size,Requests/s,Failures/s,"
        "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
    )
    + """GET,page (cached),120,3,40,55,3,900,9000,2.0,0.05,40,50,60,70,90,200,400,800,900,900,900
POST,gift: send,10,0,300,320,200,700,0,0.2,0.0,300,310,320,330,400,600,700,700,700,700,700
GET,search,0,0,0,0,0,0,0,0,0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A
,Aggregated,130,3,45,70,3,900,8000,2.2,0.05,45,55,65,75,100,250,500,700,900,900,900
"""
)
FAILURES = """Method,Name,Error,Occurrences,First Seen,Last Seen
GET,page (cached),CatchResponseError('503 database away (the friendly page)'),2,x,y
GET,search,CatchResponseError('503 database away (the friendly page)'),1,x,y
GET,page (cached),"ConnectionError(MaxRetryError(""HTTPSConnectionPool: Connection refused""))",4,x,y
"""


def _gifts(**changes: int) -> Gifts:
    figures = dict(started=12, paid=10, completed=10, lost=0, abandoned=2, half_written=0, receipts_sent=10,
                   duplicate_receipts=0, receipts_missing=0)  # fmt: skip
    return Gifts(**(figures | changes))


def _drill(**changes: object) -> Drill:
    fields: dict = dict(
        seconds=60, kinds=[], errors=Counter({accounting.EXPECTED_PAGE_ERROR: 3}),
        webhook_answers=Counter({"200": 10, "503": 2}), gifts=_gifts(),
        faults=[Fault("Redis stopped", "pages still serve", "10× 200", held=True)],
    )  # fmt: skip
    return Drill(**(fields | changes))


def test_locusts_files_become_kinds_and_error_kinds(tmp_path: Path) -> None:
    (tmp_path / "stats.csv").write_text(STATS)
    (tmp_path / "failures.csv").write_text(FAILURES)
    kinds, errors = accounting.read_locust(tmp_path / "stats.csv", tmp_path / "failures.csv")
    assert [(k.name, k.requests, k.failures, k.p50, k.p95, k.p99) for k in kinds] == [
        ("page (cached)", 120, 3, 40.0, 200.0, 800.0),
        ("gift: send", 10, 0, 300.0, 600.0, 700.0),
        ("Aggregated", 130, 3, 45.0, 250.0, 700.0),
    ]  # a kind never asked for is left out
    assert errors == Counter({accounting.EXPECTED_PAGE_ERROR: 3, "connection error (ConnectionError)": 4})


def test_receipts_beyond_the_first_per_gift_are_duplicates() -> None:
    assert accounting.duplicate_receipts(["a@x", "b@x", "a@x", "a@x", "c@x"]) == 2
    assert accounting.duplicate_receipts(["a@x", "b@x"]) == 0


def test_a_clean_run_holds_and_says_so() -> None:
    drill = _drill()
    assert accounting.broken(drill) == []
    text = accounting.table(drill)
    assert "| lost (must be 0) | 0 |" in text
    assert "| webhook answered 503 | 2 |" in text
    assert text.endswith("Every must-hold held.")


def test_each_broken_must_hold_fails_the_run() -> None:
    cases = {
        "1 lost gifts": _drill(gifts=_gifts(completed=9, lost=1)),
        "1 duplicate receipts": _drill(gifts=_gifts(duplicate_receipts=1)),
        "2 half-written gifts": _drill(gifts=_gifts(half_written=2)),
        "1 receipts never sent": _drill(gifts=_gifts(receipts_missing=1)),
        "no gift was paid": _drill(gifts=_gifts(paid=0, completed=0)),
        "errors no fault calls for: {'502 server error': 1}": _drill(errors=Counter({"502 server error": 1})),
        "webhook answers no fault calls for: {'502': 1}": _drill(webhook_answers=Counter({"200": 9, "502": 1})),
        "fault 'Redis stopped'": _drill(faults=[Fault("Redis stopped", "pages still serve", "3× 500", held=False)]),
    }
    for expected, drill in cases.items():
        problems = accounting.broken(drill)
        assert len(problems) == 1 and problems[0].startswith(expected), (expected, problems)
        assert accounting.table(drill).split("\n")[-1].startswith("BROKEN: ")


def test_the_shapes_cover_the_run_in_order() -> None:
    shapes = accounting.phases(400)
    assert [name for name, _, _ in shapes] == ["drip", "slam", "ramp"]
    assert shapes[0][1] == 0 and shapes[-1][2] == 400
    assert all(shapes[n][2] == shapes[n + 1][1] for n in range(2))
