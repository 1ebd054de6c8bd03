"""Every public page renders in both languages with the header, switcher and footer."""

import pytest

from tests.factories import StandardPageFactory

ENGLISH = ["/", "/learn/", "/get-help-now/", "/donate/", "/donate/chla-neurology/", "/get-involved/", "/about/"]
SPANISH = [
    "/es/",
    "/es/aprender/",
    "/es/ayuda-ahora/",
    "/es/donar/",
    "/es/donar/chla-neurologia/",
    "/es/participe/",
    "/es/quienes-somos/",
]


@pytest.mark.parametrize("url", ENGLISH + SPANISH)
def test_public_page_renders(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    language = "es" if url.startswith("/es/") else "en"
    assert f'<html lang="{language}">' in html
    assert 'class="skip-link" href="#main"' in html
    assert "https://www.facebook.com/" in html and "https://www.youtube.com/" in html
    assert '<meta name="description" content="' in html


def test_header_links_lead_to_the_five_sections(client, demo):
    html = client.get("/").content.decode()
    for label, url in [
        ("Learn", "/learn/"),
        ("Get help now", "/get-help-now/"),
        ("Donate", "/donate/"),
        ("Get involved", "/get-involved/"),
        ("About us", "/about/"),
    ]:
        assert f'href="{url}">{label}</a>' in html


def test_language_switcher_points_at_the_translation(client, demo):
    html = client.get("/about/").content.decode()
    assert 'href="/es/quienes-somos/" lang="es" hreflang="es">Español</a>' in html
    html = client.get("/es/quienes-somos/").content.decode()
    assert 'href="/about/" lang="en" hreflang="en">English</a>' in html


def test_language_switcher_falls_back_to_the_home_page_without_a_translation(client, demo):
    StandardPageFactory(parent=demo["about"], title="Only in English", slug="only-english")
    html = client.get("/about/only-english/").content.decode()
    assert 'href="/es/" lang="es" hreflang="es">Español</a>' in html


def test_not_found_page_speaks_the_visitors_language(client, demo):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert "No pudimos encontrar esa página" in response.content.decode()


def test_campaign_shows_goal_and_beneficiary(client, demo):
    html = client.get("/donate/chla-neurology/").content.decode()
    assert "$250,000" in html
    assert "Children&#x27;s Hospital Los Angeles, Division of Neurology" in html


def test_campaign_index_lists_only_open_campaigns(client, demo):
    import datetime

    campaign = demo["campaign"].specific
    campaign.ends_on = datetime.date(2000, 12, 31)
    campaign.starts_on = datetime.date(2000, 1, 1)
    campaign.save_revision().publish()
    html = client.get("/donate/").content.decode()
    assert campaign.title.replace("'", "&#x27;") not in html
    assert "No campaign is open right now" in html


def test_spanish_home_page_shows_the_goal_in_dollars(client, demo):
    assert "Meta: 250.000\u00a0US$" in client.get("/es/").content.decode()
