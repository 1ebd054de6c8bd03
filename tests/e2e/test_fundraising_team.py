"""A team at a desktop width: one member starts a team with her page, another joins it from the
team's page, donors give through both pages, and the campaign's leaderboards order the members
and show the team's total. axe-core on every page visited."""

import os
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible
from tests.e2e.photos import phone_photo
from tests.factories import UserFactory

CAMPAIGN = "/donate/chla-neurology/"
PASSWORD = "correct horse battery staple"  # tests.factories' password


def _shot(tab: Page, name: str, width: int) -> None:
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def _member(django_db_blocker, name: str):
    with django_db_blocker.unblock():
        user = UserFactory(username=name)
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def _sign_in(tab: Page, site: str, user, path: str) -> None:
    tab.context.clear_cookies()
    tab.goto(site + "/accounts/login/?next=" + path)
    tab.get_by_label("Email", exact=True).fill(user.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign In", exact=True).click()


def _page(tab: Page, *, name: str, title: str, story: str) -> None:
    tab.get_by_label("Your name as shown on the page").fill(name)
    tab.get_by_label("Title of your page (optional)").fill(title)
    tab.get_by_label("Why are you raising money?").fill(story)
    tab.get_by_label("Your goal in US dollars").fill("1,000")


def _give(tab: Page, site: str, short_path: str, amount: str, donor: str) -> None:
    tab.context.clear_cookies()
    tab.goto(site + short_path)
    tab.get_by_role("link", name="Give now").click()
    tab.get_by_text(f"${amount}", exact=True).click()
    tab.get_by_label("Your full name").fill(donor)
    tab.get_by_label("Your email", exact=True).fill(f"{donor.split()[0].lower()}@example.com")
    tab.get_by_role("button", name=f"Give ${amount}").click()
    tab.get_by_role("button", name="Pay now (succeeds)").click()
    expect(tab.get_by_role("heading", name=f"Thank you, {donor}")).to_be_visible()


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_a_team_of_two_and_the_campaigns_leaderboard(
    site: str, tab: Page, viewport, django_db_blocker, tmp_path
) -> None:
    first, second = _member(django_db_blocker, "captain"), _member(django_db_blocker, "teammate")

    _sign_in(tab, site, first, "/fundraise/")
    _page(tab, name="Elena Ruiz", title="Elena walks for OMS", story="Our school walks for children with OMS.")
    tab.get_by_label("A photo (optional)").set_input_files(phone_photo(tmp_path))
    tab.get_by_label("Describe the photo (optional)").fill("Our class at the start line")
    tab.get_by_label("Yes, I am starting a team").check()
    expect(tab.get_by_label("Team to join")).to_be_hidden()
    tab.get_by_label("Name of the new team").fill("Lincoln Elementary")
    tab.get_by_label("Team goal in US dollars").fill("5,000")
    assert_accessible(tab)
    tab.get_by_role("button", name="Create my page").click()
    first_path = re.sub(r"^https?://[^/]+", "", tab.locator(".fr-short__url").inner_text())

    tab.goto(site + first_path)
    tab.get_by_role("link", name="Lincoln Elementary").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Lincoln Elementary")
    team_path = re.sub(r"^https?://[^/]+", "", tab.url)
    assert_accessible(tab)

    _sign_in(tab, site, second, team_path)
    tab.get_by_role("link", name="Join this team").click()
    expect(tab.get_by_label("Yes, I am joining a team")).to_be_checked()
    expect(tab.get_by_label("Team to join")).to_have_value(re.compile(r"\d+"))
    _page(tab, name="Sam Park", title="Sam's miles for Lincoln", story="I run a mile for every dollar.")
    tab.get_by_role("button", name="Create my page").click()
    second_path = re.sub(r"^https?://[^/]+", "", tab.locator(".fr-short__url").inner_text())

    _give(tab, site, first_path, "50", "Ana Gómez")
    _give(tab, site, second_path, "100", "Luis Ortega")
    _give(tab, site, second_path, "25", "Marta Vidal")

    tab.goto(site + CAMPAIGN)
    boards = tab.get_by_role("region", name="Fundraise with us")
    pages = boards.locator('[data-board="pages"] li')
    expect(pages.nth(0)).to_contain_text("Sam's miles for Lincoln")
    expect(pages.nth(0)).to_contain_text("$125")
    expect(pages.nth(1)).to_contain_text("Elena walks for OMS")
    expect(pages.nth(1)).to_contain_text("$50")
    expect(boards.locator('[data-board="teams"] li').first).to_contain_text("Lincoln Elementary")
    expect(boards.locator('[data-board="teams"] li').first).to_contain_text("$175")
    assert_accessible(tab)

    tab.goto(site + team_path)
    members = tab.locator(".fr-members__item")
    expect(members.nth(0)).to_contain_text("Sam's miles for Lincoln")
    expect(tab.locator(".progress__raised strong")).to_have_text("$175")
    assert_accessible(tab)
    _shot(tab, "fundraising-team", viewport.width)
    tab.set_viewport_size({"width": 375, "height": 812})
    _shot(tab, "fundraising-team", 375)
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.goto(site + first_path)
    assert_accessible(tab)
    _shot(tab, "fundraising-page", viewport.width)
    tab.set_viewport_size({"width": 375, "height": 812})
    _shot(tab, "fundraising-page", 375)
