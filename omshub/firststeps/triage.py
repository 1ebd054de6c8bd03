"""The triage engine: from the signs a parent ticked to one urgency level and what to do.

It never under-calls: the result is the most urgent level any ticked sign has in the rules
(red_flags.toml), and several signs together are never less than "today". docs/triage.md
holds the table of scenarios this must pass; tests/firststeps/test_triage_doc.py runs it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from omshub.firststeps.red_flags import RULES, Level, Sign, Urgency


def signs_from_keys(keys: Iterable[str]) -> list[Sign]:
    """The known signs among `keys`, in checklist order (unknown keys are ignored)."""
    wanted = set(keys)
    return [sign for sign in RULES.signs if sign.key in wanted]


def urgency_for(signs: Iterable[Sign]) -> Urgency:
    """The most urgent level among the signs; two or more signs together are at least "today"."""
    chosen = list(signs)
    if not chosen:
        return Urgency.NONE
    highest = max(sign.level for sign in chosen)
    return max(highest, Urgency.TODAY) if len(chosen) >= 2 else highest


def suggests_oms(signs: Iterable[Sign]) -> bool:
    """Eye movements, or two different core features of OMS: only then may a letter name OMS."""
    features = {sign.oms_feature for sign in signs if sign.oms_feature}
    return "eyes" in features or len(features) >= 2


@dataclass(frozen=True)
class Triage:
    """What the checklist answers for the ticked signs."""

    signs: tuple[Sign, ...]
    urgency: Urgency

    @property
    def level(self) -> Level | None:
        return RULES.levels.get(self.urgency)

    @property
    def keys(self) -> list[str]:
        return [sign.key for sign in self.signs]

    @property
    def advice(self) -> list[str]:
        """Each ticked sign's own advice, once each (two stroke signs share theirs)."""
        return list(dict.fromkeys(sign.advice for sign in self.signs if sign.advice))

    @property
    def poison_control(self) -> bool:
        return any(sign.poison_control for sign in self.signs)

    @property
    def notes(self) -> list[str]:
        """The notes of the checklist sections the ticked signs belong to (e.g. about steroids)."""
        groups = {sign.group for sign in self.signs}
        return [group.note for group in RULES.groups if group.key in groups and group.note]

    @property
    def about_a_child(self) -> bool:
        """Not only the adult section: the care journal and the letter are for children."""
        return any(sign.group != "adult" for sign in self.signs)

    @property
    def letter_keys(self) -> list[str]:
        """The ticked signs that belong in a letter for a child's doctor."""
        allowed = {sign.key for sign in RULES.letter_signs}
        return [sign.key for sign in self.signs if sign.key in allowed]


def triage(keys: Iterable[str]) -> Triage:
    signs = signs_from_keys(keys)
    return Triage(signs=tuple(signs), urgency=urgency_for(signs))
