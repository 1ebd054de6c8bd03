"""Search reads: ranked pages in the visitor's language, each with a highlighted snippet."""

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Least, Length, Replace
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from omshub.firststeps.models import ChecklistPage
from omshub.pages.models import TopicPage
from omshub.search.indexing import search_config
from omshub.search.models import SearchDocument
from omshub.search.query import ParsedQuery, parse
from omshub.search.text import fold

SNIPPET_BEFORE = 70
SNIPPET_LENGTH = 220


@dataclass(frozen=True)
class SearchHit:
    title: SafeString
    url: str
    snippet: SafeString


def _mark(text: str, terms: list[str]) -> SafeString:
    """Escape `text` and wrap every word starting with a search term in <mark>."""
    folded = fold(text)
    if len(folded) != len(text) or not terms:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*")
    out, last = [], 0
    for match in pattern.finditer(folded):
        out += [escape(text[last : match.start()]), "<mark>", escape(text[match.start() : match.end()]), "</mark>"]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def _snippet(document: SearchDocument, terms: list[str]) -> SafeString:
    positions = [p for p in (document.folded_text.find(term) for term in terms) if p >= 0]
    start = max(min(positions, default=0) - SNIPPET_BEFORE, 0)
    if start:
        start = document.text.find(" ", start) + 1
    window = document.text[start : start + SNIPPET_LENGTH]
    if start + SNIPPET_LENGTH < len(document.text):
        window = window.rsplit(" ", 1)[0] + " …"
    return _mark(("… " if start else "") + window, terms)


def _ranked_postgres(query: ParsedQuery, language: str) -> list[SearchDocument]:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    config = search_config(language)
    search_query = SearchQuery(query.terms[0], config=config)
    for term in query.terms[1:]:
        search_query |= SearchQuery(term, config=config)
    # Rank on a narrow row (id and vector), then fetch only the winners' text: sorting
    # thousands of matches with their full text attached costs more than the ranking.
    best_ids = list(
        SearchDocument.objects.filter(language=language, vector=search_query)
        # F(): the stored vector itself (a plain name would be re-parsed as text). Normalised by
        # document length (1 + log), so a long FAQ does not outrank the topic itself.
        .annotate(rank=SearchRank(F("vector"), search_query, normalization=Value(1)))
        .order_by("-rank", "id")
        .values_list("id", flat=True)[:20]
    )
    documents = SearchDocument.objects.select_related("page").in_bulk(best_ids)
    return [documents[pk] for pk in best_ids]


def _ranked_portable(query: ParsedQuery, language: str) -> list[SearchDocument]:
    """Substring matching with a title-first score, for SQLite (and anywhere without FTS)."""
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
        .select_related("page")[:20]
    )


def search_pages(*, query: ParsedQuery, language: str, request: HttpRequest) -> list[SearchHit]:
    if query.empty:
        return []
    ranked = _ranked_postgres if connection.vendor == "postgresql" else _ranked_portable
    return [
        SearchHit(
            title=_mark(document.title, query.terms),
            url=document.page.get_url(request) or "",
            snippet=_snippet(document, query.terms),
        )
        for document in ranked(query, language)
    ]


@dataclass(frozen=True)
class OtherLanguageResults:
    """Pages in another language, shown with a note, when the visitor searched in its words."""

    code: str
    hits: list[SearchHit]
    # The query reads as this language's words and not the visitor's: shown before their own results.
    preferred: bool


def search_other_languages(
    *, typed: str, query: ParsedQuery, language: str, found: bool, request: HttpRequest
) -> list[OtherLanguageResults]:
    """The other languages' pages for what was typed, when it reads as their words.

    A language is asked when nothing was found in the visitor's own, or when its vocabulary
    understands the query and the visitor's language's does not ("wobbly" on the Spanish
    site, "ojos que bailan" on the English one).
    """
    results = []
    for code, _name in settings.LANGUAGES:
        if code == language:
            continue
        theirs = parse(typed, code)
        preferred = theirs.understood and not query.understood
        if theirs.empty or (found and not preferred):
            continue
        hits = search_pages(query=theirs, language=code, request=request)
        if hits:
            results.append(OtherLanguageResults(code=code, hits=hits, preferred=preferred))
    return results


def help_page(language: str) -> Page | None:
    """The red-flag checklist ("Get help now") in the visitor's language."""
    return ChecklistPage.objects.live().public().filter(locale__language_code=language).first()


def popular_topics(language: str) -> list[Page]:
    """Where to start when nothing matched: the first topics of the Learn section."""
    return list(TopicPage.objects.live().public().filter(locale__language_code=language).order_by("path")[:6])
