"""Staff edit and publish pages in the Wagtail admin under the site's strict CSP: a page's text, and a
campaign's goal typed in dollars that both languages then show."""

import re

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Page as WagtailPage

from omshub.giving.models import CampaignPage
from omshub.pages.models import StandardPage
from tests.e2e.axe import assert_accessible
from tests.factories import StaffFactory


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_editor_publishes_a_change(site: str, tab: Page, viewport, django_db_blocker):
    with django_db_blocker.unblock():  # committed, so that the live server sees them
        StaffFactory(username="editor")
        about = WagtailPage.objects.get(slug="about", locale__language_code="en")
        scratch = StandardPage(title="Editor scratch page", slug="editor-scratch", intro="Before.")
        about.add_child(instance=scratch)
        scratch.save_revision().publish()

    tab.goto(site + "/admin/")
    tab.get_by_label("Username").fill("editor")
    tab.get_by_label("Password").fill("correct horse battery staple")
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    expect(tab.get_by_role("navigation", name="Main menu")).to_be_visible()

    tab.goto(f"{site}/admin/pages/{scratch.pk}/edit/")
    intro = tab.get_by_role("textbox", name="Introduction")
    intro.fill("We are families who have lived through OMS.")
    tab.get_by_role("button", name="More actions").click()
    tab.get_by_role("button", name="Publish").click()
    expect(tab.get_by_text("has been published")).to_be_visible()

    tab.goto(site + "/about/editor-scratch/")
    expect(tab.get_by_text("We are families who have lived through OMS.")).to_be_visible()


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_a_volunteer_sets_the_goal_in_dollars_and_both_languages_show_it(
    site: str, tab: Page, viewport, django_db_blocker
):
    with django_db_blocker.unblock():
        StaffFactory(username="volunteer")
        english = CampaignPage.objects.get(locale__language_code="en")
        spanish = CampaignPage.objects.get(locale__language_code="es")
        goal_before = english.goal_cents
    try:
        tab.goto(site + "/admin/login/")
        tab.get_by_label("Username").fill("volunteer")
        tab.get_by_label("Password").fill("correct horse battery staple")
        tab.get_by_role("button", name="Sign in").click()
        expect(tab).to_have_url(re.compile(r"/admin/$"))

        tab.goto(f"{site}/admin/pages/{english.pk}/edit/")
        goal = tab.get_by_role("textbox", name="Goal in US dollars")
        expect(goal).to_have_value("250,000")
        goal.fill("1000")
        tab.get_by_role("button", name="More actions").click()
        tab.get_by_role("button", name="Publish").click()
        expect(tab.get_by_text("has been published")).to_be_visible()

        for page, words in ((english, "raised of $1,000"), (spanish, "$1,000")):
            tab.goto(site + page.url)
            expect(tab.locator(".progress__raised")).to_contain_text(words)
            assert_accessible(tab)

        tab.goto(f"{site}/admin/pages/{spanish.pk}/edit/")
        expect(tab.get_by_role("textbox", name="Goal in US dollars")).to_be_disabled()
        expect(tab.get_by_role("textbox", name="Goal in US dollars")).to_have_value("1,000")
    finally:
        with django_db_blocker.unblock():  # the demo is shared by the other browser tests
            english = CampaignPage.objects.get(pk=english.pk)
            english.goal_cents = goal_before
            english.save_revision().publish()
