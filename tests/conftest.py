"""Fixtures shared by the whole suite: a clean cache for every test and the demo foundation."""

import os

import pytest
from django.core.cache import cache
from wagtail.models import Page

# Playwright's sync API runs an event loop in the test thread; the ORM calls made
# beside it are still synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clean_cache():
    """Wagtail caches site root paths; a flushed database must not meet a stale cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db) -> dict[str, Page]:
    """The demo foundation, as `make run` loads it; English pages by key."""
    from omshub.pages.demo import demo_foundation_load

    return demo_foundation_load()
