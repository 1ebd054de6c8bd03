"""A match's pool: what each paid gift takes (once), what a refund gives back, and the counter."""

import datetime

import pytest
from django.utils import timezone

from omshub.giving.services import staff as staff_services
from omshub.matching.models import Match, MatchAllocation
from omshub.matching.selectors import live_allocations_total
from tests.matching.helpers import a_match, pay, pending_gift, refund

pytestmark = pytest.mark.django_db


def test_a_paid_gift_is_doubled_once_even_when_paid_twice(campaign) -> None:
    match = a_match(campaign, cap_cents=100_000)
    gift = pending_gift(campaign, 5000)
    pay(gift)
    pay(gift)  # a duplicate event
    allocation = MatchAllocation.objects.get(donation=gift)
    assert allocation.amount_cents == 5000
    match.refresh_from_db()
    assert match.spent_cents == 5000 == live_allocations_total(match)


def test_the_ratio_rounds_down_and_the_covered_fee_is_not_matched(campaign) -> None:
    match = a_match(campaign, cap_cents=100_000, ratio="0.50")
    gift = pending_gift(campaign, 2001, fee_cents=91)
    pay(gift)
    assert MatchAllocation.objects.get(donation=gift).amount_cents == 1000  # half of $20.01, rounded down
    match.refresh_from_db()
    assert match.spent_cents == 1000


def test_the_last_gift_gets_what_is_left_and_the_next_gets_nothing(campaign) -> None:
    match = a_match(campaign, cap_cents=7000)
    first, second, third = (pending_gift(campaign, 5000, n=n) for n in range(3))
    for gift in (first, second, third):
        pay(gift)
    assert MatchAllocation.objects.get(donation=first).amount_cents == 5000
    assert MatchAllocation.objects.get(donation=second).amount_cents == 2000
    assert not MatchAllocation.objects.filter(donation=third).exists()
    match.refresh_from_db()
    assert match.spent_cents == 7000 == match.cap_cents == live_allocations_total(match)


def test_test_gifts_closed_and_inactive_matches_take_nothing(campaign) -> None:
    now = timezone.now()
    a_match(campaign, cap_cents=10_000, active=False)
    a_match(campaign, cap_cents=10_000, starts_at=now + datetime.timedelta(hours=1))
    a_match(
        campaign,
        cap_cents=10_000,
        ends_at=now - datetime.timedelta(minutes=1),
        starts_at=now - datetime.timedelta(days=2),
    )
    pay(pending_gift(campaign, 5000, n=1))
    live = a_match(campaign, cap_cents=10_000)
    pay(pending_gift(campaign, 5000, is_test=True, n=2))
    assert not MatchAllocation.objects.exists()
    assert sum(Match.objects.values_list("spent_cents", flat=True)) == 0
    live.refresh_from_db()
    assert live.spent_cents == 0


def test_a_partial_refund_gives_back_its_share_and_a_full_refund_the_rest(campaign) -> None:
    match = a_match(campaign, cap_cents=100_000)
    gift = pay(pending_gift(campaign, 5000))
    refund(gift, 2000)
    allocation = MatchAllocation.objects.get(donation=gift)
    assert (allocation.amount_cents, allocation.returned_cents, allocation.returned_at) == (5000, 2000, None)
    refund(gift, 2000)  # the same refund reported again: nothing more
    refund(gift, 5000)
    allocation.refresh_from_db()
    assert allocation.returned_cents == 5000 and allocation.returned_at is not None
    match.refresh_from_db()
    assert match.spent_cents == 0 == live_allocations_total(match)


def test_a_refund_makes_room_for_the_next_gift(campaign) -> None:
    match = a_match(campaign, cap_cents=5000)
    first = pay(pending_gift(campaign, 5000, n=1))
    refund(first, 5000)
    second = pay(pending_gift(campaign, 3000, n=2))
    assert MatchAllocation.objects.get(donation=second).amount_cents == 3000
    match.refresh_from_db()
    assert match.spent_cents == 3000 == live_allocations_total(match)


def test_an_offline_gift_refunded_by_hand_gives_back_its_match(campaign, admin_user) -> None:
    match = a_match(campaign, cap_cents=100_000)
    gift = staff_services.donation_record_offline(
        campaign=campaign,
        amount_cents=4000,
        method="check",
        donor_name="Luz Paz",
        email="",
        received_on=timezone.localdate(),
        note="",
        anonymous=False,
        entry_key="match-offline",
        actor=admin_user,
    )
    assert MatchAllocation.objects.get(donation=gift).amount_cents == 4000
    staff_services.donation_refund(
        provider=None, donation=gift, amount_cents=1000, request_key="r1", actor=admin_user, reason=""
    )
    match.refresh_from_db()
    assert match.spent_cents == 3000 == live_allocations_total(match)


def test_a_staff_edit_never_writes_back_a_stale_counter(campaign) -> None:
    match = a_match(campaign, cap_cents=100_000)
    stale = Match.objects.get(pk=match.pk)
    pay(pending_gift(campaign, 5000))
    stale.sponsor = "Acme Health Foundation"
    stale.save()
    match.refresh_from_db()
    assert (match.sponsor, match.spent_cents) == ("Acme Health Foundation", 5000)
