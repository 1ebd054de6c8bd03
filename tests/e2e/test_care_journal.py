"""The care journal in Chromium: a parent signs up, records, reads the chart, downloads the visit
report, shares it with a clinician and takes the link back. Then every journal page, in English
and Spanish, through axe-core."""

import datetime
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.e2e.axe import assert_accessible

PASSWORD = "a long family passphrase 42"


def sign_up(tab: Page, site: str, email: str) -> None:
    tab.goto(site + "/accounts/signup/")
    tab.get_by_label("Email", exact=True).fill(email)
    tab.get_by_label("Password", exact=True).fill(PASSWORD)
    tab.get_by_label("Password (again)").fill(PASSWORD)
    tab.get_by_role("button", name="Sign Up", exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Verify")
    (message,) = [m for m in mail.outbox if email in m.to]
    link = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert link
    tab.goto(site + link.group(1))
    tab.get_by_role("button", name="Confirm").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Care journal")


def observe(tab: Page, day: datetime.date, level: int, notes: str = "") -> None:
    tab.get_by_role("link", name="Record an observation").click()
    expect(tab.get_by_text("parent observation", exact=False).first).to_be_visible()
    tab.get_by_label("Date").fill(day.isoformat())
    for index, radio_group in enumerate(tab.locator("fieldset.field").all()):
        radio_group.locator("input[type=radio]").nth((level + index) % 2 + level // 2).check()
    if notes:
        tab.get_by_text("Sleep, rage episodes, time and notes").click()
        tab.get_by_label("Notes (optional)").fill(notes)
    tab.get_by_role("button", name="Save", exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Leo")


def shot(tab: Page, name: str, width: int) -> None:
    if folder := os.environ.get("SCREENSHOT_DIR"):
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def test_a_parent_records_reads_the_trend_reports_and_shares(
    site: str, tab: Page, browser: Browser, viewport, console_errors, tmp_path: Path
) -> None:
    today = timezone.localdate()
    sign_up(tab, site, f"journal-{viewport.name}@example.com")
    tab.get_by_role("link", name="Add a child").click()
    tab.get_by_label("Your child's name or nickname").fill("Leo")
    tab.get_by_label("Birth year").fill("2024")
    tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Leo")

    # Three observations on different dates; the form explains a missing answer first.
    tab.get_by_role("link", name="Record an observation").click()
    tab.get_by_role("button", name="Save", exact=True).click()
    expect(tab.get_by_role("alert")).to_contain_text("Choose how standing and sitting looks today.")
    console_errors.clear()
    assert_accessible(tab)
    shot(tab, "journal-observation-errors", viewport.width)
    tab.goto(tab.url.split("/observations/")[0] + "/")
    for days_ago, level, notes in ((20, 2, "Could not sit up today"), (10, 1, ""), (0, 0, "Walked to the door")):
        observe(tab, today - datetime.timedelta(days=days_ago), level, notes)
    assert_accessible(tab)

    # An IVIG course with one infusion given.
    tab.get_by_role("link", name="Add a treatment").click()
    tab.get_by_label("IVIG (immunoglobulin)").check()
    tab.get_by_label("Dose, as prescribed").fill("2")
    tab.get_by_label("Unit").fill("g/kg")
    tab.get_by_label("How it is given").select_option("drip")
    tab.get_by_label("How often").fill("every 4 weeks")
    tab.get_by_label("Start date").fill((today - datetime.timedelta(days=15)).isoformat())
    tab.get_by_role("button", name="Save", exact=True).click()
    expect(tab.get_by_role("heading", name="Dose changes and infusions")).to_be_visible()
    assert_accessible(tab)
    tab.get_by_label("Infusion given").check()
    tab.locator("input[name=starts_on]").fill((today - datetime.timedelta(days=15)).isoformat())
    tab.get_by_role("button", name="Add", exact=True).click()
    expect(tab.get_by_role("cell", name="Infusion given")).to_be_visible()

    # The chart: three points, the IVIG band, its data table.
    tab.get_by_role("link", name="Cancel").click()
    expect(tab.locator("figure svg").first).to_be_visible()
    expect(tab.get_by_text("IVIG (immunoglobulin)").first).to_be_visible()
    tab.get_by_text("Show the values as a table").click()
    expect(tab.locator("figure table tbody tr")).to_have_count(3)
    assert_accessible(tab)
    shot(tab, "journal-dashboard", viewport.width)

    # The visit report as a PDF; its first page as a picture.
    tab.get_by_role("link", name="Visit report (PDF or CSV)").click()
    assert_accessible(tab)
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download the report").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Leo" in text and "IVIG" in text and "Walked to the door" in text
    if folder := os.environ.get("SCREENSHOT_DIR"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), f"{folder}/visit-report"],
            check=True,
        )

    # A share link, opened by the clinician in a fresh browser, then revoked.
    tab.goto(tab.url.split("/report/")[0] + "/share/")
    assert_accessible(tab)
    tab.get_by_label("Who is it for? (optional)").fill("Dr Rivera")
    tab.get_by_role("button", name="Make the link").click()
    address = tab.locator("input[readonly]").first.input_value()
    assert "/shared/" in address
    link = site + "/shared/" + address.split("/shared/", 1)[1]
    assert_accessible(tab)
    clinician = browser.new_context(viewport={"width": viewport.width, "height": viewport.height})
    page = clinician.new_page()
    first = page.goto(link)
    assert first is not None and first.status == 200
    assert first.headers["referrer-policy"] == "same-origin" and "no-store" in first.headers["cache-control"]
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leo")
    assert_accessible(page)
    shot(page, "journal-shared", viewport.width)
    tab.reload()
    expect(tab.get_by_text("Dr Rivera").first).to_be_visible()
    tab.get_by_role("button", name=re.compile("Revoke this link")).first.click()
    expect(tab.get_by_text("The link is revoked.")).to_be_visible()
    assert_accessible(tab)
    refused = page.goto(link)
    assert refused is not None and refused.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("no longer works")
    clinician.close()
    console_errors.clear()  # the refused link's 404


def journal_pages(child, records: dict, links: dict[str, str], language: str) -> list[str]:
    """Every page of the journal a family can reach, in `language`."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        pages = [reverse("journal:home"), reverse("journal:child_add"), reverse("journal:my_data")]
        for name in ("child", "entries", "report", "share", "circle", "activity", "child_edit", "videos"):
            pages.append(reverse(f"journal:{name}", args=[child.pk]))
        for kind, record in records.items():
            pages.append(reverse("journal:record_add", args=[child.pk, kind]))
            pages.append(reverse("journal:record_edit", args=[child.pk, kind, record.pk]))
            pages.append(reverse("journal:record_delete", args=[child.pk, kind, record.pk]))
        pages += [reverse("journal:shared", args=[token]) for token in links.values()]
    return pages


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_journal_page_passes_axe_in_english_and_spanish(
    site: str, tab: Page, viewport, console_errors, django_db_blocker, language: str
) -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from omshub.journal.demo import demo_child_load
    from omshub.journal.models import ClinicScore, Event, Observation, ShareLink, Treatment, token_digest

    email = f"axe-{language}@example.com"
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(email.split("@")[0], email, PASSWORD)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        child = demo_child_load(user, name="Ana", days=60, treatment_changes=8, events=3)
        records = {
            "observations": Observation.objects.filter(child=child).first(),
            "treatments": Treatment.objects.filter(child=child).first(),
            "events": Event.objects.filter(child=child).first(),
            "scores": ClinicScore.objects.filter(child=child).first(),
        }
        links = {"open": f"open-{language}-" + "a" * 40, "passcode": f"code-{language}-" + "b" * 40}
        for kind, token in links.items():
            ShareLink.objects.create(
                child=child,
                token_hash=token_digest(token),
                data_from=timezone.localdate() - datetime.timedelta(days=30),
                data_to=timezone.localdate(),
                passcode_hash=make_password("secret-42") if kind == "passcode" else "",
                expires_at=timezone.now() + datetime.timedelta(days=7),
            )
    prefix = "/es" if language == "es" else ""
    tab.goto(f"{site}{prefix}/accounts/login/")
    tab.locator("input[name=login]").fill(email)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main button.button--primary[type=submit]").click()
    expect(tab.locator("h1")).to_be_visible()
    for path in journal_pages(child, records, links, language):
        response = tab.goto(site + path)
        assert response is not None and response.status == 200, path
        expect(tab.locator("html")).to_have_attribute("lang", language)
        assert_accessible(tab)
