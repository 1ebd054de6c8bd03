"""The campaign page's leaderboards: in order, read afresh when a gift completes, and within the
page's query budget (≤ 10) however many fundraising pages, teams and gifts there are."""

import random
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from omshub.fundraising.cache import fundraising_changed
from omshub.fundraising.models import FundraisingPage, Status, Team
from omshub.fundraising.selectors import campaign_leaderboards
from omshub.giving.cache import gifts_changed
from omshub.giving.models import Donation
from tests.factories import UserFactory
from tests.fundraising.helpers import create_page, give_on, pay, supporter

pytestmark = pytest.mark.django_db
CAMPAIGN = "/donate/chla-neurology/"


def _crowd(campaign, *, pages: int, teams: int, gifts: int) -> None:
    owner: Any = UserFactory(username="crowd")
    key = campaign.translation_key
    team_rows = Team.objects.bulk_create(
        [
            Team(campaign=campaign, campaign_key=key, name=f"Team {n}", goal_cents=100000, created_by=owner)
            for n in range(teams)
        ]
    )
    page_rows = FundraisingPage.objects.bulk_create(
        [
            FundraisingPage(
                slug=f"crowd{n}",
                owner=owner,
                campaign=campaign,
                campaign_key=key,
                team=team_rows[n % teams],
                title=f"Page {n}",
                owner_name=f"Person {n}",
                story="Why",
                goal_cents=50000,
            )
            for n in range(pages)
        ]
    )
    rng = random.Random(13)
    now = timezone.now()
    Donation.objects.bulk_create(
        [
            Donation(
                campaign=campaign,
                campaign_key=key,
                status=Donation.Status.SUCCEEDED,
                amount_cents=rng.randint(500, 20000),
                donor_name="Donor",
                email=f"donor{n}@example.com",
                is_test=True,
                fundraiser=(page := page_rows[n % pages]),
                fundraising_team_id=page.team_id,
                succeeded_at=now,
            )
            for n in range(gifts)
        ],
        batch_size=1000,
    )


def test_the_campaign_page_stays_within_its_query_budget_with_1000_pages_100_teams_and_10000_gifts(
    campaign, django_assert_max_num_queries
) -> None:
    _crowd(campaign, pages=1000, teams=100, gifts=10_000)
    client = Client()
    client.get(CAMPAIGN)  # the process warm (Wagtail's site and our small content caches), as in tests/pages
    # Cold leaderboards: what every gift that completes, or page that changes, leaves behind.
    gifts_changed(campaign.translation_key)
    fundraising_changed(campaign.translation_key)
    with django_assert_max_num_queries(10) as cold_queries:
        cold = client.get(CAMPAIGN)
    with django_assert_max_num_queries(10) as warm_queries:
        warm = client.get(CAMPAIGN)
    assert len(cold_queries) - len(warm_queries) == 2, "the gift lists and both leaderboards, one query each"
    for response in (cold, warm):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Top fundraisers" in html and "Top teams" in html
    boards = campaign_leaderboards(campaign=campaign, include_test=True)
    assert len(boards.pages) == 10 and len(boards.teams) == 10
    raised = [leader.raised_cents for leader in boards.pages]
    assert raised == sorted(raised, reverse=True)
    top = FundraisingPage.objects.get(slug=boards.pages[0].slug)
    total = sum(d.amount_cents for d in Donation.objects.filter(fundraiser=top))
    assert boards.pages[0].raised_cents == total


def test_a_completed_gift_moves_the_leaderboard_at_once(campaign, django_capture_on_commit_callbacks) -> None:
    _, first_owner = supporter("first")
    _, second_owner = supporter("second")
    first = create_page(first_owner, title="First page")
    second = create_page(second_owner, title="Second page")
    donor = Client()
    with django_capture_on_commit_callbacks(execute=True):
        pay(give_on(first, donor), donor)
    html = Client().get(CAMPAIGN).content.decode()
    assert html.index("First page") < html.find("Top teams") if "Top teams" in html else True
    assert "Second page" not in html  # nothing raised yet
    with django_capture_on_commit_callbacks(execute=True):
        pay(give_on(second, donor, amount="10000"), donor)
    html = Client().get(CAMPAIGN).content.decode()
    assert html.index("Second page") < html.index("First page")


def test_an_unpublished_page_leaves_the_leaderboard(campaign, django_capture_on_commit_callbacks) -> None:
    _, owner = supporter()
    page = create_page(owner, title="Soon hidden")
    donor = Client()
    with django_capture_on_commit_callbacks(execute=True):
        pay(give_on(page, donor), donor)
    assert "Soon hidden" in Client().get(CAMPAIGN).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page.status = Status.UNPUBLISHED
        page.save()
    assert "Soon hidden" not in Client().get(CAMPAIGN).content.decode()
