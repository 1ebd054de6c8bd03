"""What a search costs: two SQL queries whatever it finds (no query per result), on SQLite
through the FTS5 index kept in step with the documents by triggers, on PostgreSQL through the
stored vector."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from omshub.search.indexing import reindex_all
from omshub.search.models import SearchDocument
from omshub.search.query import parse
from omshub.search.ranking import FTS_TABLE, fts5_expression
from omshub.search.selectors import search_pages


@pytest.fixture
def indexed(demo):
    reindex_all()
    return demo


@pytest.mark.parametrize("typed", ["rituximab", "treatment", "dancing eyes"])
def test_a_search_runs_two_queries_however_many_pages_it_finds(indexed, typed):
    request = RequestFactory().get("/search/")
    # The request's site (looked up once per request) and, on SQLite, whether the FTS5 index
    # exists (once per process) are paid by the first search.
    search_pages(query=parse("relapse", "en"), language="en", request=request)
    with CaptureQueriesContext(connection) as captured:
        hits = search_pages(query=parse(typed, "en"), language="en", request=request)
    assert hits and all(hit.url.startswith("/") for hit in hits)
    assert len(captured) == 2, [query["sql"] for query in captured]


def test_the_search_page_costs_the_same_for_few_results_and_many(client, indexed):
    counts = {}
    for typed in ("rituximab", "treatment"):
        client.get("/search/", {"q": typed})  # warm: the site and menus are cached after the first request
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/search/", {"q": typed}).content.decode()
        counts[typed] = (len(captured), html.count('class="search-result"'))
    assert counts["rituximab"][1] < counts["treatment"][1], counts
    assert counts["rituximab"][0] == counts["treatment"][0], counts


def test_the_fts5_expression_quotes_every_term_and_doubles_typed_words():
    query = parse('dancing eyes "x', "en")
    expression = fts5_expression(query)
    assert expression.count('"dancing"*') == 2 and expression.count('"opsoclonus"*') == 1
    assert '"x"*' not in expression  # one letter is not searched for
    assert all(part.startswith('"') and part.endswith('"*') for part in expression.split(" OR "))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index exists on SQLite only")
def test_the_sqlite_index_follows_every_insert_update_and_delete(indexed):
    def found(word: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [f'"{word}"'])  # noqa: S608 - a constant table name
            return cursor.fetchone()[0]

    document = SearchDocument.objects.filter(language="en").earliest("id")
    assert found("xylophone") == 0
    document.folded_text += " xylophone"
    document.save()
    assert found("xylophone") == 1
    document.delete()
    assert found("xylophone") == 0
