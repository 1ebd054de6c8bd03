"""The best documents for a query, best first: one way per database.

- PostgreSQL: full-text search on the stored tsvector (GIN index), `ts_rank` normalised by length.
- SQLite with FTS5: the FTS5 index of the folded title and text, ranked with BM25 (title ten
  times the text; the visitor's own words twice what synonyms and corrections added).
- Anything else: substring matching scored in SQL (title hits and capped occurrence counts).

Each returns at most LIMIT documents with their page loaded (one query for the ranking, one
for the winners' rows), so a search runs two SQL queries whatever it finds.
"""

from typing import Any

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Least, Length, Replace

from omshub.search.indexing import search_config
from omshub.search.models import SearchDocument
from omshub.search.query import ParsedQuery

LIMIT = 20
FTS_TABLE = "sitesearch_searchdocument_fts"
TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0
TITLE_BONUS = 10
_fts_tables: dict[str, bool] = {}


def ranked(query: ParsedQuery, language: str) -> list[SearchDocument]:
    if connection.vendor == "postgresql":
        return _with_pages(_postgres_ids(query, language))
    if connection.vendor == "sqlite" and _has_fts():
        return _with_pages(_fts5_ids(query, language))
    return _portable(query, language)


def _with_pages(best_ids: list[int]) -> list[SearchDocument]:
    """The winners' rows (text for snippets, page for links), in ranking order."""
    documents = SearchDocument.objects.select_related("page").in_bulk(best_ids)
    return [documents[pk] for pk in best_ids if pk in documents]


def _postgres_ids(query: ParsedQuery, language: str) -> list[int]:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    config = search_config(language)
    search_query = SearchQuery(query.terms[0], config=config)
    for term in query.terms[1:]:
        search_query |= SearchQuery(term, config=config)
    # Rank on a narrow row (id and vector), then fetch only the winners' text: sorting
    # thousands of matches with their full text attached costs more than the ranking.
    return list(
        SearchDocument.objects.filter(language=language, vector=search_query)
        # F(): the stored vector itself (a plain name would be re-parsed as text). Normalised by
        # document length (1 + log), so a long FAQ does not outrank the topic itself.
        .annotate(rank=SearchRank(F("vector"), search_query, normalization=Value(1)))
        .order_by("-rank", "id")
        .values_list("id", flat=True)[:LIMIT]
    )


def _has_fts() -> bool:
    """Whether migration 0003 made the FTS5 index on this database (it does when SQLite has FTS5)."""
    name = str(connection.settings_dict["NAME"])
    if name not in _fts_tables:
        _fts_tables[name] = FTS_TABLE in connection.introspection.table_names()
    return _fts_tables[name]


def fts5_expression(query: ParsedQuery) -> str:
    """Every term as a quoted prefix phrase ("relapse"* finds "relapses"), ORed; a word the
    visitor typed appears twice, which doubles its weight in BM25."""
    phrases = []
    for term in query.terms:
        phrase = '"' + term.replace('"', '""') + '"*'
        phrases += [phrase, phrase] if term in query.words else [phrase]
    return " OR ".join(phrases)


def _fts5_ids(query: ParsedQuery, language: str) -> list[int]:
    """BM25 alone drops a word found in most documents to nothing (its IDF is clamped), so a
    title that holds a term still earns what the substring score gave it: 10, 20 if typed."""
    documents = SearchDocument._meta.db_table
    title_bonus = " + ".join(
        f"(instr(d.folded_title, %s) > 0) * {TITLE_BONUS * (2 if term in query.words else 1)}" for term in query.terms
    )
    # Only our own names and numbers in the text; what was typed goes in as parameters.
    rank = f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, {TEXT_WEIGHT}) - ({title_bonus})"
    joined = f"{FTS_TABLE} JOIN {documents} d ON d.id = {FTS_TABLE}.rowid"
    where = f"{FTS_TABLE} MATCH %s AND d.language = %s"
    sql = f"SELECT d.id FROM {joined} WHERE {where} ORDER BY {rank}, d.title LIMIT {LIMIT}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts5_expression(query), language, *query.terms])
        return [row[0] for row in cursor.fetchall()]


def _portable(query: ParsedQuery, language: str) -> list[SearchDocument]:
    """Substring matching with a title-first score, for a database without full-text search."""
    matches = Q()
    score: Any = Value(0, output_field=IntegerField())
    for term in query.terms:
        matches |= Q(folded_title__contains=term) | Q(folded_text__contains=term)
        weight = 2 if term in query.words else 1  # what was typed counts more than what was added
        occurrences = (Length("folded_text") - Length(Replace("folded_text", Value(term), Value("")))) / len(term)
        score = score + Case(When(folded_title__contains=term, then=10 * weight), default=0)
        score = score + Least(occurrences, Value(8)) * weight
    return list(
        SearchDocument.objects.filter(language=language)
        .filter(matches)
        .annotate(score=score)
        .order_by("-score", "title")
        .select_related("page")[:LIMIT]
    )
