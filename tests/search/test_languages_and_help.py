"""Search across languages (with a note) and "Get help now" first for a worried or urgent query."""

import re

import pytest

from omshub.search.indexing import reindex_all
from omshub.search.query import worried

CHECKLIST = {"en": "/get-help-now/", "es": "/es/ayuda-ahora/"}
SEARCH = {"en": "/search/", "es": "/es/buscar/"}


@pytest.fixture
def indexed(demo):
    reindex_all()
    return demo


def _search(client, language: str, typed: str) -> str:
    response = client.get(SEARCH[language], {"q": typed})
    assert response.status_code == 200
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _section(html: str, heading: str) -> str:
    """The results listed under a "Results in …" heading."""
    assert heading in html, html
    return html.split(heading, 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize(
    ("language", "typed", "note", "expected"),
    [
        ("es", "wobbly", "Resultados en inglés", "/learn/signs-and-symptoms/"),
        ("es", "dancing eyes", "Resultados en inglés", "/learn/signs-and-symptoms/"),
        ("en", "ojos que bailan", "Results in Spanish", "/es/aprender/signos-y-sintomas/"),
        ("en", "sacudidas", "Results in Spanish", "/es/aprender/"),
    ],
)
def test_a_query_in_the_other_languages_words_finds_its_pages_with_a_note(
    client, indexed, language, typed, note, expected
):
    html = _search(client, language, typed)
    section = _section(html, note)
    other = "es" if language == "en" else "en"
    # Written in the other language's words: its pages come before any weak match in the visitor's.
    first_list = re.findall(r'<ol class="search-results"[^>]*>', html)[0]
    assert first_list == f'<ol class="search-results" lang="{other}">'
    assert f'<ol class="search-results" lang="{other}">' in section
    urls = re.findall(r'search-result__title"><a href="([^"]+)"', section)
    assert any(url.startswith(expected) for url in urls[:5]), urls


def test_a_query_the_visitors_language_understands_gets_no_other_language_section(client, indexed):
    html = _search(client, "en", "relapse")
    assert "search-result__title" in html and "Results in Spanish" not in html


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("es", "ojos que bailan"),
        ("en", "dancing eyes"),
        ("en", "Dancing eyes?"),
        ("en", "emergency"),
        ("en", "911"),
        ("es", "911"),
        ("es", "urgencias"),
        ("en", "urgencias"),
        ("es", "dancing eyes"),
    ],
)
def test_a_worried_or_urgent_query_puts_get_help_now_first(client, indexed, language, typed):
    html = _search(client, language, typed)
    results = html.split("</form>", 1)[1]
    box = results.index('class="callout callout--urgent search-help"')
    assert f'href="{CHECKLIST[language]}"' in results[box:].split("</aside>", 1)[0]
    assert "911" in results[box:].split("</aside>", 1)[0]
    first_result = results.find('class="search-result"')
    assert first_result == -1 or box < first_result


@pytest.mark.parametrize("typed", ["relapse", "rituximab", "glossary"])
def test_an_ordinary_query_has_no_help_box(client, indexed, typed):
    assert "search-help" not in _search(client, "en", typed)


def test_worried_matches_whole_words_only():
    assert worried("ER visit tonight") and worried("¿Urgencias?") and worried("ojos que bailan")
    assert not worried("neuroblastoma treatment") and not worried("remember") and not worried("9110")
