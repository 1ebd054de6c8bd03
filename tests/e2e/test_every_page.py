"""axe-core finds nothing on any page of the sitemap, in either language."""

import re
import urllib.request
from urllib.parse import urlsplit

from playwright.sync_api import Page

from tests.e2e.axe import assert_accessible


def test_every_seeded_page_is_accessible(site: str, tab: Page):
    with urllib.request.urlopen(site + "/sitemap.xml", timeout=10) as response:  # noqa: S310 - our own server
        xml = response.read().decode()
    paths = [urlsplit(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)]
    assert len(paths) >= 40
    assert any(path.startswith("/es/") for path in paths)
    for path in paths:
        result = tab.goto(site + path)
        assert result is not None and result.status == 200, path
        assert_accessible(tab)
