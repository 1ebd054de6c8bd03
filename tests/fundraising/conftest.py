"""Photos the fundraising tests upload go to a folder of the test's own, not the site's media."""

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
