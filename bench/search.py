"""Search timing over 5,000 generated pages: p50/p95 of search_pages() end to end.

Run by bench/run.py once per database (`python bench/search.py [DATABASE_URL]`); prints
one JSON line. Pages are bulk-inserted (plain Wagtail pages under Learn, each with a search
document made of sentences from the seeded topics), so generating them takes seconds.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
PAGES = int(os.environ.get("BENCH_SEARCH_PAGES", "5000"))
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


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="omshub-search-bench-")
    os.environ.update(DJANGO_SETTINGS_MODULE="omshub.config.settings.dev", OMSHUB_VAR_DIR=var_dir, LOG_LEVEL="WARNING")
    if len(sys.argv) > 1:
        os.environ["DATABASE_URL"] = sys.argv[1]
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory
    from wagtail.models import Page

    from omshub.pages.demo import demo_foundation_load
    from omshub.search.indexing import document_vector, page_index
    from omshub.search.models import SearchDocument
    from omshub.search.query import parse
    from omshub.search.selectors import search_pages
    from omshub.search.text import fold

    call_command("migrate", verbosity=0)
    pages = demo_foundation_load()
    learn = Page.objects.get(pk=pages["learn"].pk)
    sentences = [s.strip() + "." for d in SearchDocument.objects.filter(language="en") for s in d.text.split(".")]
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
    request = RequestFactory().get("/search/")
    request.META["HTTP_HOST"] = "127.0.0.1"
    for typed in QUERIES:  # warm up
        search_pages(query=parse(typed, "en"), language="en", request=request)
    timings = []
    for _ in range(10):
        for typed in QUERIES:
            start = time.perf_counter()
            hits = search_pages(query=parse(typed, "en"), language="en", request=request)
            timings.append((time.perf_counter() - start) * 1000)
            assert hits, typed
    timings.sort()
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "documents": SearchDocument.objects.count(),
                "queries": len(timings),
                "p50_ms": round(statistics.median(timings), 2),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
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
