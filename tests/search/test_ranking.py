"""Ranking: a long page about a word beats many short pages that mention it once.

BM25's length normalisation alone puts the short pages first (on SQLite the medicines page
fell out of the top 20 for "rituximab"); the candidates it picks are re-ranked by capped
occurrence counts, so the page about the word comes back first. SQLite only: PostgreSQL's
ts_rank (normalised by 1 + log(length)) is a separate ranking, left as it is, and in this
small corpus it puts a short note first.
"""

import pytest
from django.db import connection
from wagtail.models import Page

from omshub.search.models import SearchDocument
from omshub.search.query import parse
from omshub.search.ranking import LIMIT, _has_fts, fts5_best, ranked
from omshub.search.text import fold

MEDICINES = " ".join(
    [
        "Children with OMS are treated with steroids, immune globulin and sometimes rituximab.",
        "Rituximab lowers the B cells that make the antibodies behind the attacks.",
        "Before rituximab your team checks vaccines and hepatitis B.",
        "The first rituximab infusion is given slowly in hospital over several hours.",
        "Common side effects of rituximab are fever, chills and a rash during the infusion.",
        "After rituximab the B cells stay low for months, so infections need quick attention.",
        "Live vaccines are postponed for a while after rituximab.",
        "Ask the neurologist how long rituximab keeps working and when the next dose is due.",
    ]
    + ["Steroids can change mood, sleep and appetite; the dose is lowered slowly over weeks."] * 30
)


def _add_document(parent: Page, slug: str, title: str, text: str) -> SearchDocument:
    page = parent.add_child(instance=Page(title=title, slug=slug))
    return SearchDocument.objects.create(
        page=page, language="en", title=title, text=text, folded_title=fold(title), folded_text=fold(text)
    )


@pytest.fixture
def medicines_among_short_pages(db) -> SearchDocument:
    SearchDocument.objects.all().delete()  # only these pages (the demo site's come back after the test)
    parent = Page.get_first_root_node()
    medicines = _add_document(parent, "medicines", "Medicines and their side effects", MEDICINES)
    for n in range(30):
        _add_document(parent, f"note-{n}", f"Short note {n:02}", "Some families asked about rituximab at clinic.")
    for n in range(30):
        _add_document(parent, f"other-{n}", f"Other note {n:02}", "Sleep routines help after a stay.")
    return medicines


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 ranking (PostgreSQL ranks with ts_rank)")
def test_a_long_page_about_the_word_beats_many_short_pages_that_mention_it_once(medicines_among_short_pages):
    query = parse("rituximab", "en")
    results = ranked(query, "en")
    assert results[0] == medicines_among_short_pages, [document.title for document in results]
    assert all(document.title.startswith("Short note") for document in results[1:])
    assert len(results) == LIMIT


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index exists on SQLite only")
def test_bm25_alone_would_have_lost_the_long_page(medicines_among_short_pages):
    """What the re-ranking is for: in BM25's own top 20 the long page is missing."""
    assert _has_fts()
    sql, parameters = fts5_best(parse("rituximab", "en"), "en", LIMIT)
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        best = [row[0] for row in cursor.fetchall()]
    assert len(best) == LIMIT and medicines_among_short_pages.pk not in best
