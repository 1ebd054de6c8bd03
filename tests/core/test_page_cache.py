"""The anonymous page cache serves repeat visits from memory and forgets on every change
to published content, once that change is committed."""

import time

import pytest
from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.template.context_processors import csp as csp_context
from wagtail.models import PageViewRestriction, Site

from omshub.core import page_cache
from omshub.core.models import FoundationSettings


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block schedules for after commit, as a real transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _publish_intro(page, text):
    page = page.specific
    page.intro = text
    page.save_revision().publish()


def test_second_anonymous_visit_is_a_hit_with_no_queries(client, demo, cached, django_assert_num_queries):
    first = client.get("/about/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second  # headers are still added on the way out


def test_publishing_a_page_clears_the_cache(client, demo, cached, committed):
    client.get("/about/")
    with committed():
        _publish_intro(demo["about"], "A freshly published introduction.")
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "A freshly published introduction." in response.content.decode()


def test_nothing_is_cleared_before_the_change_commits(client, demo, cached, django_capture_on_commit_callbacks):
    client.get("/about/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _publish_intro(demo["about"], "Not yet committed.")
        assert client.get("/about/")["X-Page-Cache"] == "hit"  # a reader meanwhile sees the old generation
    assert callbacks


def test_unpublishing_deleting_and_moving_clear_the_cache(client, demo, cached, committed):
    client.get("/get-involved/")
    client.get("/learn/")
    with committed():
        demo["involved"].specific.unpublish()
    assert client.get("/get-involved/").status_code == 404
    client.get("/about/")
    with committed():
        demo["about"].specific.delete()
    assert client.get("/about/").status_code == 404
    client.get("/get-help-now/")
    with committed():
        demo["help"].specific.move(demo["learn"], pos="last-child")
    moved = client.get("/get-help-now/")
    assert moved.status_code == 301  # Wagtail leaves a redirect behind
    assert moved["Location"] == "/learn/get-help-now/"
    assert client.get("/learn/get-help-now/").status_code == 200


def test_a_new_restriction_takes_effect_at_once(client, demo, cached, committed):
    assert client.get("/about/").status_code == 200
    with committed():
        PageViewRestriction.objects.create(page=demo["about"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_new_alias_appears_at_once(client, demo, cached, committed):
    client.get("/learn/")
    with committed():
        demo["about"].create_alias(parent=demo["learn"], update_slug="about-us-again")
    assert "about-us-again" in client.get("/learn/").content.decode()


def test_saving_site_settings_clears_the_cache(client, demo, cached, committed):
    client.get("/")
    foundation = FoundationSettings.for_site(Site.objects.get(is_default_site=True))
    foundation.name = "Dancing Eyes Foundation"
    with committed():
        foundation.save()
    assert "Dancing Eyes Foundation" in client.get("/").content.decode()


def test_a_lost_generation_never_brings_old_pages_back(client, demo, cached, committed, monkeypatch, tmp_path):
    # The file cache (production without Redis) expires and culls keys; so may Redis.
    monkeypatch.setattr(page_cache, "cache", FileBasedCache(str(tmp_path), {}))
    client.get("/about/")
    with committed():
        _publish_intro(demo["about"], "The new introduction.")
    assert "The new introduction." in client.get("/about/").content.decode()
    page_cache.cache.delete(page_cache.GENERATION_KEY)
    later = time.time() + 3600
    monkeypatch.setattr("django.core.cache.backends.filebased.time.time", lambda: later)
    assert "The new introduction." in client.get("/about/").content.decode()


def test_visitors_with_a_session_are_never_served_from_the_cache(client, demo, cached):
    client.get("/about/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    response = client.get("/about/")
    assert "X-Page-Cache" not in response


def test_query_strings_bypass_the_cache(client, demo, cached):
    client.get("/about/")
    response = client.get("/about/?utm_source=newsletter")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_head_and_get_share_an_entry(client, demo, cached):
    assert client.head("/about/")["X-Page-Cache"] == "miss"
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "hit"
    assert b"<h1>" in response.content


def test_errors_and_the_admin_are_not_cached(client, demo, cached):
    assert "X-Page-Cache" not in client.get("/no-such-page/")
    assert "X-Page-Cache" not in client.get("/admin/")


def test_languages_are_cached_apart(client, demo, cached):
    client.get("/")
    spanish = client.get("/es/")
    assert spanish["X-Page-Cache"] == "miss"
    assert 'lang="es"' in spanish.content.decode()


def test_a_page_that_used_its_csp_nonce_is_not_stored(rf):
    request = rf.get("/about/")
    ContentSecurityPolicyMiddleware(lambda r: HttpResponse()).process_request(request)
    response = HttpResponse("<p>Hello</p>", content_type="text/html")
    assert page_cache._may_store(request, response)  # a nonce nobody asked for is never made
    str(csp_context(request)["csp_nonce"])  # as a template's {{ csp_nonce }} would
    assert not page_cache._may_store(request, response)
