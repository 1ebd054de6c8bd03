"""The match pool's only writers: taking a gift's match when it is paid, giving it back on a refund.

Both run inside the caller's transaction, after the gift's row is locked, and lock the match
row (SELECT ... FOR UPDATE) before reading its counter: gifts paid at the same moment take
from the pool one after another, so it is spent exactly to its cap and never beyond. Locks are
always taken gift first, then match, so payments and refunds cannot deadlock each other.

Eligible: a paid gift that is not a test gift (test gifts never drain a live match), made to
the match's campaign (in any language) while the match is active and open. Each payment of a
monthly gift is its own gift and is matched on its own. What is matched is the gift without
the fee the donor chose to cover, times the ratio, rounded down to the cent, cut to what is
left of the cap.

Refunds give back in proportion: a gift refunded in part keeps the share of its match that its
remaining amount earns (rounded down), a full refund gives back all of it. Refunds only grow,
so what is given back only grows too: applying the same refund twice gives nothing more.
A disputed gift keeps its match until it is refunded (a lost dispute is recorded by staff).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from omshub.giving.models import Donation
from omshub.matching.models import Match, MatchAllocation


def _eligible(donation: Donation) -> bool:
    return (
        not donation.is_test
        and donation.status == Donation.Status.SUCCEEDED
        and donation.gift_cents > 0
        and donation.succeeded_at is not None
    )


def matches_allocate(donations: list[Donation]) -> list[MatchAllocation]:
    """Within the caller's transaction (the gifts just marked paid, their rows locked): each
    eligible gift takes its match once. A gift already matched is left as it is."""
    gifts = [donation for donation in donations if _eligible(donation)]
    if not gifts:
        return []
    keys = {donation.campaign_key for donation in gifts}
    candidates = list(
        Match.objects.filter(campaign__translation_key__in=keys, active=True).values_list(
            "pk", "campaign__translation_key"
        )
    )
    if not candidates:
        return []
    already = set(MatchAllocation.objects.filter(donation__in=gifts).values_list("donation_id", flat=True))
    # Lock every match these gifts might take from, in one order (no deadlock between batches).
    locked = {
        match.pk: match
        for match in Match.objects.select_for_update().filter(pk__in=[pk for pk, _ in candidates]).order_by("pk")
    }
    by_campaign: dict[object, list[Match]] = {}
    for pk, key in candidates:
        by_campaign.setdefault(key, []).append(locked[pk])
    for matches in by_campaign.values():
        matches.sort(key=lambda match: (match.starts_at, match.pk))  # the earliest offer first
    made: list[MatchAllocation] = []
    for donation in gifts:
        if donation.pk in already:
            continue
        for match in by_campaign.get(donation.campaign_key, []):
            if not match.open_at(donation.succeeded_at) or match.room_cents <= 0:  # type: ignore[arg-type]
                continue
            amount = min(match.share_of(donation.gift_cents), match.room_cents)
            if amount <= 0:
                break
            try:
                with transaction.atomic():  # unique donation: a retry that slipped past `already` is a no-op
                    allocation = MatchAllocation.objects.create(match=match, donation=donation, amount_cents=amount)
            except IntegrityError:
                break
            match.spent_cents += amount
            already.add(donation.pk)
            made.append(allocation)
            break
    for match in {allocation.match_id: allocation.match for allocation in made}.values():
        Match.objects.filter(pk=match.pk).update(spent_cents=match.spent_cents)
    return made


def match_return(donation: Donation) -> int:
    """Within the caller's transaction (the gift's row locked, its refund saved): give back the
    share of its match the refunded part took. Returns the cents given back now."""
    allocation = MatchAllocation.objects.filter(donation=donation).first()
    if allocation is None:
        return 0
    match = Match.objects.select_for_update().get(pk=allocation.match_id)
    allocation = MatchAllocation.objects.select_for_update().get(pk=allocation.pk)
    remaining = max(donation.amount_cents - donation.refunded_cents, 0)
    if donation.status == Donation.Status.REFUNDED or remaining == 0:
        keep = 0
    else:
        keep = allocation.amount_cents * remaining // donation.amount_cents
    give_back = allocation.live_cents - keep
    if give_back <= 0:
        return 0
    allocation.returned_cents += give_back
    fields = ["returned_cents"]
    if allocation.returned_cents == allocation.amount_cents:
        allocation.returned_at = timezone.now()
        fields.append("returned_at")
    allocation.save(update_fields=fields)
    Match.objects.filter(pk=match.pk).update(spent_cents=F("spent_cents") - give_back)
    return give_back
