"""Reads about matches: the offer shown on the donation form and thank-you page, the campaign's
matched total, and what a gift was matched. The offer and total are cached until a gift of
the campaign (or the match itself) next changes: no query on a warm campaign page."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from omshub.giving.models import CampaignPage, Donation
from omshub.giving.selectors import gifts_version
from omshub.matching.models import Match, MatchAllocation

LOGO_SPEC = "max-240x96"


@dataclass(frozen=True)
class Offer:
    sponsor: str
    logo_url: str
    doubles: bool
    percent: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room_cents: int

    def is_open(self, moment: datetime.datetime | None = None) -> bool:
        moment = moment or timezone.now()
        return self.room_cents > 0 and self.starts_at <= moment < self.ends_at


@dataclass(frozen=True)
class Matching:
    offers: tuple[Offer, ...]
    matched_cents: int

    def open_offer(self) -> Offer | None:
        """The offer a gift made now would take from (the earliest open one with room), if any."""
        now = timezone.now()
        return next((offer for offer in self.offers if offer.is_open(now)), None)

    @property
    def sponsors(self) -> list[str]:
        return list(dict.fromkeys(offer.sponsor for offer in self.offers))


def _logo_url(match: Match) -> str:
    if match.logo is None:
        return ""
    try:
        return str(match.logo.get_rendition(LOGO_SPEC).url)
    except Exception:  # a missing or unreadable file: the name alone is shown
        return ""


def _read(campaign: CampaignPage) -> Matching:
    matches = list(
        Match.objects.filter(campaign__translation_key=campaign.translation_key)
        .select_related("logo")
        .order_by("starts_at", "pk")
    )
    offers = tuple(
        Offer(
            sponsor=match.sponsor,
            logo_url=_logo_url(match),
            doubles=match.doubles,
            percent=match.percent,
            starts_at=match.starts_at,
            ends_at=match.ends_at,
            room_cents=match.room_cents,
        )
        for match in matches
        if match.active
    )
    return Matching(offers=offers, matched_cents=sum(match.spent_cents for match in matches))


def campaign_matching(campaign: CampaignPage) -> Matching:
    """The campaign's offers and matched total, read afresh after any gift or match changes."""
    key = f"matching:{campaign.translation_key}:{gifts_version(campaign)}"
    matching = cache.get(key)
    if matching is None:
        matching = _read(campaign)
        cache.set(key, matching, 3600)
    return matching


def gift_match(donation: Donation) -> MatchAllocation | None:
    return MatchAllocation.objects.filter(donation=donation).select_related("match").first()


def live_allocations_total(match: Match) -> int:
    """The sum of what the match's gifts hold (taken less given back): always its spent counter."""
    figures = MatchAllocation.objects.filter(match=match).aggregate(
        taken=Sum("amount_cents"), back=Sum("returned_cents")
    )
    return (figures["taken"] or 0) - (figures["back"] or 0)


@dataclass(frozen=True)
class GiftMatch:
    """What the thank-you page says about a paid gift and the match: the truth, as recorded."""

    sponsor: str
    matched_cents: int = 0
    cut_by_cap: bool = False  # the pool ran short: only what was left
    missed: bool = False  # the pool ran out before the gift was paid
    test: bool = False  # test gifts never take from a match


def thank_you_match(donation: Donation) -> GiftMatch | None:
    allocation = gift_match(donation)
    if allocation is not None:
        if allocation.live_cents <= 0:
            return None  # refunded: nothing of the match is left to mention
        match = allocation.match
        return GiftMatch(
            sponsor=match.sponsor,
            matched_cents=allocation.live_cents,
            cut_by_cap=allocation.amount_cents < match.share_of(donation.gift_cents),
        )
    moment = donation.succeeded_at or timezone.now()
    match = (
        Match.objects.filter(
            campaign__translation_key=donation.campaign_key, active=True, starts_at__lte=moment, ends_at__gt=moment
        )
        .order_by("starts_at", "pk")
        .first()
    )
    if match is None:
        return None
    return GiftMatch(sponsor=match.sponsor, missed=not donation.is_test, test=donation.is_test)
