"""Staff edit and publish a page in the Wagtail admin under the site's strict CSP."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import StaffFactory


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_editor_publishes_a_change(site: str, tab: Page, viewport):
    StaffFactory(username="editor")
    tab.goto(site + "/admin/")
    tab.get_by_label("Username").fill("editor")
    tab.get_by_label("Password").fill("correct horse battery staple")
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    expect(tab.get_by_role("navigation", name="Main menu")).to_be_visible()

    from wagtail.models import Page as WagtailPage

    about = WagtailPage.objects.get(slug="about")
    tab.goto(f"{site}/admin/pages/{about.pk}/edit/")
    intro = tab.get_by_role("textbox", name="Introduction")
    intro.fill("We are families who have lived through OMS.")
    tab.get_by_role("button", name="More actions").click()
    tab.get_by_role("button", name="Publish").click()
    expect(tab.get_by_text("has been published")).to_be_visible()

    tab.goto(site + "/about/")
    expect(tab.get_by_text("We are families who have lived through OMS.")).to_be_visible()
