"""With the page cache off, pages still reuse what only published content decides: the header,
footer and home page body (template fragments), the home page's buttons and campaign teaser,
and whether a page is restricted. Each is forgotten as soon as a change commits, and a
draft's preview never reaches visitors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from omshub.core.models import FoundationSettings
from tests.factories import StandardPageFactory


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def test_a_warm_home_page_spends_three_queries(client, demo):
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    # Wagtail's own: the site for the host, the active locale, the home page's fields.
    assert len(captured) == 3, [q["sql"][:80] for q in captured]


def test_home_page_body_and_buttons_change_once_published(client, demo, committed):
    assert "A sentence published just now." not in client.get("/").content.decode()
    home = demo["home"].specific
    home.body = _paragraph("A sentence published just now.")
    home.primary_action_label = "Start here today"
    with committed():
        home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "A sentence published just now." in html
    assert ">Start here today</a>" in html


def test_a_new_section_appears_in_the_header_at_once(client, demo, committed):
    assert "Newly in the menu" not in client.get("/about/").content.decode()
    with committed():
        StandardPageFactory(parent=demo["home"], title="Newly in the menu", show_in_menus=True)
    assert 'class="main-nav__link" href="/newly-in-the-menu/">Newly in the menu</a>' in (
        client.get("/about/").content.decode()
    )


def test_the_footer_follows_the_site_settings(client, demo, committed):
    client.get("/about/")
    foundation = FoundationSettings.for_site(Site.objects.get(is_default_site=True))
    foundation.name = "Dancing Eyes Foundation"
    with committed():
        foundation.save()
    assert '<p class="site-footer__name">Dancing Eyes Foundation</p>' in client.get("/about/").content.decode()


def test_header_marks_each_pages_own_section_and_language(client, demo):
    about = client.get("/about/").content.decode()
    learn = client.get("/learn/").content.decode()
    assert 'href="/about/" aria-current="page">' in about and 'href="/learn/" aria-current="page">' not in about
    assert 'href="/learn/" aria-current="page">' in learn and 'href="/about/" aria-current="page">' not in learn
    spanish = client.get("/es/quienes-somos/").content.decode()
    assert 'href="/about/" lang="en" hreflang="en">English</a>' in spanish


def test_a_drafts_preview_shows_the_draft_and_never_reaches_visitors(client, demo):
    client.get("/")  # the live body is remembered
    home = Page.objects.get(pk=demo["home"].pk).specific
    home.body = _paragraph("Only in the draft.")
    home.primary_action_label = "Draft button"
    home.save_revision()  # not published
    preview = home.make_preview_request()
    assert "Only in the draft." in preview.content.decode()
    assert ">Draft button</a>" in preview.content.decode()
    live = client.get("/").content.decode()
    assert "Only in the draft." not in live and "Draft button" not in live


def test_a_restriction_on_an_ancestor_takes_effect_at_once(client, demo, committed):
    child = StandardPageFactory(parent=demo["about"], title="Board minutes", slug="board-minutes")
    assert client.get("/about/board-minutes/").status_code == 200  # remembered: not restricted
    with committed():
        restriction = PageViewRestriction.objects.create(page=demo["about"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/board-minutes/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    with committed():
        restriction.delete()
    assert client.get(child.url).status_code == 200


@pytest.mark.parametrize("key", ["about", "learn", "help"])
def test_every_pages_body_changes_once_published(client, demo, committed, key):
    page = demo[key].specific
    url = page.url
    assert client.get(url).status_code == 200  # the body is remembered
    page.body = _paragraph(f"Fresh words for {key}.")
    with committed():
        page.save_revision().publish()
    assert f"Fresh words for {key}." in client.get(url).content.decode()


def test_a_campaign_drafts_preset_amounts_stay_in_its_preview(client, demo):
    from omshub.giving.models import CampaignAmount, CampaignPage

    campaign = CampaignPage.objects.get(pk=demo["campaign"].pk)
    campaign.amounts.set([CampaignAmount(amount_cents=98_700, impact="Only in the draft")])
    campaign.save_revision()  # not published
    preview = campaign.make_preview_request().content.decode()  # first: nothing remembered yet
    assert "Only in the draft" in preview
    for path in (campaign.url, campaign.url + "donate/"):
        assert "Only in the draft" not in client.get(path).content.decode()
