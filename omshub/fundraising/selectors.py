"""Reads about fundraising pages and teams. Access control lives here: a hidden page is found
only by its owner (and staff), a dashboard only by its owner; anyone else meets NotFound,
which views answer with 404."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from omshub.fundraising.cache import fundraising_version
from omshub.fundraising.models import DonorThanks, FundraisingPage, Status, Team
from omshub.giving.models import CampaignPage, Donation
from omshub.giving.selectors import Progress, counted_gifts, gifts_version

# Seen by anyone: published pages, and closed ones (their total stands, they take no more gifts).
VISIBLE = (Status.PUBLISHED, Status.CLOSED)
LEADERS = 10


class NotFound(Exception):
    pass


def _raised(gifts: QuerySet[Donation]) -> dict[str, int]:
    return gifts.aggregate(
        raised=Coalesce(Sum(F("amount_cents") - F("refunded_cents")), 0),
        donors=Count("email", distinct=True, filter=~Q(email="")),
        offline=Count("pk", filter=Q(email="")),
    )


def _progress(gifts: QuerySet[Donation], *, goal_cents: int, campaign: CampaignPage, include_test: bool) -> Progress:
    figures = _raised(gifts)
    return Progress(
        raised_cents=figures["raised"],
        donors=figures["donors"] + figures["offline"],
        goal_cents=goal_cents,
        currency=campaign.currency,
        days_left=campaign.days_left(),
        includes_test=include_test,
    )


def page_progress(*, page: FundraisingPage, include_test: bool) -> Progress:
    """The page's own gifts, the same ones the campaign's total counts (once)."""
    gifts = counted_gifts(include_test=include_test).filter(fundraiser=page)
    return _progress(gifts, goal_cents=page.goal_cents, campaign=page.campaign, include_test=include_test)


def team_progress(*, team: Team, include_test: bool) -> Progress:
    gifts = counted_gifts(include_test=include_test).filter(fundraising_team=team)
    return _progress(gifts, goal_cents=team.goal_cents, campaign=team.campaign, include_test=include_test)


def _pages() -> QuerySet[FundraisingPage]:
    return FundraisingPage.objects.select_related("campaign", "team", "owner")


def page_for_viewer(*, slug: str, user: Any) -> FundraisingPage:
    """A visible page, or the viewer's own (or any, for staff) while it waits or after staff hid it."""
    page = _pages().filter(slug=slug).first()
    if page is None:
        raise NotFound
    if page.status in VISIBLE or (user.is_authenticated and (page.owner_id == user.pk or user.is_staff)):
        return page
    raise NotFound


def page_taking_gifts(*, slug: str) -> FundraisingPage:
    page = _pages().filter(slug=slug, status=Status.PUBLISHED).first()
    if page is None:
        raise NotFound
    return page


def page_for_owner(*, slug: str, user: Any) -> FundraisingPage:
    """Only the owner's: a stranger, even staff, gets NotFound (staff work in the admin)."""
    if not user.is_authenticated:
        raise NotFound
    page = _pages().filter(slug=slug, owner=user).first()
    if page is None:
        raise NotFound
    return page


def pages_of_owner(*, user: Any) -> list[FundraisingPage]:
    return list(_pages().filter(owner=user).order_by("-created_at"))


def team_for_viewer(*, slug: str, user: Any) -> Team:
    team = Team.objects.select_related("campaign").filter(slug=slug).first()
    if team is None:
        raise NotFound
    if team.status in VISIBLE or (user.is_authenticated and (team.created_by_id == user.pk or user.is_staff)):
        return team
    raise NotFound


def team_members(*, team: Team, include_test: bool) -> list[FundraisingPage]:
    """The team's visible pages, each with `raised` (cents), most raised first: one query."""
    return list(_with_raised(team.pages.filter(status__in=VISIBLE), include_test=include_test))


def _with_raised(pages: QuerySet[FundraisingPage], *, include_test: bool) -> QuerySet[FundraisingPage]:
    counted = Q(donations__status__in=(Donation.Status.SUCCEEDED, Donation.Status.REFUNDED))
    if not include_test:
        counted &= Q(donations__is_test=False)
    net = F("donations__amount_cents") - F("donations__refunded_cents")
    return pages.annotate(raised=Coalesce(Sum(net, filter=counted), 0)).order_by("-raised", "created_at")


@dataclass(frozen=True)
class PublicGift:
    """A gift as the page shows it: the first name only if the donor chose to be on the wall."""

    name: str
    amount_cents: int
    currency: str
    message: str
    succeeded_at: Any

    @property
    def just_now(self) -> bool:
        return bool(self.succeeded_at and timezone.now() - self.succeeded_at < datetime.timedelta(minutes=1))


def page_gifts(*, page: FundraisingPage, include_test: bool, limit: int = 20) -> list[PublicGift]:
    """The page's latest gifts for anyone to read: names as the campaign's wall shows them."""
    gifts = (
        counted_gifts(include_test=include_test)
        .filter(fundraiser=page, status=Donation.Status.SUCCEEDED)
        .only("donor_name", "anonymous", "amount_cents", "currency", "wall", "message", "succeeded_at")
        .order_by("-succeeded_at")[:limit]
    )
    return [
        PublicGift(
            name=gift.public_name if gift.wall == Donation.Wall.APPROVED else "",
            amount_cents=gift.amount_cents,
            currency=gift.currency,
            message=gift.message if gift.wall == Donation.Wall.APPROVED and not gift.anonymous else "",
            succeeded_at=gift.succeeded_at,
        )
        for gift in gifts
    ]


@dataclass(frozen=True)
class DonorRow:
    """A donor on the owner's dashboard. An anonymous donor's name and email stay hidden even
    from the owner; the thank-you still reaches them, sent by us."""

    reference: str
    name: str
    email: str
    anonymous: bool
    amount_cents: int
    currency: str
    frequency: str
    message: str
    succeeded_at: Any
    thanked: bool
    can_thank: bool


def page_donors_for_owner(*, page: FundraisingPage, include_test: bool) -> list[DonorRow]:
    gifts = list(
        counted_gifts(include_test=include_test)
        .filter(fundraiser=page, status=Donation.Status.SUCCEEDED)
        .order_by("-succeeded_at")
    )
    thanked = set(DonorThanks.objects.filter(page=page).values_list("donation_id", flat=True))
    return [
        DonorRow(
            reference=gift.reference,
            name=str(gift.public_name) if gift.anonymous else gift.donor_name,
            email="" if gift.anonymous else gift.email,
            anonymous=gift.anonymous,
            amount_cents=gift.amount_cents,
            currency=gift.currency,
            frequency=gift.frequency,
            message=gift.message,
            succeeded_at=gift.succeeded_at,
            thanked=gift.pk in thanked,
            can_thank=bool(gift.email),
        )
        for gift in gifts
    ]


def gift_to_thank(*, page: FundraisingPage, reference: str) -> Donation:
    gift = counted_gifts(include_test=True).filter(fundraiser=page, reference=reference).exclude(email="").first()
    if gift is None:
        raise NotFound
    return gift


@dataclass(frozen=True)
class Leader:
    name: str
    slug: str  # the template names the address, in the reader's language
    raised_cents: int
    goal_cents: int

    @property
    def percent(self) -> int:
        return min(100, self.raised_cents * 100 // self.goal_cents) if self.goal_cents else 0


@dataclass(frozen=True)
class Leaderboards:
    pages: list[Leader]
    teams: list[Leader]


def _top_ids(gifts: QuerySet[Donation], field: str) -> QuerySet[Donation]:
    """The ids of the pages (or teams) whose gifts raised most, as a subquery."""
    return (
        gifts.filter(**{f"{field}__status__in": VISIBLE})
        .values(field)
        .annotate(raised=Sum(F("amount_cents") - F("refunded_cents")))
        .filter(raised__gt=0)
        .order_by("-raised", field)
        .values(field)[:LEADERS]
    )


def _read_leaderboards(campaign: CampaignPage, include_test: bool) -> Leaderboards:
    """Both boards in one SQL query (a UNION of the top pages and the top teams, each chosen by a
    grouped subquery), so a cold cache adds one query to the campaign page, whatever the numbers."""
    gifts = counted_gifts(include_test=include_test).filter(campaign_key=campaign.translation_key)
    counted = Q(donations__status__in=(Donation.Status.SUCCEEDED, Donation.Status.REFUNDED)) & Q(
        donations__campaign_key=campaign.translation_key
    )
    if not include_test:
        counted &= Q(donations__is_test=False)
    net = Sum(F("donations__amount_cents") - F("donations__refunded_cents"), filter=counted)
    columns = ("slug", "goal_cents", "kind", "label", "raised")
    pages = (
        FundraisingPage.objects.filter(pk__in=_top_ids(gifts, "fundraiser"))
        .annotate(kind=Value("page"), label=F("title"), raised=net)
        .order_by()
        .values(*columns)
    )
    teams = (
        Team.objects.filter(pk__in=_top_ids(gifts, "fundraising_team"))
        .annotate(kind=Value("team"), label=F("name"), raised=net)
        .order_by()
        .values(*columns)
    )
    boards: dict[str, list[Leader]] = {"page": [], "team": []}
    for row in pages.union(teams, all=True).order_by():  # no model ordering: its column is not selected
        boards[row["kind"]].append(
            Leader(name=row["label"], slug=row["slug"], raised_cents=row["raised"], goal_cents=row["goal_cents"])
        )
    order = lambda leader: (-leader.raised_cents, leader.name)  # noqa: E731
    return Leaderboards(pages=sorted(boards["page"], key=order), teams=sorted(boards["team"], key=order))


def campaign_leaderboards(*, campaign: CampaignPage, include_test: bool) -> Leaderboards:
    """Top fundraisers and teams of the campaign, cached until one of its gifts, pages or teams
    changes: one query on a cold cache, none on a warm one, however many pages and gifts."""
    key = (
        f"leaderboards:{campaign.translation_key}:{include_test}:"
        f"{gifts_version(campaign)}:{fundraising_version(campaign.translation_key)}"
    )
    boards = cache.get(key)
    if boards is None:
        boards = _read_leaderboards(campaign, include_test)
        cache.set(key, boards, 3600)
    return boards


def open_campaigns(*, language: str) -> list[CampaignPage]:
    """Campaigns a supporter may raise money for, in the reader's language where translated."""
    today = timezone.localdate()
    live = (
        CampaignPage.objects.live()
        .public()
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("locale")
        .order_by("-starts_on", "pk")
    )
    chosen: dict[Any, CampaignPage] = {}
    for page in live:
        if page.translation_key not in chosen or page.locale.language_code == language:
            chosen[page.translation_key] = page
    return list(chosen.values())


def campaign_in_language(*, campaign_key: Any, language: str, fallback: CampaignPage) -> CampaignPage:
    page = CampaignPage.objects.live().filter(translation_key=campaign_key, locale__language_code=language).first()
    return page or fallback


def teams_to_join(*, campaign_keys: list[Any]) -> QuerySet[Team]:
    return Team.objects.filter(campaign_key__in=campaign_keys, status=Status.PUBLISHED).order_by("name")
