"""Bad input in the browser (issue 18): an impossible day in the entries list and a share link
that would end in year 9999 are explained on the page, which stays accessible, at phone and desktop widths."""

import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible
from tests.e2e.test_care_journal import PASSWORD, shot

BAD_REQUEST = "Failed to load resource: the server responded with a status of 400 (Bad Request)"


def test_impossible_dates_are_explained(site: str, tab: Page, viewport, console_errors, django_db_blocker) -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from omshub.journal.demo import demo_child_load

    email = f"bad-input-{viewport.name}@example.com"
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(email.split("@")[0], email, PASSWORD)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        child = demo_child_load(user, name="Ana", days=20, treatment_changes=2, events=1)
    tab.goto(f"{site}/accounts/login/")
    tab.locator("input[name=login]").fill(email)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main button.button--primary[type=submit]").click()
    expect(tab.locator("h1")).to_be_visible()

    response = tab.goto(f"{site}/journal/children/{child.pk}/entries/?before=2026-02-30")
    assert response is not None and response.status == 400
    expect(tab.get_by_role("alert")).to_contain_text("Showing the newest entries instead.")
    expect(tab.locator(".entry-list__item").first).to_be_visible()
    assert_accessible(tab)
    shot(tab, "journal-entries-impossible-day", viewport.width)
    assert console_errors == [BAD_REQUEST]
    console_errors.clear()

    tab.goto(f"{site}/journal/children/{child.pk}/share/")
    tab.get_by_label("Records until").fill("9999-12-31")
    tab.get_by_role("button", name="Make the link").click()
    last = timezone.localdate() + datetime.timedelta(days=366)
    expect(tab.locator("main")).to_contain_text("Enter a date from Jan. 1, 1900 to")
    expect(tab.locator("main")).to_contain_text(str(last.year))
    expect(tab.get_by_label("Records until")).to_have_value("9999-12-31")  # what was typed is kept
    assert_accessible(tab)
    shot(tab, "journal-share-far-date", viewport.width)
    assert console_errors == [BAD_REQUEST]
    console_errors.clear()
