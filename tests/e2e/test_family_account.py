"""A parent creates a family account in Chromium: sign up, an error kept beside its field, the
emailed verification link, the care journal, then a child's profile (an error first).
axe-core on every page on the way."""

import os
import re

from django.core import mail
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible


def test_a_parent_signs_up_and_verifies_the_email(site: str, tab: Page, viewport, console_errors) -> None:
    email = f"family-{viewport.name}@example.com"
    tab.goto(site + "/accounts/signup/")
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(tab)

    tab.get_by_label("Email", exact=True).fill(email)
    tab.get_by_label("Password", exact=True).fill("a long family passphrase 42")
    tab.get_by_label("Password (again)").fill("something else entirely 42")
    tab.get_by_role("button", name="Sign Up", exact=True).click()
    expect(tab.locator(".field__error").first).to_be_visible()
    expect(tab.get_by_label("Email", exact=True)).to_have_value(email)
    console_errors.clear()  # the form's answer to bad input may be a 4xx
    assert_accessible(tab)
    if folder := os.environ.get("SCREENSHOT_DIR"):
        tab.screenshot(path=f"{folder}/signup-errors-{viewport.width}.png", full_page=True)

    tab.get_by_label("Password", exact=True).fill("a long family passphrase 42")
    tab.get_by_label("Password (again)").fill("a long family passphrase 42")
    tab.get_by_role("button", name="Sign Up", exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Verify")
    assert_accessible(tab)

    (message,) = [m for m in mail.outbox if email in m.to]
    link = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert link
    tab.goto(site + link.group(1))
    assert_accessible(tab)
    tab.get_by_role("button", name="Confirm").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Care journal")
    assert_accessible(tab)

    tab.get_by_role("link", name="Add a child").click()
    tab.get_by_label("Your child's name or nickname").fill("Sofia")
    tab.get_by_label("Birth year").fill("1890")
    tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_role("alert")).to_contain_text("Enter the year your child was born")
    expect(tab.get_by_label("Your child's name or nickname")).to_have_value("Sofia")
    console_errors.clear()
    assert_accessible(tab)
    tab.get_by_label("Birth year").fill("2023")
    tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sofia")
    assert_accessible(tab)
    if folder := os.environ.get("SCREENSHOT_DIR"):
        tab.screenshot(path=f"{folder}/journal-child-{viewport.width}.png", full_page=True)
