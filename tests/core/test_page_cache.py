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


class _CountingCache:
    """The shared cache, counting reads of the generation."""

    def __init__(self, shared):
        self.shared, self.generation_reads = shared, 0

    def get(self, key, *args, **kwargs):
        self.generation_reads += key == page_cache.GENERATION_KEY
        return self.shared.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.shared, name)


def test_a_request_reads_the_generation_once(client, demo, monkeypatch):
    page_cache.current_generation()  # there is one (a first read that finds none reads again)
    counting = _CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    assert client.get("/about/").status_code == 200  # uncached: header, footer, body, settings, menus
    assert counting.generation_reads == 1
    page_cache.current_generation()  # outside a request: read afresh every time
    assert counting.generation_reads == 2


def test_content_kept_in_one_process_ends_when_another_process_publishes():
    assert page_cache.remember("greeting", lambda: "first") == "first"
    assert page_cache.remember("greeting", lambda: "second") == "first"  # kept in this process's memory
    page_cache.cache.set(page_cache.GENERATION_KEY, "set-by-another-process")  # as its publish does
    assert page_cache.remember("greeting", lambda: "second") == "second"


def test_the_request_that_publishes_renders_with_the_new_generation(rf, demo, committed):
    middleware = page_cache.AnonymousPageCacheMiddleware(lambda request: HttpResponse(page_cache.current_generation()))
    before = page_cache.current_generation()

    def publish_then_answer(request):
        page_cache.current_generation()
        with committed():
            _publish_intro(demo["about"], "Changed while answering.")
        return HttpResponse(page_cache.current_generation())

    middleware.get_response = publish_then_answer
    answered = middleware(rf.get("/about/")).content.decode()
    assert answered != before
    assert answered == page_cache.current_generation()
