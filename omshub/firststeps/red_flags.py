"""The worried-parent checklist: which signs to look for and how urgent they are.

Disease-specific data lives here, not in views or templates, so another foundation can
swap it. The wording informs and grades urgency; it never names a diagnosis for a child.
Sources: shared content notes §3.1 (Pranzatelli 2017; Pike 2013; Pang 2010; GOSH; NORD).
"""

from dataclasses import dataclass
from enum import IntEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Sign:
    key: str
    label: Promise  # what the parent reads on the checklist
    observed: Promise  # how the letter states it to a doctor
    emergency: bool = False
    urgent_alone: bool = False


class Urgency(IntEnum):
    NONE = 0
    SOON = 1  # see your child's doctor within a few days
    TODAY = 2  # be seen today
    EMERGENCY = 3  # call emergency services now


EMERGENCY_SIGNS = [
    Sign(
        "unresponsive",
        _("Is very hard to wake, or unusually floppy or drowsy"),
        _("is very hard to wake, or unusually floppy or drowsy"),
        emergency=True,
    ),
    Sign("breathing", _("Has trouble breathing"), _("has trouble breathing"), emergency=True),
    Sign("seizure", _("Has a seizure (fit)"), _("has had a seizure"), emergency=True),
]

RED_FLAGS = [
    Sign(
        "eyes",
        _("Fast, chaotic eye movements in many directions (“dancing eyes”), often worse when upset"),
        _("fast, chaotic, multidirectional eye movements, worse when upset"),
        urgent_alone=True,
    ),
    Sign(
        "unsteady",
        _("New wobbliness: falls, sways when sitting, or refuses or is unable to stand or walk"),
        _("new unsteadiness: falls, swaying when sitting, refusing or unable to stand or walk"),
        urgent_alone=True,
    ),
    Sign(
        "jerks",
        _("Jerks or trembling of the head, body, arms or legs; trouble reaching or feeding"),
        _("jerks or tremor of the head, trunk or limbs; trouble reaching or self-feeding"),
    ),
    Sign(
        "irritable",
        _("Unusual irritability, rages or crying that cannot be soothed, and badly broken sleep"),
        _("marked irritability, inconsolable crying or rages, and badly disrupted sleep"),
    ),
    Sign(
        "speech",
        _("Has lost words, or speech has become slurred"),
        _("loss of words or slurred speech"),
        urgent_alone=True,
    ),
    Sign(
        "ataxia_not_settling",
        _("Was told it is “post-viral ataxia”, but it is not getting better"),
        _("a diagnosis of post-viral (acute cerebellar) ataxia that is not settling"),
    ),
    Sign(
        "swallowing",
        _("Has trouble swallowing, or is drooling more"),
        _("trouble swallowing or new drooling"),
        urgent_alone=True,
    ),
]

ALL_SIGNS = {sign.key: sign for sign in EMERGENCY_SIGNS + RED_FLAGS}


def signs_from_keys(keys: list[str]) -> list[Sign]:
    """The known signs among `keys`, in checklist order (unknown keys are ignored)."""
    wanted = set(keys)
    return [sign for sign in EMERGENCY_SIGNS + RED_FLAGS if sign.key in wanted]


def urgency_for(signs: list[Sign]) -> Urgency:
    """Grade urgency the way the published red flags suggest, never a diagnosis."""
    if any(sign.emergency for sign in signs):
        return Urgency.EMERGENCY
    if any(sign.urgent_alone for sign in signs) or len(signs) >= 2:
        return Urgency.TODAY
    if signs:
        return Urgency.SOON
    return Urgency.NONE
