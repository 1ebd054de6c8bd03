"""A matching sponsor in Chromium: the donation form's banner and the campaign page's totals,
at a phone and a desktop width, each passing axe-core. Screenshots kept with SCREENSHOT_DIR."""

import datetime
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from omshub.giving.models import CampaignPage
from omshub.matching.cache import matches_changed
from omshub.matching.models import Match
from tests.e2e.axe import assert_accessible

CAMPAIGN = "/donate/chla-neurology/"


@pytest.fixture
def match(site: str, django_db_blocker) -> Iterator[Match]:
    with django_db_blocker.unblock():
        campaign = CampaignPage.objects.get(url_path__endswith="/chla-neurology/", locale__language_code="en")
        now = timezone.now()
        made = Match.objects.create(
            campaign=campaign,
            sponsor="Acme Health Foundation",
            ratio=Decimal("1.00"),
            cap_cents=2_500_000,
            starts_at=now - datetime.timedelta(days=1),
            ends_at=now + datetime.timedelta(days=30),
        )
        matches_changed(campaign.translation_key)
        try:
            yield made
        finally:
            Match.objects.filter(pk=made.pk).delete()
            matches_changed(campaign.translation_key)


def _shot(tab: Page, name: str, width: int) -> None:
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def test_the_form_and_the_campaign_page_show_the_match(site: str, tab: Page, viewport, console_errors, match) -> None:
    tab.goto(site + CAMPAIGN + "give/")
    expect(tab.locator(".match-banner")).to_contain_text("Your gift is doubled by Acme Health Foundation")
    assert_accessible(tab)
    _shot(tab, "match-banner", viewport.width)

    tab.goto(site + CAMPAIGN)
    section = tab.locator(".match-total")
    expect(section).to_contain_text("Matched by Acme Health Foundation")
    expect(section).to_contain_text("Total with the match")
    assert_accessible(tab)
    section.scroll_into_view_if_needed()
    if folder := os.environ.get("SCREENSHOT_DIR"):
        section.screenshot(path=f"{folder}/match-total-{viewport.width}.png")
