"""Reads about matches: the offer shown on the donation form, the campaign page's sponsors
(cached until staff next change a match: no query on the campaign page), and what a gift
was matched. The campaign's matched total is summed with its raised total, in the same
query (giving.selectors.campaign_progress)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import F, Sum
from django.utils import timezone
from wagtail.images.models import SourceImageIOError

from omshub.giving.models import CampaignPage, Donation
from omshub.matching.cache import matches_version
from omshub.matching.models import Match, MatchAllocation

LOGO_SPEC = "max-240x96"


@dataclass(frozen=True)
class Offer:
    sponsor: str
    logo_url: str
    doubles: bool
    percent: str


def _logo_url(match: Match) -> str:
    if match.logo is None:
        return ""
    try:
        return str(match.logo.get_rendition(LOGO_SPEC).url)
    except SourceImageIOError:  # the file is missing: the name alone is shown
        return ""


def _offer(match: Match) -> Offer:
    return Offer(sponsor=match.sponsor, logo_url=_logo_url(match), doubles=match.doubles, percent=match.percent)


def _campaign_matches(campaign: CampaignPage) -> Any:
    return Match.objects.filter(campaign__translation_key=campaign.translation_key).select_related("logo")


def open_offer(campaign: CampaignPage) -> Offer | None:
    """The offer a gift made now would take from (the earliest open one with room), if any.
    Read live: the form never promises a match whose pool is already spent."""
    now = timezone.now()
    match = (
        _campaign_matches(campaign)
        .filter(active=True, starts_at__lte=now, ends_at__gt=now, spent_cents__lt=F("cap_cents"))
        .order_by("starts_at", "pk")
        .first()
    )
    return _offer(match) if match is not None else None


def campaign_sponsors(campaign: CampaignPage) -> list[str]:
    """The sponsors of the campaign's matches, cached until a match of the campaign changes."""
    key = f"match-sponsors:{campaign.translation_key}:{matches_version(campaign.translation_key)}"
    sponsors = cache.get(key)
    if sponsors is None:
        names = _campaign_matches(campaign).order_by("starts_at", "pk").values_list("sponsor", flat=True)
        sponsors = list(dict.fromkeys(names))
        cache.set(key, sponsors, 3600)
    return sponsors


def live_allocations_total(match: Match) -> int:
    """The sum of what the match's gifts hold (taken less given back): always its spent counter."""
    allocations = MatchAllocation.objects.filter(match=match)
    figures = allocations.aggregate(taken=Sum("amount_cents"), back=Sum("returned_cents"))
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
    allocation = MatchAllocation.objects.filter(donation=donation).select_related("match").first()
    if allocation is not None:
        if allocation.live_cents <= 0:
            return None  # refunded: nothing of the match is left to mention
        match = allocation.match
        return GiftMatch(
            sponsor=match.sponsor,
            matched_cents=allocation.live_cents,
            cut_by_cap=allocation.amount_cents < match.share_of(donation.gift_cents),
        )
    moment: datetime.datetime = donation.succeeded_at or timezone.now()
    was_open = (
        Match.objects.filter(
            campaign__translation_key=donation.campaign_key, active=True, starts_at__lte=moment, ends_at__gt=moment
        )
        .order_by("starts_at", "pk")
        .first()
    )
    if was_open is None:
        return None
    return GiftMatch(sponsor=was_open.sponsor, missed=not donation.is_test, test=donation.is_test)
