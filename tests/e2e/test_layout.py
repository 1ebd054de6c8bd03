"""The home page fits a phone without sideways scrolling and keeps tap targets large; the
FAQ and glossary fold into a short page on a phone; search results with their notes.

Set SCREENSHOT_DIR (as `make screenshots` does) to keep the full-page screenshots.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

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


FOLDED_PAGES = [
    ("glossary-en", "/learn/glossary/"),
    ("glossary-es", "/es/aprender/glosario/"),
    ("faq-en", "/learn/faq/"),
    ("faq-es", "/es/aprender/preguntas-frecuentes/"),
]
# px at 375 px wide, the references folded too: was 8,000 (glossary) to 15,000 (Spanish FAQ).
# 4,500 until the footer took the newsletter sign-up form (about 300 px on a phone).
PHONE_PAGE_LIMIT = 4850


def _keep(tab: Page, name: str, width: int, tmp_path: Path) -> None:
    folder = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
@pytest.mark.parametrize(("name", "path"), FOLDED_PAGES)
def test_faq_and_glossary_fold_into_a_short_page_on_a_phone(site: str, tab: Page, viewport, tmp_path, name, path):
    tab.goto(site + path)
    height = tab.evaluate("document.documentElement.scrollHeight")
    assert height < PHONE_PAGE_LIMIT, f"{path}: {height} px high"
    folds = tab.locator("main details")
    assert folds.count() >= 15 and tab.locator("main details[open]").count() == 0
    # A citation opens the folded references at its source.
    cited = tab.locator("main details:has(a[href^='#ref-'])").first
    cited.locator("summary").click()
    cited.locator("a[href^='#ref-']").first.click()
    expect(tab.locator(".references__fold")).to_have_attribute("open", "")
    tab.locator(".references__fold > summary").click()
    cited.locator("summary").click()
    first = folds.first
    first.locator("summary").click()
    expect(first.locator("p").first).to_be_visible()
    if name.startswith("glossary"):
        letters = tab.get_by_role("navigation", name=re.compile("Terms by first letter|Términos por letra inicial"))
        letters.get_by_role("link", name="N", exact=True).click()
        expect(tab.locator("#letter-n")).to_be_in_viewport()
        text = tab.locator("main").inner_text()
        assert not re.search(r"\([^()]*\([^()]*\)\)", text), "a term in doubled parentheses"
        other = first.locator(".glossary__other span[lang]")
        expect(other).to_have_attribute("lang", "es" if name.endswith("en") else "en")
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    _keep(tab, name, viewport.width, tmp_path)
    assert_accessible(tab)


@pytest.mark.parametrize("path", ["/learn/faq/", "/es/aprender/glosario/"])
def test_folded_questions_open_without_javascript(site: str, browser: Browser, path: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    try:
        tab = context.new_page()
        tab.goto(site + path)
        item = tab.locator("main details").nth(2)
        answer = item.locator("summary + *")
        expect(answer).to_be_hidden()
        item.locator("summary").click()
        expect(answer).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("name", "path"),
    [("search-en", "/search/?q=dancing+eyes"), ("search-es", "/es/buscar/?q=wobbly")],
)
def test_search_results_with_the_help_box_and_the_other_language(
    site: str, tab: Page, viewport, tmp_path, name: str, path: str
):
    from omshub.search.indexing import reindex_all

    reindex_all()
    tab.goto(site + path)
    box = tab.locator(".search-help")
    expect(box).to_be_visible()
    expect(box.get_by_role("link")).to_have_attribute("href", re.compile(r"/(get-help-now|es/ayuda-ahora)/$"))
    if name == "search-es":
        expect(tab.get_by_role("heading", name="Resultados en inglés")).to_be_visible()
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    _keep(tab, name, viewport.width, tmp_path)
    assert_accessible(tab)
