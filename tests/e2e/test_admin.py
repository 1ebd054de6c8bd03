"""Staff edit and publish a page in the Wagtail admin under the site's strict CSP."""

import re

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Page as WagtailPage

from omshub.pages.models import StandardPage
from tests.e2e.staff import sign_in_to_admin
from tests.factories import StaffFactory


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_editor_publishes_a_change(site: str, tab: Page, viewport, django_db_blocker):
    with django_db_blocker.unblock():  # committed, so that the live server sees them
        editor = StaffFactory(username="editor")
        about = WagtailPage.objects.get(slug="about", locale__language_code="en")
        scratch = StandardPage(title="Editor scratch page", slug="editor-scratch", intro="Before.")
        about.add_child(instance=scratch)
        scratch.save_revision().publish()

    sign_in_to_admin(tab, site, editor)
    expect(tab).to_have_url(re.compile(r"/admin/$"))

    tab.goto(f"{site}/admin/pages/{scratch.pk}/edit/")
    intro = tab.get_by_role("textbox", name="Introduction")
    intro.fill("We are families who have lived through OMS.")
    tab.get_by_role("button", name="More actions").click()
    tab.get_by_role("button", name="Publish").click()
    expect(tab.get_by_text("has been published")).to_be_visible()

    tab.goto(site + "/about/editor-scratch/")
    expect(tab.get_by_text("We are families who have lived through OMS.")).to_be_visible()
