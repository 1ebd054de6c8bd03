"""Where a gift's dispute stands: which reported status may replace the one we hold, and which
keep the gift out of the totals.

A dispute starts as an inquiry or a chargeback, is reviewed, and is won or lost; a lost one
may be appealed and then won or lost again. Each report is fetched before the gift's row is
locked, so an older report can arrive after a newer one: the rules below keep that from
moving a dispute backwards, or from reopening one that ended with the money kept. The gift
holds the status as text (DisputeStatus's values); "" is no dispute.
"""

from omshub.payments.provider import DisputeStatus

D = DisputeStatus
# Over, and the money stayed with the foundation: the gift counts again, and nothing reopens it.
KEPT = frozenset({D.WON, D.INQUIRY_CLOSED, D.PREVENTED})
# The order the other statuses come in. LOST is both the first decision and the appeal's, so
# it is always taken: at worst a stale LOST shows for a moment during an appeal, and the
# gift is out of the totals either way.
STAGE = {
    D.INQUIRY_NEEDS_RESPONSE: 0,
    D.INQUIRY_UNDER_REVIEW: 1,
    D.NEEDS_RESPONSE: 2,
    D.UNDER_REVIEW: 3,
    D.LOST: 4,
    D.APPEAL_NEEDS_RESPONSE: 5,
    D.APPEAL_UNDER_REVIEW: 6,
}


def next_dispute_status(held: str, reported: DisputeStatus | str | None) -> str:
    """The status to keep when the provider reports `reported` while the gift holds `held`
    ("" for none; None or "" for a report that says nothing of disputes)."""
    if not reported or held in KEPT:
        return held
    if reported in KEPT or reported == D.LOST or reported not in STAGE or held not in STAGE:
        return str(reported)
    return str(reported) if STAGE[D(reported)] >= STAGE[D(held)] else held


def dispute_holds_gift(status: str) -> bool:
    """Whether a dispute keeps the gift out of the totals: any not over yet, a loss, or a
    status we do not know (when unsure, count less, and staff see the status)."""
    return bool(status) and status not in KEPT
