"""Staff's matching screens: a match set up in dollars, listed and filtered; matched gifts exported."""

import datetime

import pytest
from django.utils import timezone

from omshub.matching.models import Match, MatchAllocation
from tests.matching.helpers import a_match, pay, pending_gift

pytestmark = pytest.mark.django_db


def test_staff_set_a_match_in_dollars_and_never_write_the_counter(campaign, staff) -> None:
    now = timezone.localtime()
    form = {
        "campaign": campaign.pk,
        "sponsor": "Acme Health",
        "ratio": "1.00",
        "cap_cents": "25,000",
        "starts_at": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "ends_at": (now + datetime.timedelta(days=30)).strftime("%Y-%m-%d %H:%M"),
        "active": "on",
    }
    response = staff.post("/admin/matching/matches/new/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    match = Match.objects.get(sponsor="Acme Health")
    assert (match.cap_cents, match.spent_cents) == (2_500_000, 0)
    pay(pending_gift(campaign, 5000))
    response = staff.post(f"/admin/matching/matches/edit/{match.pk}/", form | {"cap_cents": "30,000"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.cap_cents, match.spent_cents) == (3_000_000, 5000)
    listing = staff.get("/admin/matching/matches/?active=true").content.decode()
    assert "Acme Health" in listing and "$50" in listing


def test_the_cap_cannot_go_below_what_is_matched(campaign, staff) -> None:
    match = a_match(campaign, cap_cents=10_000)
    pay(pending_gift(campaign, 5000))
    form = {
        "campaign": campaign.pk,
        "sponsor": match.sponsor,
        "ratio": "1.00",
        "cap_cents": "40",
        "starts_at": timezone.localtime(match.starts_at).strftime("%Y-%m-%d %H:%M"),
        "ends_at": timezone.localtime(match.ends_at).strftime("%Y-%m-%d %H:%M"),
        "active": "on",
    }
    response = staff.post(f"/admin/matching/matches/edit/{match.pk}/", form)
    assert response.status_code == 200
    assert "The cap cannot be less than what is already matched ($50)." in response.content.decode()
    match.refresh_from_db()
    assert match.cap_cents == 10_000


def test_matched_gifts_are_listed_and_exported_but_never_edited(campaign, staff) -> None:
    match = a_match(campaign, cap_cents=100_000)
    gift = pay(pending_gift(campaign, 5000))
    listing = staff.get(f"/admin/matching/gifts/?match={match.pk}").content.decode()
    assert gift.reference in listing
    export = staff.get("/admin/matching/gifts/?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Sponsor,Gift reference,Donor,Gift (USD),Matched (USD),Given back (USD)" in body
    assert f"Acme Health,{gift.reference},Donor 0,50.00,50.00,0.00" in body
    allocation = MatchAllocation.objects.get(donation=gift)
    assert staff.get(f"/admin/matching/gifts/edit/{allocation.pk}/").status_code in (302, 403)
