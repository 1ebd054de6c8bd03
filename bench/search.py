"""Search timing over 5,000 generated pages: p50/p95 of search_pages() end to end.

Run by bench/run.py once per database (`python bench/search.py [DATABASE_URL]`); prints
one JSON line. Pages are bulk-inserted (plain Wagtail pages under Learn, each with a search
document made of sentences from the seeded topics), so generating them takes seconds.
Besides wall-clock times (noisy on a shared machine) it reports this process's CPU time per
search and the SQL each search runs (count and time), which noise moves much less.

`--top` prints the five best URLs of every query instead (to compare result quality before
and after a change); `--profile` prints a cProfile of the timed searches to stderr.
"""

import cProfile
import json
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.inprocess import django_ready

PAGES = int(os.environ.get("BENCH_SEARCH_PAGES", "5000"))
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "10"))
QUERIES = [
    "dancing eyes",
    "opsoclonous",
    "myoclonis",
    "wobbly",
    "relapse",
    "treatment",
    "neuroblastoma",
    "Kinsbourne",
    "will my child walk again",
    "MRI chest",
    "rituximab",
    "sleep",
    "speech",
    "school",
]


def generate_pages() -> None:
    """The demo site plus PAGES generated topic pages under Learn, all indexed."""
    from django.db import connection
    from wagtail.models import Page

    from omshub.pages.demo import demo_foundation_load
    from omshub.search.indexing import document_vector, page_index
    from omshub.search.models import SearchDocument
    from omshub.search.text import fold

    pages = demo_foundation_load()
    learn = Page.objects.get(pk=pages["learn"].pk)
    sentences = [
        s.strip() + "."
        for d in SearchDocument.objects.filter(language="en").order_by("page__path")
        for s in d.text.split(".")
    ]
    sentences = [s for s in sentences if len(s) > 30]
    rng = random.Random(5000)
    existing = learn.numchild
    new_pages, steplen = [], Page.steplen
    for n in range(PAGES):
        number = existing + n + 1
        new_pages.append(
            Page(
                title=f"Generated topic {number}",
                draft_title=f"Generated topic {number}",
                slug=f"generated-{number}",
                path=learn.path + _step(number, steplen),
                depth=learn.depth + 1,
                numchild=0,
                url_path=f"{learn.url_path}generated-{number}/",
                locale_id=learn.locale_id,
                live=True,
                content_type_id=learn.content_type_id,
            )
        )
    Page.objects.bulk_create(new_pages, batch_size=500)
    Page.objects.filter(pk=learn.pk).update(numchild=existing + PAGES)
    documents = []
    for page in Page.objects.filter(slug__startswith="generated-"):
        text = " ".join(rng.choice(sentences) for _ in range(40))
        documents.append(
            SearchDocument(
                page=page,
                language="en",
                title=page.title,
                text=text,
                folded_title=fold(page.title),
                folded_text=fold(text),
            )
        )
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(language="en").update(vector=document_vector("en"))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE sitesearch_searchdocument")
    for page in Page.objects.filter(depth__gt=1).exclude(slug__startswith="generated-"):
        page_index(page=page)


def search_request() -> Any:
    from django.test import RequestFactory

    request = RequestFactory().get("/search/")
    request.META["HTTP_HOST"] = "127.0.0.1"
    return request


def run_query(typed: str, request: Any) -> list[Any]:
    from omshub.search.query import parse
    from omshub.search.selectors import search_pages

    return search_pages(query=parse(typed, "en"), language="en", request=request)


def timings(request: Any, rounds: int = ROUNDS) -> dict[str, list[float]]:
    """Every query `rounds` times: wall-clock and CPU ms, SQL queries and their ms per search."""
    from django.db import connection

    sql: list[float] = []

    def timed(execute: Any, sql_text: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            sql.append((time.perf_counter() - started) * 1000)

    result: dict[str, list[float]] = {"wall": [], "cpu": [], "queries": [], "sql": []}
    with connection.execute_wrapper(timed):
        for _ in range(rounds):
            for typed in QUERIES:
                sql.clear()
                started, started_cpu = time.perf_counter(), time.process_time()
                hits = run_query(typed, request)
                result["wall"].append((time.perf_counter() - started) * 1000)
                result["cpu"].append((time.process_time() - started_cpu) * 1000)
                result["queries"].append(len(sql))
                result["sql"].append(sum(sql))
                assert hits, typed
    return result


def p95(values: list[float]) -> float:
    return round(sorted(values)[int(len(values) * 0.95) - 1], 2)


def main() -> None:
    flags = {arg for arg in sys.argv[1:] if arg.startswith("--")}
    sys.argv = [arg for arg in sys.argv if arg not in flags]
    django_ready("search")
    from django.db import connection

    from omshub.search.models import SearchDocument

    generate_pages()
    request = search_request()
    if "--top" in flags:
        for typed in QUERIES:
            urls = [hit.url for hit in run_query(typed, request)]
            real = {rank: url for rank, url in enumerate(urls, 1) if "/generated-" not in url}
            print(json.dumps({"query": typed, "top5": urls[:5], "site pages in the top 20": real}))
        return
    for typed in QUERIES:  # warm up
        run_query(typed, request)
    profile = cProfile.Profile() if "--profile" in flags else None
    if profile:
        profile.enable()
    measured = timings(request)
    if profile:
        profile.disable()
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "documents": SearchDocument.objects.count(),
                "queries": len(measured["wall"]),
                "p50_ms": round(statistics.median(measured["wall"]), 2),
                "p95_ms": p95(measured["wall"]),
                "cpu_p50_ms": round(statistics.median(measured["cpu"]), 2),
                "cpu_p95_ms": p95(measured["cpu"]),
                "sql_queries_max": max(measured["queries"]),
                "sql_p95_ms": p95(measured["sql"]),
            }
        )
    )


def _step(number: int, steplen: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while number:
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    return digits.rjust(steplen, "0")


if __name__ == "__main__":
    main()
