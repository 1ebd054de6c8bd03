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


def test_the_campaign_with_a_crowd_and_each_public_page_type_are_held_to_10_queries() -> None:
    crowd = {"queries": 9, "p95_ms": 30.0, "p50_ms": 20.0, "gifts": 10_000, "pages": 1_000, "teams": 100}
    givings = [{"database": "postgresql", "webhook_events_per_second": 200.0, "campaign": {"100": {}, "crowd": crowd}}]
    pages = [
        {"database": "SQLite", "label": "topic page", "queries": 10, "signed_in": False},
        {"database": "SQLite", "label": "news article", "queries": 11, "signed_in": False},
        {"database": "SQLite", "label": "care journal", "queries": 12, "signed_in": True},  # no target: signed in
    ]
    found = targets.checks({}, [], givings, [], [], pages=pages)
    marks = {(c.what, c.database): c.mark for c in found}
    assert marks == {
        ("webhook and workers together", "PostgreSQL"): "✓",
        ("campaign page SQL, 10,000 gifts on 1,000 pages in 100 teams", "PostgreSQL"): "✓",
        ("SQL queries, topic page", "SQLite"): "✓",
        ("SQL queries, news article", "SQLite"): "✗",
    }
    assert found[1].line() == (
        "✓ campaign page SQL, 10,000 gifts on 1,000 pages in 100 teams on PostgreSQL: 9 queries (target ≤ 10)"
    )
