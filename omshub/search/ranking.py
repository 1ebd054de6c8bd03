"""The best documents for a query, best first: one way per database.

- PostgreSQL: full-text search on the stored tsvector (GIN index), `ts_rank` normalised by length.
- SQLite with FTS5: the FTS5 index of the folded title and text picks the best candidates by
  BM25 (title ten times the text; the visitor's own words twice what synonyms and corrections
  added), which are re-ranked by the portable score below.
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
OCCURRENCE_CAP = 8
# How many of BM25's best the occurrence score re-ranks (see _fts5_ids).
CANDIDATES = 200
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


def fts5_best(query: ParsedQuery, language: str, limit: int) -> tuple[str, list[str]]:
    """SQL and parameters for the `limit` best ids by BM25 (with their rank as bm25_rank).

    BM25 alone drops a word found in most documents to nothing (its IDF is clamped), so a
    title that holds a term still earns what the substring score gave it: 10, 20 if typed.
    """
    documents = SearchDocument._meta.db_table
    title_bonus = " + ".join(
        f"(instr(d.folded_title, %s) > 0) * {TITLE_BONUS * _weight(query, term)}" for term in query.terms
    )
    # Only our own names and numbers in the text; what was typed goes in as parameters.
    rank = f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, {TEXT_WEIGHT}) - ({title_bonus})"
    joined = f"{FTS_TABLE} JOIN {documents} d ON d.id = {FTS_TABLE}.rowid"
    where = f"{FTS_TABLE} MATCH %s AND d.language = %s"
    # Sorted as narrow rows (id and rank): the text is read only for the ones kept.
    sql = f"SELECT d.id, {rank} AS bm25_rank FROM {joined} WHERE {where} ORDER BY bm25_rank, d.title LIMIT {int(limit)}"  # noqa: S608
    return sql, [*query.terms, fts5_expression(query), language]


def _fts5_ids(query: ParsedQuery, language: str, candidates: int = CANDIDATES) -> list[int]:
    """BM25's `candidates` best (from the index, cheap), re-ranked by the portable score.

    BM25's length normalisation favours short pages that mention a word once over long pages
    about it ("rituximab": the medicines page fell out of the top 20), so the candidates are
    re-ranked by capped occurrence counts, the score used before the index: counting in a
    few hundred documents costs little, in every matching document it was most of a search.
    Ties go by title as they did ("MRI chest": the diagnosis page before the short scans news).
    """
    best, best_parameters = fts5_best(query, language, candidates)
    score = " + ".join(
        f"((instr(e.folded_title, %s) > 0) * {TITLE_BONUS}"
        f" + min((length(e.folded_text) - length(replace(e.folded_text, %s, ''))) / {len(term)}, {OCCURRENCE_CAP}))"
        f" * {_weight(query, term)}"
        for term in query.terms
    )
    documents = SearchDocument._meta.db_table
    sql = (
        f"SELECT e.id FROM ({best}) c JOIN {documents} e ON e.id = c.id"  # noqa: S608
        f" ORDER BY {score} DESC, e.title, c.bm25_rank LIMIT {LIMIT}"
    )
    rescoring = [value for term in query.terms for value in (term, term)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*best_parameters, *rescoring])  # in the order the placeholders appear
        return [row[0] for row in cursor.fetchall()]


def _weight(query: ParsedQuery, term: str) -> int:
    """What was typed counts twice what synonyms and corrections added."""
    return 2 if term in query.words else 1


def _portable(query: ParsedQuery, language: str) -> list[SearchDocument]:
    """Substring matching with a title-first score, for a database without full-text search."""
    matches = Q()
    score: Any = Value(0, output_field=IntegerField())
    for term in query.terms:
        matches |= Q(folded_title__contains=term) | Q(folded_text__contains=term)
        weight = _weight(query, term)
        occurrences = (Length("folded_text") - Length(Replace("folded_text", Value(term), Value("")))) / len(term)
        score = score + Case(When(folded_title__contains=term, then=TITLE_BONUS * weight), default=0)
        score = score + Least(occurrences, Value(OCCURRENCE_CAP)) * weight
    return list(
        SearchDocument.objects.filter(language=language)
        .filter(matches)
        .annotate(score=score)
        .order_by("-score", "title")
        .select_related("page")[:LIMIT]
    )
