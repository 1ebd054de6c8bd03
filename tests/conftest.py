"""Fixtures shared by the whole suite: a clean cache for every test and the demo foundation."""

import os
from collections.abc import Callable
from typing import Any

import pytest
import pytest_django.fixtures as pytest_django_fixtures
from django.conf import settings
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation
from wagtail.models import Page

from omshub.core import ratelimit
from tests.demo import demo_ensure

pytest_plugins = ["tests.payments.fixtures", "tests.giving.fixtures"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls made
# beside it are still synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _with_default_database(find: Callable[..., tuple[set[str], set[str]]]) -> Callable[..., tuple[set[str], set[str]]]:
    def find_databases(items: Any) -> tuple[set[str], set[str]]:
        aliases, serialized = find(items)
        return aliases | {DEFAULT_DB_ALIAS}, serialized

    return find_databases


# pytest-django creates the test database only when a collected test asks for `db`; the
# browser tests read the committed demo through a live server instead, and run alone they
# would otherwise meet the development database. Always create the default test database.
pytest_django_fixtures._get_databases_for_setup = _with_default_database(
    pytest_django_fixtures._get_databases_for_setup
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests (a migration run backwards and forwards, a task worker) flush every
    table when they end, data migrations' rows included (groups, locales): they run after every
    other test of their process, so none meets a flushed database."""

    def flushes(item: pytest.Item) -> bool:
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction"))

    items.sort(key=flushes)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Wagtail caches site root paths; a flushed database must not meet a stale cache. Rate
    limits' own per-process counts start afresh too."""
    cache.clear()
    caches["template_fragments"].clear()
    ratelimit._local.clear()
    yield
    cache.clear()
    caches["template_fragments"].clear()
    ratelimit._local.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Django's LocaleMiddleware activates a request's language and leaves it active on the thread
    (the next request activates its own); a test that calls code directly after a Spanish request
    must not inherit Spanish from it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker) -> dict[str, int]:
    """The demo foundation, loaded and committed once per test process (it takes seconds).

    Tests that use it run in transactions rolled back on top of it, and the browser tests'
    live server reads it directly. Nothing in the suite flushes the database.
    """
    from omshub.pages.demo import demo_foundation_load

    with django_db_blocker.unblock():
        return {key: page.pk for key, page in demo_foundation_load().items()}


@pytest.fixture
def demo(demo_site, db) -> dict[str, Page]:
    """The demo foundation, as `make run` loads it; English pages by key."""
    demo_ensure(demo_site)
    return {key: Page.objects.get(pk=pk).specific for key, pk in demo_site.items()}


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with what the admin asks of staff: a verified email and two-factor."""
    from tests.factories import staff_ready

    return staff_ready(admin_user)
