"""One campaign in two languages: what a translated campaign page shares with its source.

The source is the campaign's page in the default locale (same translation_key). Its goal,
dates, currency and preset amounts are the campaign's; a translation holds copies that are
overwritten from the source whenever either page is saved, so the English and Spanish pages
cannot disagree. Translators change text only: the title, summary, story and what each preset
does. See docs/decisions/0007-campaign-translations.md.
"""

from collections.abc import Sequence
from typing import Protocol

SHARED_FIELDS = ("goal_cents", "currency", "starts_on", "ends_on")
SHARED_RELATIONS = ("amounts",)


class Preset(Protocol):
    frequency: str
    amount_cents: int


def presets_matched[P: Preset](source: Sequence[Preset], own: Sequence[P]) -> list[P | None]:
    """For each of the source's presets, the translation's row that translates it, or None.

    A row with the same frequency and amount is the same preset; what is left pairs up in
    order, so a preset whose amount changed on the English page keeps its Spanish text.
    """
    left = list(own)
    found: dict[int, P] = {}
    for n, preset in enumerate(source):
        same = next(
            (row for row in left if (row.frequency, row.amount_cents) == (preset.frequency, preset.amount_cents)), None
        )
        if same is not None:
            found[n] = same
            left.remove(same)
    for n in range(len(source)):
        if n not in found and left:
            found[n] = left.pop(0)
    return [found.get(n) for n in range(len(source))]
