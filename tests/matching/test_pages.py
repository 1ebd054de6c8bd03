"""What donors read about a match: the form's banner, the thank-you page's truth, the campaign's totals."""

import pytest
from django.test import Client
from django.utils import translation

from omshub.core.templatetags.money import money
from omshub.giving.models import CampaignPage, Donation
from omshub.giving.selectors import campaign_progress
from tests.giving.fixtures import donate_url, give
from tests.matching.helpers import a_match, pay, pending_gift

pytestmark = pytest.mark.django_db


def thank_you_url(campaign: CampaignPage, donation: Donation) -> str:
    with translation.override(campaign.locale.language_code):
        return campaign.url + campaign.reverse_subpage("thank_you", args=[donation.reference])


def paid_on_the_thank_you_page(campaign, fake_stripe, *, live: bool = True, amount: str = "5000") -> str:
    """A gift made on the form and paid; the thank-you page (which completes it) as its donor sees it."""
    client = Client()
    donation = give(campaign, client=client, amount=amount)
    if live:  # the fake provider is in test mode; a live gift is what a match takes from
        Donation.objects.filter(pk=donation.pk).update(is_test=False)
    fake_stripe.complete(donation.checkout_id)
    response = client.get(thank_you_url(campaign, donation))
    assert response.status_code == 200
    return response.content.decode()


def test_the_form_says_doubled_only_while_the_match_is_open_and_has_room(
    campaign, fake_stripe, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        match = a_match(campaign, cap_cents=5000)
    assert "Your gift is doubled by Acme Health" in Client().get(donate_url(campaign)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        pay(pending_gift(campaign, 5000))  # spends the whole cap
    assert "Acme Health" not in Client().get(donate_url(campaign)).content.decode()
    match.refresh_from_db()
    match.cap_cents, match.active = 100_000, False
    with django_capture_on_commit_callbacks(execute=True):
        match.save()  # as staff would: the page reads the match afresh
    assert "Acme Health" not in Client().get(donate_url(campaign)).content.decode()


def test_a_half_match_says_so_in_english_and_spanish(
    campaign, demo, fake_stripe, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        a_match(campaign, cap_cents=100_000, ratio="0.50")
    assert "Your gift is matched 50% by Acme Health" in Client().get(donate_url(campaign)).content.decode()
    spanish = CampaignPage.objects.filter(translation_key=campaign.translation_key).exclude(pk=campaign.pk).first()
    assert spanish is not None and spanish.live
    html = Client().get(donate_url(spanish)).content.decode()
    assert "Su donación se iguala en un 50% gracias a Acme Health" in html


def test_the_thank_you_page_says_what_was_matched(campaign, fake_stripe) -> None:
    a_match(campaign, cap_cents=100_000)
    assert "Acme Health matched your gift: $50 more for the campaign." in paid_on_the_thank_you_page(
        campaign, fake_stripe
    )


def test_when_the_cap_ran_short_during_checkout_the_page_tells_the_truth(campaign, fake_stripe) -> None:
    a_match(campaign, cap_cents=7000)
    pay(pending_gift(campaign, 5000, n=1))
    assert "Acme Health matched $20 of your gift, the last of its match." in paid_on_the_thank_you_page(
        campaign, fake_stripe
    )
    html = paid_on_the_thank_you_page(campaign, fake_stripe)
    assert "had run out by the time your gift arrived, so it was not matched" in html
    assert "doubled" not in html


def test_a_test_gift_is_told_it_was_not_matched(campaign, fake_stripe) -> None:
    match = a_match(campaign, cap_cents=100_000)
    assert "Test gifts are not matched by Acme Health." in paid_on_the_thank_you_page(campaign, fake_stripe, live=False)
    match.refresh_from_db()
    assert match.spent_cents == 0


def test_the_campaign_page_shows_raised_matched_and_both(
    campaign, fake_stripe, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        a_match(campaign, cap_cents=100_000)
        pay(pending_gift(campaign, 5100))
    raised = campaign_progress(campaign=campaign, include_test=True).raised_cents  # the test-mode page counts all
    html = Client().get(campaign.url).content.decode()
    section = html[html.index('id="match-heading"') :]
    assert "Matched by Acme Health" in section
    assert f"<dd>{money(raised, 'usd')}</dd>" in section
    assert "<dd>$51</dd>" in section
    assert f"<dd>{money(raised + 5100, 'usd')}</dd>" in section
