"""A monthly donor manages their giving in Chromium, at a phone and a desktop width: from the link
in the receipt email to their page, last year's statement downloaded as a PDF, and the monthly gift
stopped (asked twice) with a confirmation email. A spent link is refused with a way to get a new
one. Every page passes axe-core."""

import datetime
import io
import os
from pathlib import Path

from django.core import mail
from django.test import Client
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from omshub.giving.models import CampaignPage
from tests.e2e.axe import assert_accessible
from tests.giving.donor_portal import last_year_gift, link_in
from tests.giving.fixtures import give


def _shot(tab: Page, name: str, width: int) -> None:
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def _emails_to(address: str, words: str) -> list:
    return [m for m in mail.outbox if m.to == [address] and words in m.subject]


def test_a_monthly_donor_stops_their_gift_and_gets_last_years_statement(
    site: str, tab: Page, viewport, console_errors, django_db_blocker
) -> None:
    email = f"portal-{viewport.name}@example.com"
    year = datetime.date.today().year - 1
    with django_db_blocker.unblock():
        campaign = CampaignPage.objects.get(slug="chla-neurology", locale__language_code="en")
        last_year_gift(campaign, email, 6000, f"portal-{viewport.name}")
        client = Client()
        monthly = give(campaign, client, frequency="monthly", amount="2500", email=email)
        client.post(f"/payments/test-checkout/{monthly.checkout_id}/", {"action": "succeed"})
    (receipt,) = [m for m in mail.outbox if m.to == [email] and monthly.receipt_number in m.body]

    tab.goto(site + link_in(str(receipt.body), r"https?://\S+/my-giving/"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Manage my giving")
    assert_accessible(tab)
    tab.get_by_label("The email you gave with your gift").fill(email)
    tab.get_by_role("button", name="Email me a link").click()
    expect(tab.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(tab)

    (link_mail,) = _emails_to(email, "manage your giving")
    link = link_in(str(link_mail.body))
    tab.goto(site + link)
    assert_accessible(tab)
    tab.get_by_role("button", name="Show my giving").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("My giving")
    expect(tab.get_by_text("$25 each month")).to_be_visible()
    assert_accessible(tab)
    _shot(tab, "donor-page", viewport.width)

    with tab.expect_download() as download:
        tab.get_by_role("link", name=f"{year} statement (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert f"Giving statement {year}" in text and "$60" in text
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(f"{folder}/statement.pdf").write_bytes(pdf)

    tab.get_by_role("button", name="Change amount or card, or stop").click()
    expect(tab.get_by_role("heading", name="Your monthly gifts")).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("button", name="Stop this monthly gift").click()
    expect(tab.get_by_role("heading", name="Stop this monthly gift?")).to_be_visible()
    expect(tab.get_by_text("Are you sure")).to_be_visible()
    assert_accessible(tab)
    _shot(tab, "portal-confirm", viewport.width)
    tab.get_by_role("button", name="Yes, stop my monthly gift").click()
    expect(tab.get_by_text("Stopped", exact=True)).to_be_visible()
    (stopped,) = _emails_to(email, "monthly gift has stopped")
    assert "$25" in stopped.body

    tab.get_by_role("link", name="Back to the site").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("My giving")
    expect(tab.get_by_text("Stopped on")).to_be_visible()
    assert_accessible(tab)

    tab.goto(site + link)  # the link again: spent
    expect(tab.get_by_role("heading", name="This link no longer works")).to_be_visible()
    expect(tab.get_by_role("button", name="Email me a link")).to_be_visible()
    assert console_errors == ["Failed to load resource: the server responded with a status of 410 (Gone)"]
    console_errors.clear()
    assert_accessible(tab)
