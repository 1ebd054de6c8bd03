"""SQLite search rankings side by side, on bench/search.py's generated pages, in one process.

- `old`: the substring score on every matching document (the ranking before the FTS5 index,
  still the one for databases without full-text search),
- `bm25`: the FTS5 index's BM25 order alone (the first FTS5 version),
- `new`: BM25's best candidates re-ranked by the old score (what the site runs).

Prints, per query, where the site's own pages (not the generated ones) rank in the top 20
under each, then the CPU p50/p95 per search (this process's time, SQL included on SQLite) of
each ranking, measured alternately so load on the machine touches all three alike.
Run: `python bench/search_ranking.py` (SQLite only; BENCH_SEARCH_CANDIDATES=400,800 adds
re-rankings of more candidates, BENCH_SEARCH_ROUNDS sets the timed rounds).
"""

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.inprocess import django_ready
from bench.search import QUERIES, ROUNDS, generate_pages, p95, run_query, search_request

# Candidate counts to try besides the site's own (ranking.CANDIDATES), e.g. "400,800".
EXTRA_CANDIDATES = [int(n) for n in os.environ.get("BENCH_SEARCH_CANDIDATES", "").split(",") if n]


def rankings() -> dict[str, Callable[..., Any]]:
    from django.db import connection

    from omshub.search import ranking

    def bm25(query: Any, language: str) -> list[Any]:
        sql, parameters = ranking.fts5_best(query, language, ranking.LIMIT)
        with connection.cursor() as cursor:
            cursor.execute(sql, parameters)
            return ranking._with_pages([row[0] for row in cursor.fetchall()])

    def new(candidates: int, query: Any, language: str) -> list[Any]:
        return ranking._with_pages(ranking._fts5_ids(query, language, candidates))

    counts = [ranking.CANDIDATES, *EXTRA_CANDIDATES]
    return {"old": ranking._portable, "bm25": bm25, **{f"new {n}": partial(new, n) for n in counts}}


def using(name: str) -> None:
    """Make search_pages() rank with `name`."""
    from omshub.search import selectors

    selectors.ranked = rankings()[name]


def site_ranks(request: Any) -> dict[str, dict[str, dict[int, str]]]:
    ranks: dict[str, dict[str, dict[int, str]]] = {}
    for name in rankings():
        using(name)
        for typed in QUERIES:
            urls = [hit.url for hit in run_query(typed, request)]
            real = {rank: url for rank, url in enumerate(urls, 1) if "/generated-" not in url}
            ranks.setdefault(typed, {})[name] = real
    return ranks


def cpu(request: Any) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in rankings()}
    for _ in range(ROUNDS):
        for name in times:
            using(name)
            for typed in QUERIES:
                started = time.process_time()
                run_query(typed, request)
                times[name].append((time.process_time() - started) * 1000)
    return times


def main() -> None:
    django_ready("search-ranking")
    from django.db import connection

    assert connection.vendor == "sqlite", "compares the SQLite rankings"
    generate_pages()
    request = search_request()
    for typed, by_name in site_ranks(request).items():
        print(json.dumps({"query": typed, **by_name}))
    for name, values in cpu(request).items():
        p50 = round(statistics.median(values), 2)
        print(json.dumps({"ranking": name, "cpu_p50_ms": p50, "cpu_p95_ms": p95(values)}))


if __name__ == "__main__":
    main()
