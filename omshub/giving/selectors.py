"""Reads about gifts: campaign progress (always summed from the gifts, so it cannot drift),
recent gifts, the donor wall, a donor's year, and the staff dashboard's figures."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Case, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from omshub.core.page_cache import remember
from omshub.giving import cache as gift_cache
from omshub.giving import campaign_sections
from omshub.giving.models import COUNTED, CampaignAmount, CampaignPage, Donation, RecurringGift
from omshub.giving.sharing import qr_svg, share_links
from omshub.payments.provider import PaymentProvider
from omshub.payments.registry import PaymentsClosed, get_provider


@dataclass(frozen=True)
class Progress:
    raised_cents: int
    donors: int
    goal_cents: int
    currency: str
    days_left: int | None
    includes_test: bool
    # What matching sponsors added to these gifts (omshub/matching), shown beside what was raised.
    matched_cents: int = 0

    @property
    def percent(self) -> int:
        return min(100, self.raised_cents * 100 // self.goal_cents) if self.goal_cents else 0

    @property
    def percent_exact(self) -> int:
        return self.raised_cents * 100 // self.goal_cents if self.goal_cents else 0


def counted_gifts(*, include_test: bool) -> QuerySet[Donation]:
    gifts = Donation.objects.filter(status__in=COUNTED)
    return gifts if include_test else gifts.filter(is_test=False)


def campaign_progress(*, campaign: CampaignPage, include_test: bool) -> Progress:
    """Raised (net of refunds) and donors, in one query over the campaign's gifts."""
    figures = (
        counted_gifts(include_test=include_test)
        .filter(campaign_key=campaign.translation_key)
        .aggregate(
            raised=Coalesce(Sum(F("amount_cents") - F("refunded_cents")), 0),
            # A donor is an email (a monthly donor counts once); offline gifts without one count each.
            donors=Count("email", distinct=True, filter=~Q(email="")),
            anonymous_offline=Count("pk", filter=Q(email="")),
            # At most one allocation per gift (a one-to-one join): the raised sum is unchanged.
            matched=Coalesce(Sum(F("match_allocation__amount_cents") - F("match_allocation__returned_cents")), 0),
        )
    )
    return Progress(
        raised_cents=figures["raised"],
        donors=figures["donors"] + figures["anonymous_offline"],
        goal_cents=campaign.goal_cents,
        currency=campaign.currency,
        days_left=campaign.days_left(),
        includes_test=include_test,
        matched_cents=figures["matched"],
    )


def gifts_version(campaign: CampaignPage) -> str:
    """Changes whenever a gift of the campaign changes: a cache key part for lists read from its gifts."""
    return gift_cache.gifts_version(campaign.translation_key)


def open_provider() -> PaymentProvider | None:
    """The payment provider gifts go to now, or None while payments are closed."""
    try:
        return get_provider()
    except PaymentsClosed:
        return None


def shows_test_gifts(provider: PaymentProvider | None) -> bool:
    """In test mode the page counts test gifts (and says so); a live site never does."""
    return bool(provider and provider.is_test)


def campaign_presets(campaign: CampaignPage, *, preview: bool = False) -> list[CampaignAmount]:
    """The preset amounts. Published ones change only when the page is published, which starts a
    new content generation; a draft's (a preview) are read afresh and never remembered."""
    if preview:
        return list(campaign.amounts.all())
    return remember(f"campaign-presets:{campaign.pk}", lambda: list(campaign.amounts.all()))


def campaign_context(*, campaign: CampaignPage, absolute_url: str, preview: bool = False) -> dict[str, Any]:
    """What the campaign's page shows: progress, recent gifts, the wall, other apps' sections, sharing.

    `absolute_url` is the page's own address, as shares and the QR code name it; `preview` is
    True while an editor previews a draft.
    """
    provider = open_provider()
    include_test = shows_test_gifts(provider)
    recent_gifts, wall = campaign_gift_lists(campaign=campaign, include_test=include_test)
    sections = [section(campaign, include_test) for section in campaign_sections.SECTIONS]
    return {
        "campaign_sections": [section for section in sections if section is not None],
        "progress": campaign_progress(campaign=campaign, include_test=include_test),
        "recent_gifts": recent_gifts,
        "wall": wall,
        "presets": campaign_presets(campaign, preview=preview),
        "share_links": share_links(absolute_url, campaign.title),
        "qr_svg": qr_svg(absolute_url),
        "payments_open": provider is not None,
        "test_mode": include_test,
    }


def campaign_gift_lists(*, campaign: CampaignPage, include_test: bool) -> tuple[list[Donation], list[Donation]]:
    """Recent gifts and the donor wall, cached until a gift of the campaign next changes.

    The totals are never cached (campaign_progress sums them on every view); these lists
    are kept only until the next change of any of the campaign's gifts, made after commit.
    """
    key = f"gift-lists:{campaign.translation_key}:{include_test}:{gifts_version(campaign)}"
    lists = cache.get(key)
    if lists is None:
        lists = _gift_lists(campaign=campaign, include_test=include_test)
        cache.set(key, lists, 3600)
    return lists


RECENT_FIELDS = ("donor_name", "anonymous", "amount_cents", "currency", "succeeded_at", "wall", "tribute", "frequency")
WALL_FIELDS = ("donor_name", "anonymous", "message", "succeeded_at", "tribute", "tribute_name", "tribute_on_wall")


def _recent_gifts(*, campaign: CampaignPage, include_test: bool) -> QuerySet[Donation]:
    return counted_gifts(include_test=include_test).filter(
        campaign_key=campaign.translation_key, status=Donation.Status.SUCCEEDED
    )


def _wall_gifts(*, campaign: CampaignPage, include_test: bool) -> QuerySet[Donation]:
    return counted_gifts(include_test=include_test).filter(
        campaign_key=campaign.translation_key, wall=Donation.Wall.APPROVED, plan__isnull=True
    )


def _gift_lists(
    *, campaign: CampaignPage, include_test: bool, recent: int = 5, wall: int = 12
) -> tuple[list[Donation], list[Donation]]:
    """Both lists in one query: each chooses its gifts in a subquery, the rows say which list they are in.

    One query rather than two keeps the campaign page, with the sections other apps add to it
    (see campaign_sections.py), within its budget on the first view after a gift.
    """
    recent_ids = (
        _recent_gifts(campaign=campaign, include_test=include_test).order_by("-succeeded_at").values("pk")[:recent]
    )
    wall_ids = _wall_gifts(campaign=campaign, include_test=include_test).order_by("-succeeded_at").values("pk")[:wall]
    rows = list(
        Donation.objects.filter(Q(pk__in=recent_ids) | Q(pk__in=wall_ids))
        .annotate(
            in_recent=Case(When(pk__in=recent_ids, then=Value(True)), default=Value(False)),
            on_wall=Case(When(pk__in=wall_ids, then=Value(True)), default=Value(False)),
        )
        .only(*RECENT_FIELDS, *WALL_FIELDS)
        .order_by("-succeeded_at", "-pk")
    )
    return [row for row in rows if row.in_recent], [row for row in rows if row.on_wall]


def campaign_recent_gifts(*, campaign: CampaignPage, include_test: bool, limit: int = 5) -> list[Donation]:
    gifts = _recent_gifts(campaign=campaign, include_test=include_test).only(*RECENT_FIELDS)
    return list(gifts.order_by("-succeeded_at")[:limit])


def campaign_wall(*, campaign: CampaignPage, include_test: bool, limit: int = 12) -> list[Donation]:
    gifts = _wall_gifts(campaign=campaign, include_test=include_test).only(*WALL_FIELDS)
    return list(gifts.order_by("-succeeded_at")[:limit])


def donation_by_reference(reference: str) -> Donation | None:
    return Donation.objects.select_related("campaign").filter(reference=reference).first()


def donor_year(*, email: str, year: int) -> list[Donation]:
    """A donor's counted live gifts in a calendar year, for the year-end statement."""
    return list(
        counted_gifts(include_test=False)
        .filter(email__iexact=email, succeeded_at__year=year)
        .select_related("campaign")
        .order_by("succeeded_at")
    )


def donors_of_year(year: int) -> list[str]:
    return sorted(
        set(
            counted_gifts(include_test=False)
            .filter(succeeded_at__year=year)
            .exclude(email="")
            .values_list("email", flat=True)
        ),
        key=str.lower,
    )


def returning_customer(*, email: str, provider: str) -> str:
    """The provider's customer of this email's earlier monthly gift, so all share one portal."""
    plans = RecurringGift.objects.filter(first_donation__email__iexact=email, provider=provider).exclude(customer_id="")
    return plans.order_by("-started_at").values_list("customer_id", flat=True).first() or ""


def count_of_test_gifts() -> int:
    """Paid test gifts: the dashboard leaves them out, the public page shows them in test mode."""
    return counted_gifts(include_test=True).filter(is_test=True).count()


def active_monthly_donors(*, include_test: bool = False) -> int:
    plans = RecurringGift.objects.filter(status=RecurringGift.Status.ACTIVE)
    return (plans if include_test else plans.filter(first_donation__is_test=False)).count()


def raised_per_week(*, weeks: int = 12, include_test: bool = False) -> list[tuple[datetime.date, int]]:
    start = timezone.now() - datetime.timedelta(weeks=weeks)
    rows = (
        counted_gifts(include_test=include_test)
        .filter(succeeded_at__gte=start)
        .annotate(week=TruncWeek("succeeded_at"))
        .values("week")
        .annotate(raised=Sum(F("amount_cents") - F("refunded_cents")))
        .order_by("week")
    )
    by_week = {row["week"].date() if hasattr(row["week"], "date") else row["week"]: row["raised"] for row in rows}
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return [
        (week, by_week.get(week, 0))
        for week in (monday - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1))
    ]


def raised_per_campaign(*, include_test: bool = False) -> list[tuple[str, int, int]]:
    """(title, raised, goal) per campaign, all languages together, most raised first."""
    raised = dict(
        counted_gifts(include_test=include_test)
        .values("campaign_key")
        .annotate(raised=Sum(F("amount_cents") - F("refunded_cents")))
        .values_list("campaign_key", "raised")
    )
    campaigns: dict = {}
    for page in CampaignPage.objects.order_by("locale__language_code").select_related("locale"):
        # One line per campaign, titled in English when it has an English page.
        if page.translation_key not in campaigns or page.locale.language_code == "en":
            campaigns[page.translation_key] = page
    rows = [(page.title, raised.get(key, 0), page.goal_cents) for key, page in campaigns.items()]
    return sorted(rows, key=lambda row: -row[1])


def is_blocked_after_failures(*, client_key: str, email: str, limit: int, hours: int = 1) -> bool:
    """Card testing: too many refused payments lately from this address or this email."""
    since = timezone.now() - datetime.timedelta(hours=hours)
    refused = Donation.objects.filter(last_failed_at__gte=since).filter(
        Q(client_key=client_key) | Q(email__iexact=email)
    )
    return (refused.aggregate(total=Sum("failed_attempts"))["total"] or 0) >= limit


def staff_alert_addresses() -> list[str]:
    """Who hears about trouble with giving: active staff who may see donations (superusers too),
    else the foundation's contact address."""
    from django.contrib.auth import get_user_model

    from omshub.giving.receipts import foundation

    users = get_user_model().objects.with_perm(
        "giving.view_donation",
        is_active=True,
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    addresses = sorted({email.lower() for email in users.exclude(email="").values_list("email", flat=True)})
    if not addresses and foundation().contact_email:
        addresses = [foundation().contact_email.lower()]
    return addresses
