"""Search reads: ranked pages in the visitor's language, each with a highlighted snippet."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from omshub.firststeps.models import ChecklistPage
from omshub.pages.models import TopicPage
from omshub.search.models import SearchDocument
from omshub.search.query import ParsedQuery, parse
from omshub.search.ranking import ranked
from omshub.search.text import fold

SNIPPET_BEFORE = 70
SNIPPET_LENGTH = 220


@dataclass(frozen=True)
class SearchHit:
    title: SafeString
    url: str
    snippet: SafeString


def _word_starts(terms: list[str]) -> re.Pattern[str]:
    """Every word (of folded text) that starts with one of the terms."""
    return re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*")


def _mark(text: str, pattern: re.Pattern[str]) -> SafeString:
    """Escape `text` and wrap every word starting with a search term in <mark>."""
    folded = fold(text)
    if len(folded) != len(text):
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(folded):
        out += [escape(text[last : match.start()]), "<mark>", escape(text[match.start() : match.end()]), "</mark>"]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def _snippet(document: SearchDocument, pattern: re.Pattern[str]) -> SafeString:
    """About SNIPPET_LENGTH characters of the stored text around the first word that matched."""
    first = pattern.search(document.folded_text)
    start = max((first.start() if first else 0) - SNIPPET_BEFORE, 0)
    if start:
        start = document.text.find(" ", start) + 1
    window = document.text[start : start + SNIPPET_LENGTH]
    if start + SNIPPET_LENGTH < len(document.text):
        window = window.rsplit(" ", 1)[0] + " …"
    return _mark(("… " if start else "") + window, pattern)


def search_pages(*, query: ParsedQuery, language: str, request: HttpRequest) -> list[SearchHit]:
    if query.empty:
        return []
    pattern = _word_starts(query.terms)
    return [
        SearchHit(
            title=_mark(document.title, pattern),
            url=document.page.get_url(request) or "",
            snippet=_snippet(document, pattern),
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
