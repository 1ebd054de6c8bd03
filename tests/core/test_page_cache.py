"""The anonymous page cache serves repeat visits from memory and forgets on publish."""

import pytest
from django.conf import settings


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_second_anonymous_visit_is_a_hit_with_no_queries(client, demo, page_cache, django_assert_num_queries):
    first = client.get("/about/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second  # headers are still added on the way out


def test_publishing_a_page_clears_the_cache(client, demo, page_cache):
    client.get("/about/")
    about = demo["about"].specific
    about.intro = "A freshly published introduction."
    about.save_revision().publish()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "A freshly published introduction." in response.content.decode()


def test_saving_site_settings_clears_the_cache(client, demo, page_cache):
    from wagtail.models import Site

    from omshub.core.models import FoundationSettings

    client.get("/")
    foundation = FoundationSettings.for_site(Site.objects.get(is_default_site=True))
    foundation.name = "Dancing Eyes Foundation"
    foundation.save()
    assert "Dancing Eyes Foundation" in client.get("/").content.decode()


def test_visitors_with_a_session_are_never_served_from_the_cache(client, demo, page_cache):
    client.get("/about/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    response = client.get("/about/")
    assert "X-Page-Cache" not in response


def test_errors_and_the_admin_are_not_cached(client, demo, page_cache):
    assert "X-Page-Cache" not in client.get("/no-such-page/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_languages_are_cached_apart(client, demo, page_cache):
    client.get("/")
    spanish = client.get("/es/")
    assert spanish["X-Page-Cache"] == "miss"
    assert 'lang="es"' in spanish.content.decode()
