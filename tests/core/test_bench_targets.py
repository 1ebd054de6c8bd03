"""`make bench` marks each figure that has a target with ✓ or ✗ (bench/targets.py)."""

from bench import targets


def test_each_figure_with_a_target_is_checked_and_marked() -> None:
    searches = [{"database": "sqlite", "p95_ms": 120.0}, {"database": "postgresql", "p95_ms": 12.5}]
    journals = [
        {
            "database": "sqlite",
            "dashboard": {"One year, all": {"p95_ms": 500.0}, "Five years, all": {"p95_ms": 40.0}},
            "pdf": {"90 days": {"max_ms": 900.0}, "1 year": {"max_ms": 2500.0}},
        }
    ]
    givings = [{"database": "sqlite", "webhook_events_per_second": 20.0}]
    givings.append({"database": "postgresql", "webhook_events_per_second": 180.0})
    finders = [{"database": "postgresql", "p95_ms": 51.0}]
    found = targets.checks({"SQLite": 0.08, "PostgreSQL": 0.05}, searches, givings, journals, finders)
    marks = {(c.what, c.database): c.mark for c in found}
    assert marks == {
        ("uncached home page, ratio to a static file", "SQLite"): "✓",
        ("uncached home page, ratio to a static file", "PostgreSQL"): "✗",
        ("search p95", "SQLite"): "✗",  # ≤ 100 ms on SQLite
        ("search p95", "PostgreSQL"): "✓",  # ≤ 50 ms on PostgreSQL
        ("journal dashboard, all of 5 years, p95", "SQLite"): "✓",  # one year's "all" has no target of its own
        ("visit report PDF of a year", "SQLite"): "✗",
        ("webhook and workers together", "PostgreSQL"): "✓",  # the target is PostgreSQL's only
        ("care finder p95", "PostgreSQL"): "✗",
    }
    table = targets.lines(found)
    assert table[2] == "| uncached home page, ratio to a static file | SQLite | 0.08 | ≥ 0.075 | ✓ |"
    assert "| search p95 | PostgreSQL | 12.5 ms | ≤ 50 ms | ✓ |" in table
    assert found[-1].line() == "✗ care finder p95 on PostgreSQL: 51 ms (target ≤ 50 ms)"
