"""Signing staff in to the admin in the browser: allauth's form, then the authenticator code."""

from playwright.sync_api import Page, expect

from omshub.accounts.two_factor import totp_code

PASSWORD = "correct horse battery staple"  # tests.factories' password


def sign_in_to_admin(tab: Page, site: str, user, password: str = PASSWORD) -> None:
    tab.goto(site + "/admin/")
    tab.get_by_label("Email", exact=True).fill(user.email)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Sign In", exact=True).click()
    tab.get_by_label("Code", exact=True).fill(totp_code(user.totp_secret))
    tab.get_by_role("button", name="Sign In", exact=True).click()
    expect(tab.get_by_role("navigation", name="Main menu")).to_be_visible()
