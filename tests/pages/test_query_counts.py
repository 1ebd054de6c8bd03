"""Public pages stay within 10 SQL queries, however much content the site holds.

Counted on a warm process (the page cache off, Wagtail's and our small caches filled by
one earlier request), which is what every visit after the first one meets.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StandardPageFactory
from tests.pages.test_public_pages import ENGLISH, SPANISH

MAX_QUERIES = 10


def _queries_for(client, url: str) -> int:
    cache.clear()
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ENGLISH + SPANISH)
def test_public_page_query_budget(client, demo, url):
    def add_content(count: int) -> None:
        for section in ("learn", "about", "involved", "home"):
            for _ in range(count):
                StandardPageFactory(parent=demo[section], show_in_menus=True)

    add_content(1)
    small = _queries_for(client, url)
    add_content(15)
    large = _queries_for(client, url)
    assert small <= MAX_QUERIES, f"{url}: {small} queries"
    assert large == small, f"{url}: {small} queries grew to {large} with more content"
