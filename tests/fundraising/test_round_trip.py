"""Through Stripe (the fake over real HTTP): a gift made on a fundraising page keeps its page and
team after the round trip and the webhooks, and every monthly renewal counts for them too."""

import pytest

from omshub.fundraising.selectors import page_progress, team_progress
from omshub.giving.models import Donation
from omshub.giving.selectors import campaign_progress
from tests.fundraising.helpers import create_page, give_on, supporter

pytestmark = pytest.mark.django_db


def test_a_monthly_gift_on_a_team_members_page_and_its_renewal_count_for_both(campaign, fake_stripe, webhooks):
    _, owner = supporter()
    page = create_page(owner, team_choice="new", team_name="The Riveras", team_goal="2,000")
    assert page.team is not None
    before = campaign_progress(campaign=campaign, include_test=True).raised_cents
    donation = give_on(page, frequency="monthly", amount="2500")
    assert (donation.provider, donation.fundraiser, donation.fundraising_team) == ("stripe", page, page.team)
    session = fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    webhooks.send("invoice.paid", session["invoice"])
    renewal = fake_stripe.renew(session["subscription"], 2500)
    webhooks.send("invoice.paid", renewal["id"])
    webhooks.send("invoice.paid", renewal["id"], event_id="evt_again")
    (renewed,) = Donation.objects.filter(invoice_id=renewal["id"])
    assert (renewed.fundraiser, renewed.fundraising_team) == (page, page.team)
    assert page_progress(page=page, include_test=True).raised_cents == 5000
    assert team_progress(team=page.team, include_test=True).raised_cents == 5000
    assert campaign_progress(campaign=campaign, include_test=True).raised_cents == before + 5000
