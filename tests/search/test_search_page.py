"""Site search finds pages in the visitor's language, forgives, and helps when nothing matches.
Runs on SQLite (text matching) and on PostgreSQL (full-text search with english/spanish)."""

import re

import pytest

from omshub.search.indexing import reindex_all


@pytest.fixture
def indexed(demo):
    reindex_all()
    return demo


def _result_urls(client, url):
    html = client.get(url).content.decode()
    return re.findall(r'search-result__title"><a href="([^"]+)"', html), html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dancing eyes", "/learn/signs-and-symptoms/"),
        ("opsoclonous", "/learn/what-is-oms/"),
        ("myoclonis", "/learn/what-is-oms/"),
        ("wobbly", "/learn/signs-and-symptoms/"),
        ("Kinsbourne", "/learn/research-and-history/"),
        ("relapse", "/learn/relapses/"),
        ("neuroblastoma", "/learn/causes-and-neuroblastoma/"),
    ],
)
def test_english_search_is_forgiving(client, indexed, typed, expected):
    urls, _ = _result_urls(client, f"/search/?q={typed}")
    assert expected in urls[:5], urls


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ojos que bailan", "/es/aprender/signos-y-sintomas/"),
        ("sintomas", "/es/aprender/signos-y-sintomas/"),
        ("recaída", "/es/aprender/recaidas/"),
        ("mioclonos", "/es/aprender/que-es-el-oms/"),
    ],
)
def test_spanish_search_stays_in_spanish(client, indexed, typed, expected):
    urls, html = _result_urls(client, f"/es/buscar/?q={typed}")
    assert expected in urls[:5], urls
    assert all(url.startswith("/es/") for url in urls)
    assert 'lang="es"' in html


def test_results_are_highlighted_and_escaped(client, indexed):
    _, html = _result_urls(client, "/search/?q=opsoclonus")
    assert "<mark>" in html
    _, html = _result_urls(client, "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in html


def test_misspelling_is_shown(client, indexed):
    _, html = _result_urls(client, "/search/?q=opsoclonous")
    assert "We also searched for:" in html and "<strong>opsoclonus</strong>" in html


def test_nothing_found_offers_a_way_on(client, indexed):
    urls, html = _result_urls(client, "/search/?q=zzzqqxx")
    assert urls == []
    assert "Nothing found for" in html
    assert 'href="/get-help-now/"' in html
    assert 'href="/learn/what-is-oms/"' in html


def test_publishing_updates_the_index(client, indexed, django_capture_on_commit_callbacks):
    page = indexed["about"].specific
    page.intro = "We also run a quarterly xylophone concert."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    urls, _ = _result_urls(client, "/search/?q=xylophone")
    assert urls == ["/about/"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    urls, _ = _result_urls(client, "/search/?q=xylophone")
    assert urls == []


def test_restricted_pages_are_not_searchable(client, indexed, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=indexed["learn"], restriction_type=PageViewRestriction.LOGIN)
    urls, _ = _result_urls(client, "/search/?q=opsoclonus")
    assert not [url for url in urls if url.startswith("/learn/")]
