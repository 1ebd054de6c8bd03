"""Reads for a donor's own page: their gifts, the years they can have a statement for, their
monthly gifts, and whether a link is still good. Everything is found by the email the donor gave,
compared without case, so a gift typed as Ana@Example.com shows with ana@example.com."""

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from omshub.giving.donors.models import DonorLink, link_digest
from omshub.giving.models import COUNTED, Donation, RecurringGift
from omshub.giving.selectors import counted_gifts

SHOWN = (*COUNTED, Donation.Status.DISPUTED)


class NotFound(Exception):
    """Not this donor's, or not there: the view answers 404 either way."""


def has_gifts(*, email: str) -> bool:
    return Donation.objects.filter(email__iexact=email, status__in=SHOWN).exists()


def donor_gifts(*, email: str) -> QuerySet[Donation]:
    """Every completed gift, newest first, test gifts too (the page marks them)."""
    return (
        Donation.objects.filter(email__iexact=email, status__in=SHOWN)
        .select_related("campaign")
        .order_by("-succeeded_at", "-pk")
    )


def donor_gift(*, email: str, reference: str) -> Donation:
    gift = donor_gifts(email=email).filter(reference=reference).first()
    if gift is None:
        raise NotFound(reference)
    return gift


def statement_years(*, email: str) -> list[int]:
    """The years with a real (not test) gift counted, newest first: each can have a statement."""
    years = (
        counted_gifts(include_test=False)
        .filter(email__iexact=email, succeeded_at__isnull=False)
        .annotate(year=ExtractYear("succeeded_at"))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


def donor_plans(*, email: str) -> QuerySet[RecurringGift]:
    """Monthly gifts, active first; `monthly_cents` is what the latest month charged, so a change
    of amount made in the provider's portal shows here from the next renewal on."""
    latest = (
        Donation.objects.filter(plan=OuterRef("pk"), status__in=COUNTED)
        .order_by("-succeeded_at")
        .values("amount_cents")[:1]
    )
    return (
        RecurringGift.objects.filter(first_donation__email__iexact=email)
        .select_related("first_donation__campaign")
        .annotate(monthly_cents=Coalesce(Subquery(latest), F("first_donation__amount_cents")))
        .order_by("status", "-started_at")
    )


def donor_plan(*, email: str, plan_id: int) -> RecurringGift:
    plan = donor_plans(email=email).filter(pk=plan_id).exclude(customer_id="").first()
    if plan is None:
        raise NotFound(plan_id)
    return plan


def link_is_live(*, token: str) -> bool:
    """Whether this token would open the page now (not spent, not expired, ours)."""
    if not token or len(token) > 100:
        return False
    return DonorLink.objects.filter(
        token_hash=link_digest(token), used_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()
