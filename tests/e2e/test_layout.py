"""The home page fits a phone without sideways scrolling and keeps tap targets large.

Set SCREENSHOT_DIR (as `make screenshots` does) to keep the full-page screenshots.
"""

import os
from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.axe import assert_accessible


def test_home_page_layout(site: str, tab: Page, viewport, tmp_path: Path):
    for language, path in [("en", "/"), ("es", "/es/")]:
        tab.goto(site + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {viewport.width}px"
        small_targets = tab.evaluate(
            """() => [...document.querySelectorAll('header a, .button, footer a')]
                .filter(el => el.getBoundingClientRect().height < 44)
                .map(el => el.textContent.trim())"""
        )
        assert small_targets == [], f"tap targets under 44px on {path}: {small_targets}"
        folder = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
        folder.mkdir(parents=True, exist_ok=True)
        shot = folder / f"home-{language}-{viewport.width}.png"
        tab.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert_accessible(tab)
