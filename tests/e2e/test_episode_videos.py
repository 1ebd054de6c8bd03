"""Episode videos in Chromium: a parent uploads a clip from the page (a renamed PDF is refused first),
a clinician plays and seeks it through a share link in a fresh browser (the seek is a 206 answer),
and once the link is revoked the clip is refused."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, Response, expect

from tests.e2e.axe import assert_accessible
from tests.e2e.test_care_journal import PASSWORD, shot

CLIP = Path(__file__).parent.parent / "journal" / "fixtures" / "episode.webm"


@pytest.fixture
def family(django_db_blocker, viewport, settings, tmp_path) -> tuple[str, int]:
    """A signed-up parent (verified address) with a child, and the clips kept in a folder of this test's own."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from omshub.journal import services

    settings.STORAGES = {
        **settings.STORAGES,
        "journal_videos": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    email = f"videos-{viewport.name}@example.com"
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(email.split("@")[0], email, PASSWORD)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        child = services.child_create(
            user=user, name="Mia", birth_year=2023, birth_month=5, diagnosed_on=None, tumour_found="unknown"
        )
    return email, child.pk


def sign_in(tab: Page, site: str, email: str) -> None:
    tab.goto(site + "/accounts/login/")
    tab.locator("input[name=login]").fill(email)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main button.button--primary[type=submit]").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Care journal")


def test_a_clip_is_uploaded_played_with_a_seek_by_the_clinician_and_refused_once_revoked(
    site: str, tab: Page, browser: Browser, viewport, family, console_errors, tmp_path: Path
) -> None:
    email, child_id = family
    sign_in(tab, site, email)
    tab.goto(f"{site}/journal/children/{child_id}/")
    tab.get_by_role("link", name="Add an episode video").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Episode videos")

    # A PDF called clip.mp4 is refused by its bytes, with the date and time kept.
    fake = tmp_path / "clip.mp4"
    fake.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    filmed = timezone.localdate() - datetime.timedelta(days=2)
    tab.get_by_label("Video of the episode").set_input_files(str(fake))
    tab.get_by_label("Date filmed").fill(filmed.isoformat())
    tab.get_by_label("Time filmed (optional)").fill("19:20")
    tab.get_by_role("button", name="Upload the video").click()
    expect(tab.get_by_role("alert")).to_contain_text("This file is not a video we can keep")
    expect(tab.get_by_label("Time filmed (optional)")).to_have_value("19:20")
    expect(tab.get_by_label("Date filmed")).to_have_value(filmed.isoformat())
    assert_accessible(tab)

    # The real clip.
    tab.get_by_label("Video of the episode").set_input_files(str(CLIP))
    tab.get_by_role("button", name="Upload the video").click()
    expect(tab.get_by_text("The video is saved.")).to_be_visible()
    expect(tab.locator("video")).to_have_count(1)
    day_shown = tab.locator(".clip__caption strong").first.inner_text()
    assert day_shown.startswith("Filmed ") and "7:20" in day_shown
    assert_accessible(tab)
    shot(tab, "journal-videos", viewport.width)

    # A share link, opened in a fresh browser by the clinician.
    tab.goto(f"{site}/journal/children/{child_id}/share/")
    tab.get_by_label("Who is it for? (optional)").fill("Dr Rivera")
    tab.get_by_role("button", name="Make the link").click()
    address = tab.locator("input[readonly]").first.input_value()
    link = site + "/shared/" + address.split("/shared/", 1)[1]
    clinician = browser.new_context(viewport={"width": viewport.width, "height": viewport.height})
    page = clinician.new_page()
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    answers: list[Response] = []
    page.on("response", lambda r: answers.append(r) if "/videos/" in r.url else None)
    page.goto(link)
    expect(page.get_by_role("heading", name="Episode videos")).to_be_visible()
    video = page.locator("video").first
    video.scroll_into_view_if_needed()
    expect(page.get_by_text(re.compile(r"^Filmed .*7:20"))).to_be_visible()
    played = video.evaluate(
        """async (v) => {
            v.muted = true;
            await v.play();
            v.pause();
            await new Promise((done) => { v.addEventListener("seeked", done, { once: true }); v.currentTime = 2.2; });
            return { time: v.currentTime, duration: v.duration, ready: v.readyState };
        }"""
    )
    assert played["duration"] == pytest.approx(3, abs=0.2) and played["time"] == pytest.approx(2.2, abs=0.3)
    clip_url = video.evaluate("v => v.currentSrc")
    assert any(r.status == 206 and r.url == clip_url for r in answers), [(r.url, r.status) for r in answers]
    ranged = clinician.request.get(clip_url, headers={"Range": "bytes=1000-1999"})
    assert ranged.status == 206 and ranged.headers["content-range"].endswith(f"/{CLIP.stat().st_size}")
    assert ranged.body() == CLIP.read_bytes()[1000:2000]
    assert "no-store" in ranged.headers["cache-control"] and ranged.headers["accept-ranges"] == "bytes"
    page.evaluate("window.scrollTo(0, 0)")
    assert_accessible(page)
    shot(page, "journal-shared-video", viewport.width)

    # Revoked: the page and the clip are gone.
    tab.reload()
    tab.get_by_role("button", name=re.compile("Revoke this link")).first.click()
    expect(tab.get_by_text("The link is revoked.")).to_be_visible()
    refused = clinician.request.get(clip_url, headers={"Range": "bytes=0-"})
    assert refused.status == 404 and refused.body() == b""
    gone = page.goto(link)
    assert gone is not None and gone.status == 404
    clinician.close()
    console_errors.clear()  # the refused link's 404
