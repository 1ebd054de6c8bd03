"""The awareness video: a local poster, and YouTube's privacy-enhanced player only after a click."""

import pytest
from django.db import connection
from playwright.sync_api import Page, Route, expect
from wagtail.models import Page as WagtailPage

from omshub.pages.models import StandardPage
from tests.e2e.axe import assert_accessible


@pytest.fixture(scope="module")
def video_page(site, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        about = WagtailPage.objects.get(slug="about", locale__language_code="en")
        page = StandardPage(
            title="Awareness video",
            slug="awareness-video-e2e",
            body=[{"type": "video", "value": {"youtube_id": "abcdefghijk", "title": "OMS in two minutes"}}],
        )
        about.add_child(instance=page)
        page.save_revision().publish()
        connection.close()  # a module-scoped connection would outlive the test database
    return site + "/about/awareness-video-e2e/"


def test_video_plays_only_after_a_click(video_page: str, tab: Page):
    requested: list[str] = []

    def stand_in_player(route: Route) -> None:  # no network here: answer for YouTube
        requested.append(route.request.url)
        route.fulfill(body="<p>player</p>")

    tab.route("**/*youtube*/**", stand_in_player)
    tab.goto(video_page)
    assert_accessible(tab)
    assert requested == []
    tab.get_by_role("link", name="Play: OMS in two minutes").click()
    frame = tab.locator("iframe.video__frame")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1")
    expect(frame).to_be_focused()
