"""Where a gift's dispute stands: which reported status may replace the one we hold, and which
keep the gift out of the totals.

A dispute starts as an inquiry (warning_*) or a chargeback (needs_response), is reviewed, and
is won or lost; since API version 2026-09-30 a lost one may be appealed (appeal_needs_response,
appeal_under_review) and then won or lost again. Each report is fetched before the gift's row
is locked, so an older report can arrive after a newer one: the rules below keep that from
moving a dispute backwards, or from reopening one that ended with the money kept.
"""

# Over, and the money stayed with the foundation: the gift counts again, and nothing reopens it.
KEPT = frozenset({"won", "warning_closed", "prevented"})
# The order the other statuses come in. `lost` is both the first decision and the appeal's, so
# it is always taken: at worst a stale `lost` shows for a moment during an appeal, and the
# gift is out of the totals either way.
STAGE = {
    "warning_needs_response": 0,
    "warning_under_review": 1,
    "needs_response": 2,
    "under_review": 3,
    "lost": 4,
    "appeal_needs_response": 5,
    "appeal_under_review": 6,
}


def next_dispute_status(held: str, reported: str) -> str:
    """The status to keep when the provider reports `reported` while the gift holds `held`
    ("" for none, or a report that says nothing of disputes)."""
    if not reported or held in KEPT:
        return held
    if reported in KEPT or reported == "lost" or reported not in STAGE or held not in STAGE:
        return reported
    return reported if STAGE[reported] >= STAGE[held] else held


def dispute_holds_gift(status: str) -> bool:
    """Whether a dispute keeps the gift out of the totals: any not over yet, a loss, or a
    status we do not know (when unsure, count less, and staff see the status)."""
    return bool(status) and status not in KEPT
