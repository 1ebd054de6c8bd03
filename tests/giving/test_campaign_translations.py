"""One campaign in two languages: the Spanish page takes its goal, dates and preset amounts from
the English page, its translator changes text only, and a gift on either page counts on both."""

import datetime

import pytest
from django.test import Client
from wagtail.models import Locale

from omshub.giving.campaign_translations import presets_matched
from omshub.giving.models import CampaignAmount, CampaignPage, Donation
from omshub.giving.selectors import campaign_progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(campaign) -> CampaignPage:
    return campaign.get_translation(Locale.objects.get(language_code="es")).specific


def _publish(page: CampaignPage) -> CampaignPage:
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def test_a_new_english_goal_shows_on_the_spanish_page(campaign, spanish) -> None:
    assert "250.000\u00a0US$" in Client().get(spanish.url).content.decode()
    campaign.goal_cents = 30_000_000
    campaign.ends_on = campaign.starts_on + datetime.timedelta(days=100)
    _publish(campaign)
    spanish = CampaignPage.objects.get(pk=spanish.pk)
    assert (spanish.goal_cents, spanish.ends_on) == (30_000_000, campaign.ends_on)
    html = Client().get(spanish.url).content.decode()
    assert "300.000\u00a0US$" in html and "250.000\u00a0US$" not in html


def test_the_translator_cannot_change_the_goal_dates_or_amounts(campaign, spanish) -> None:
    spanish.goal_cents = 100
    spanish.starts_on = datetime.date(2001, 1, 1)
    rows = list(spanish.amounts.order_by("sort_order"))
    rows[0].amount_cents = 1
    spanish.amounts.set(rows)
    spanish = _publish(spanish)
    assert (spanish.goal_cents, spanish.starts_on) == (campaign.goal_cents, campaign.starts_on)
    english = [(a.frequency, a.amount_cents) for a in campaign.amounts.order_by("sort_order")]
    assert [(a.frequency, a.amount_cents) for a in spanish.amounts.order_by("sort_order")] == english


def test_english_preset_changes_reach_the_spanish_page_and_keep_its_text(campaign, spanish) -> None:
    nurse = spanish.amounts.get(amount_cents=5000, frequency="once").impact
    assert "enfermera" in nurse
    rows = list(campaign.amounts.order_by("sort_order"))
    rows[1].amount_cents = 6000  # the nurse educator's preset now costs $60
    rows.append(
        CampaignAmount(frequency="monthly", amount_cents=10000, impact="helps fund a family day", sort_order=len(rows))
    )
    campaign.amounts.set(rows)
    _publish(campaign)
    spanish_rows = list(CampaignPage.objects.get(pk=spanish.pk).amounts.order_by("sort_order"))
    assert [(a.frequency, a.amount_cents) for a in spanish_rows] == [(a.frequency, a.amount_cents) for a in rows]
    assert spanish_rows[1].impact == nurse, "the translated text follows its preset"
    assert spanish_rows[-1].impact == "helps fund a family day", "a new preset shows in English until translated"


def test_a_gift_on_either_page_counts_on_both(campaign, spanish) -> None:
    before = campaign_progress(campaign=campaign, include_test=False).raised_cents
    for page, cents in ((spanish, 2000), (campaign, 3000)):
        Donation.objects.create(
            campaign=page, amount_cents=cents, donor_name="Ana", email=f"{cents}@example.com",
            status=Donation.Status.SUCCEEDED,
        )  # fmt: skip
    english_total = campaign_progress(campaign=campaign, include_test=False)
    spanish_total = campaign_progress(campaign=spanish, include_test=False)
    assert english_total == spanish_total
    assert english_total.raised_cents == before + 5000 and english_total.goal_cents == campaign.goal_cents


def test_the_translation_form_shows_shared_fields_read_only(admin_client, campaign, spanish) -> None:
    spanish_form = admin_client.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()
    english_form = admin_client.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()
    assert "change it on the English page" in spanish_form
    assert "change it on the" not in english_form
    goal_input = next(line for line in spanish_form.split("<input") if 'name="goal' in line)
    assert "disabled" in goal_input


def test_presets_pair_by_amount_then_by_place() -> None:
    source = [CampaignAmount(frequency="once", amount_cents=c) for c in (2500, 6000, 9000)]
    own = [CampaignAmount(frequency="once", amount_cents=c, impact=t) for c, t in ((5000, "b"), (2500, "a"))]
    assert [row.impact if row else None for row in presets_matched(source, own)] == ["a", "b", None]
