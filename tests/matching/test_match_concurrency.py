"""Races on PostgreSQL: 200 gifts paid at once against a cap that runs out among them, then
refunds at once. The match row's lock spends the pool exactly to its cap, never beyond, and
gives back exactly what the refunded gifts took.

These tests commit their data (other connections must see it) and remove it afterwards.
SQLite has no row locks and serialises writers, so they run on PostgreSQL only.
"""

import random
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from django.db import connection

from omshub.core.models import OutboxEmail
from omshub.giving.models import CampaignPage, Donation
from omshub.matching.models import Match, MatchAllocation
from omshub.matching.selectors import live_allocations_total
from tests.concurrency import all_at_once
from tests.matching.helpers import a_match, pay, pending_gift, refund

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")

GIFTS = 200
GIFT_CENTS = 5000
CAP_CENTS = 100 * GIFT_CENTS + 2525  # runs out in the middle: 100 whole matches and part of one


@pytest.fixture
def committed(demo_site, django_db_blocker) -> Iterator[dict[str, Any]]:
    made: dict[str, Any] = {}
    with django_db_blocker.unblock():
        campaign = CampaignPage.objects.get(pk=demo_site["campaign"])
        match = a_match(campaign, cap_cents=CAP_CENTS, sponsor="Race Sponsor")
        gifts = [pending_gift(campaign, GIFT_CENTS, n=9000 + n) for n in range(GIFTS)]
        made |= {"match": match, "gifts": gifts}
        try:
            yield made
        finally:
            ids = [gift.pk for gift in gifts]
            references = [gift.reference for gift in gifts]
            MatchAllocation.objects.filter(match=match).delete()
            Match.objects.filter(pk=match.pk).delete()
            refunds = [f"refund:{r}:{cents}" for r in references for cents in (2000, GIFT_CENTS)]
            OutboxEmail.objects.filter(key__in=[f"receipt:{r}" for r in references] + refunds).delete()
            Donation.objects.filter(pk__in=ids).delete()
            connection.close()


def test_200_gifts_at_once_spend_the_pool_exactly_to_its_cap_and_refunds_give_back_exactly(committed) -> None:
    match: Match = committed["match"]
    gifts: list[Donation] = committed["gifts"]
    # 200 payments, 20 connections at a time (the server's connections are shared), all racing.
    for start in range(0, GIFTS, 20):
        all_at_once([partial(pay, gift) for gift in gifts[start : start + 20]])

    match.refresh_from_db()
    allocations = list(MatchAllocation.objects.filter(match=match))
    assert Donation.objects.filter(pk__in=[g.pk for g in gifts], status="succeeded").count() == GIFTS
    assert match.spent_cents == CAP_CENTS
    assert sum(a.amount_cents for a in allocations) == CAP_CENTS == live_allocations_total(match)
    assert all(0 < a.amount_cents <= GIFT_CENTS for a in allocations)
    assert sorted(a.amount_cents for a in allocations) == [2525] + [GIFT_CENTS] * 100
    assert len({a.donation_id for a in allocations}) == len(allocations) == 101

    # Refunds at once: 30 matched gifts in full, 10 in part ($20 of $50), and 10 unmatched gifts.
    matched = {a.donation_id: a for a in allocations if a.amount_cents == GIFT_CENTS}
    matched_ids = sorted(matched)
    full, part = matched_ids[:30], matched_ids[30:40]
    unmatched = [g.pk for g in gifts if g.pk not in {a.donation_id for a in allocations}][:10]
    by_id = {g.pk: Donation.objects.get(pk=g.pk) for g in gifts}
    work: list[Callable[[], object]] = [partial(refund, by_id[pk], GIFT_CENTS) for pk in full + unmatched]
    work += [partial(refund, by_id[pk], 2000) for pk in part]
    work += [partial(refund, by_id[pk], GIFT_CENTS) for pk in full[:10]]  # the same refunds reported twice
    random.Random(7).shuffle(work)  # full, partial, repeated and unmatched refunds in the same rounds
    # 20 connections at a time again (the server's 100 are shared with other test runs), all racing.
    for start in range(0, len(work), 20):
        all_at_once(work[start : start + 20])

    expected_back = 30 * GIFT_CENTS + 10 * 2000
    match.refresh_from_db()
    assert match.spent_cents == CAP_CENTS - expected_back == live_allocations_total(match)
    returned = {a.donation_id: a.returned_cents for a in MatchAllocation.objects.filter(match=match)}
    assert all(returned[pk] == GIFT_CENTS for pk in full)
    assert all(returned[pk] == 2000 for pk in part)
    assert sum(returned.values()) == expected_back
    assert not MatchAllocation.objects.filter(donation_id__in=unmatched).exists()
