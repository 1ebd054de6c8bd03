"""The list of events is kept by the anonymous page cache; saving or deleting an event shows in
it at once (a new content generation, once the change is committed)."""

import datetime

import pytest
from django.utils import timezone

from tests.events.helpers import an_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_an_unpublished_rescheduled_or_deleted_event_leaves_the_cached_list_at_once(
    client, demo, cached, django_capture_on_commit_callbacks
):
    walk = an_event(title="Lantern Walk Zeta")
    gala = an_event(title="Quiz Night Zeta")
    first = client.get("/events/")
    assert "Lantern Walk Zeta" in first.content.decode()
    assert client.get("/events/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        walk.published = False
        walk.save()
    response = client.get("/events/")
    assert response["X-Page-Cache"] == "miss" and "Lantern Walk Zeta" not in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        gala.starts_at = timezone.now() - datetime.timedelta(days=2)  # moved into the past by mistake
        gala.ends_at = gala.starts_at + datetime.timedelta(hours=3)
        gala.save()
    assert "Quiz Night Zeta" not in client.get("/events/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        gala.starts_at = timezone.now() + datetime.timedelta(days=3)
        gala.ends_at = gala.starts_at + datetime.timedelta(hours=3)
        gala.save()
    assert "Quiz Night Zeta" in client.get("/events/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        gala.delete()
    assert "Quiz Night Zeta" not in client.get("/events/").content.decode()
