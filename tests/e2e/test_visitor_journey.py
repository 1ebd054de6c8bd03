"""A visitor reads the site on a phone and on a desktop, in English and in Spanish."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible

SECTIONS = ["Learn", "Get help now", "Donate", "Get involved", "About us"]
SECCIONES = ["Aprender", "Ayuda ahora", "Donar", "Participe", "Quiénes somos"]


def _main_nav(tab: Page):
    return tab.get_by_role("navigation", name=re.compile("^(Main|Principal)$"))


def test_visitor_follows_every_section_and_both_languages(site: str, tab: Page):
    tab.goto(site + "/")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Act early")
    assert_accessible(tab)

    for label in SECTIONS:
        _main_nav(tab).get_by_role("link", name=label, exact=True).click()
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
        expect(_main_nav(tab).get_by_role("link", name=label, exact=True)).to_have_attribute("aria-current", "page")
        assert_accessible(tab)

    # On "About us", switch to Spanish: the same page in Spanish, then back.
    tab.get_by_role("link", name="Español").click()
    expect(tab).to_have_url(re.compile(r"/es/quienes-somos/$"))
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    for label in SECCIONES:
        expect(_main_nav(tab).get_by_role("link", name=label, exact=True)).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("link", name="English").click()
    expect(tab).to_have_url(re.compile(r"/about/$"))

    # The footer carries the foundation's four social links.
    footer = tab.get_by_role("contentinfo")
    for network in ["Facebook", "X (Twitter)", "Instagram", "YouTube"]:
        link = footer.get_by_role("link", name=network)
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", re.compile(r"^https://"))


def test_spanish_visitor_reaches_the_campaign_from_the_home_page(site: str, tab: Page):
    tab.goto(site + "/es/")
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(tab)
    tab.get_by_role("link", name="Ver la campaña").click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("División de Neurología")
    expect(tab.locator(".progress")).to_contain_text("de la meta")
    assert_accessible(tab)


def test_skip_link_and_focus_are_visible(site: str, tab: Page):
    tab.goto(site + "/")
    tab.keyboard.press("Tab")
    skip = tab.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline == "solid"
    tab.keyboard.press("Enter")
    expect(tab.locator("main")).to_be_focused()


def test_missing_page_is_friendly_and_accessible(site: str, tab: Page, console_errors: list[str]):
    response = tab.goto(site + "/no-such-page/")
    assert response is not None and response.status == 404
    assert console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    console_errors.clear()
    expect(tab.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    assert_accessible(tab)


def test_a_parent_finds_the_care_journal_from_the_public_site(site: str, tab: Page):
    # From the "While you wait" topic's diary advice, in Spanish: the journal asks to sign in first.
    tab.goto(site + "/es/aprender/mientras-espera/")
    tab.get_by_role("main").get_by_role("link", name="diario de cuidados", exact=True).click()
    expect(tab).to_have_url(re.compile(r"/es/accounts/login/\?next=/es/diario/$"))
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(tab)
    # From the footer of any page, in English.
    tab.goto(site + "/learn/")
    tab.get_by_role("contentinfo").get_by_role("link", name="Open the care journal").click()
    expect(tab).to_have_url(re.compile(r"/accounts/login/\?next=/journal/$"))
