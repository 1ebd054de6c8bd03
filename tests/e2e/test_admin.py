"""Staff edit and publish pages in the Wagtail admin under the site's strict CSP: a page's text, a
campaign's goal typed in dollars that both languages then show, and medical pages through a reviewer."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect
from wagtail.models import Page as WagtailPage

from omshub.giving.models import CampaignPage
from omshub.pages.models import StandardPage, TopicPage
from omshub.pages.services import EDITORS, MEDICAL_REVIEWERS
from tests.e2e.axe import assert_accessible
from tests.e2e.staff import sign_in_to_admin
from tests.factories import StaffFactory, UserFactory, staff_ready


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


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_a_medical_page_waits_for_a_reviewer_who_signs_it_off(site: str, tab: Page, viewport, django_db_blocker):
    with django_db_blocker.unblock():  # committed, so that the live server sees them
        editor: Any = UserFactory(username="writer")
        editor.groups.add(Group.objects.get(name=EDITORS))
        staff_ready(editor)
        reviewer: Any = UserFactory(username="dr-okafor", first_name="Chidi", last_name="Okafor")
        reviewer.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))
        staff_ready(reviewer)
        learn = WagtailPage.objects.get(slug="learn", locale__language_code="en")
        topic = TopicPage(
            title="Review scratch topic",
            slug="review-scratch",
            summary="Before the review.",
            body=[{"type": "paragraph", "value": "<p>OMS is rare. [1]</p>"}],
            references=[{"type": "reference", "value": {"label": "Source A.", "url": "https://doi.org/10.1/a"}}],
        )
        learn.add_child(instance=topic)
        topic.save_revision().publish()

    def sign_in(user: Any) -> None:
        tab.context.clear_cookies()
        sign_in_to_admin(tab, site, user)
        expect(tab).to_have_url(re.compile(r"/admin/$"))

    sign_in(editor)
    tab.goto(f"{site}/admin/pages/{topic.pk}/edit/")
    tab.get_by_role("textbox", name="Summary").fill("Checked wording, waiting for a clinician.")
    tab.get_by_role("button", name="More actions").click()
    expect(tab.get_by_role("button", name="Publish")).to_have_count(0)
    tab.get_by_role("button", name="Submit to Medical review").click()
    expect(tab.get_by_text("has been submitted for moderation")).to_be_visible()

    tab.goto(site + "/learn/review-scratch/")
    expect(tab.get_by_text("Before the review.")).to_be_visible()  # the change is not live yet
    expect(tab.get_by_text("Awaiting clinical review")).to_be_visible()

    sign_in(reviewer)
    tab.goto(f"{site}/admin/pages/{topic.pk}/edit/")
    tab.get_by_role("button", name="More actions").click()
    tab.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(tab.get_by_text("Page 'Review scratch topic' has been updated.")).to_be_visible()

    tab.goto(site + "/learn/review-scratch/")
    expect(tab.get_by_text("Checked wording, waiting for a clinician.")).to_be_visible()
    record = tab.locator(".review-record")
    expect(record).to_contain_text("Reviewed by")
    expect(record).to_contain_text("Chidi Okafor")
    expect(record).to_contain_text("Page last reviewed")
    expect(record).to_contain_text(str(timezone.localdate().year))
    assert_accessible(tab)


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_a_volunteer_sets_the_goal_in_dollars_and_both_languages_show_it(
    site: str, tab: Page, viewport, django_db_blocker
):
    with django_db_blocker.unblock():
        volunteer = StaffFactory(username="volunteer")
        english = CampaignPage.objects.get(locale__language_code="en")
        spanish = CampaignPage.objects.get(locale__language_code="es")
        goal_before = english.goal_cents
    try:
        sign_in_to_admin(tab, site, volunteer)
        expect(tab).to_have_url(re.compile(r"/admin/$"))

        tab.goto(f"{site}/admin/pages/{english.pk}/edit/")
        goal = tab.get_by_role("textbox", name="Goal in US dollars")
        expect(goal).to_have_value("250,000")
        goal.fill("1000")
        tab.get_by_role("button", name="More actions").click()
        tab.get_by_role("button", name="Publish").click()
        expect(tab.get_by_text("has been published")).to_be_visible()

        for page, words in ((english, "raised of $1,000"), (spanish, "1.000\u00a0US$")):
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
