"""The "getting seen sooner" page's red-flag boxes, built from the checklist's own rules.

Which signs mean the emergency department instead of waiting comes only from
firststeps/data/red_flags.toml: this module picks signs by level and never states one itself.
"""

from dataclasses import dataclass

from omshub.firststeps.red_flags import RULES, Level, Sign, Urgency


@dataclass(frozen=True)
class RedFlagBox:
    level: Level
    urgency: Urgency
    signs: list[Sign]

    @property
    def items(self) -> list[tuple[Sign, str]]:
        """Each sign with its advice; advice two signs share is given once (as on the checklist)."""
        given: set[str] = set()
        items = []
        for sign in self.signs:
            items.append((sign, sign.advice if sign.advice not in given else ""))
            given.add(sign.advice)
        return items


def red_flag_boxes() -> list[RedFlagBox]:
    """The signs about a child that mean 911 now, then those that mean being seen today."""
    boxes = []
    for urgency in (Urgency.EMERGENCY, Urgency.TODAY):
        signs = [sign for sign in RULES.letter_signs if sign.level == urgency]
        if signs:
            boxes.append(RedFlagBox(level=RULES.levels[urgency], urgency=urgency, signs=signs))
    return boxes
