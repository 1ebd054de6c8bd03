"""The demo foundation loads in both languages, and loading it again changes nothing."""

from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from omshub.core.models import FoundationSettings
from omshub.giving.models import CampaignPage
from omshub.pages.models import HomePage


def test_demo_builds_the_site_in_english_and_spanish(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    spanish = Locale.objects.get(language_code="es")
    for key, page in demo.items():
        translation = page.get_translation(spanish)
        assert translation.live, key
        assert translation.title != page.title, key
    campaign = CampaignPage.objects.get(locale__language_code="en")
    assert campaign.title == "Children's Hospital Los Angeles — Division of Neurology"
    assert campaign.goal_cents > 0
    foundation = FoundationSettings.for_site(site)
    assert all([foundation.facebook_url, foundation.twitter_url, foundation.instagram_url, foundation.youtube_url])


def test_loading_twice_keeps_staff_edits_and_adds_nothing(demo, capsys):
    about = demo["about"].specific
    about.intro = "Edited by staff."
    about.save_revision().publish()
    pages_before = Page.objects.count()
    call_command("load_demo")
    first_output = capsys.readouterr().out
    call_command("load_demo")
    second_output = capsys.readouterr().out
    assert Page.objects.count() == pages_before
    about.refresh_from_db()
    assert about.intro == "Edited by staff."
    assert "password:" in first_output  # the admin login is printed once...
    assert "password:" not in second_output  # ...and never again


def test_demo_loads_into_an_empty_database(db):
    from omshub.giving.models import Donation
    from omshub.pages.demo import demo_foundation_load

    Donation.objects.all().delete()  # gifts protect their campaign from deletion
    Site.objects.all().delete()
    Page.objects.all().delete()
    pages = demo_foundation_load()
    assert Site.objects.get(is_default_site=True).root_page_id == pages["home"].pk
