"""Finds what the site's seeded text says about how urgent a sign is, to hold it against the rules.

A "claim" is a sentence, heading or list item that names a sign (by the words parents read)
while an urgency phrase is in force: its own ("call 911 if ... cannot swallow"), or the lead-in
of the list it belongs to ("See a doctor today if your child has: <li>..."). Each claim is
checked against the levels red_flags.toml gives that sign.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from omshub.firststeps.red_flags import RULES, Urgency

EMERGENCY, TODAY, SOON = Urgency.EMERGENCY, Urgency.TODAY, Urgency.SOON

# Phrase -> the levels it can mean. "Promptly" or "urgent" say at least today, not which.
PHRASES: list[tuple[re.Pattern[str], frozenset[Urgency]]] = [
    (re.compile(p, re.IGNORECASE), frozenset(levels))
    for p, levels in [
        (r"\b911\b|emergency (number|care|services|room|department)|\bER\b|call an ambulance", {EMERGENCY}),
        (r"emergencias|atención de emergencia|ambulancia", {EMERGENCY}),
        (r"\btoday\b|same[- ]day|\bhoy\b|mismo día", {TODAY}),
        (r"(next|in a|within a) few days|this week|próximos días|unos días|esta semana", {SOON}),
        (r"\bprompt(ly)?\b|right away|\burgent(ly)?\b|do not wait|don't wait|at once", {TODAY, EMERGENCY}),
        (r"\bpronto\b|\burgente\b|de inmediato|enseguida|no espere|cuanto antes", {TODAY, EMERGENCY}),
    ]
]

# The words parents read for each sign, in both languages. Several signs share words
# ("unsteadiness" is a child's sign and an adult's), so a word stands for all of them.
SIGN_WORDS: dict[str, str] = {
    "unresponsive": (
        r"hard to wake|floppy|drowsy|sleepy|not responding|cuesta (mucho )?despertar|adormilad|somnolient|no responde"
    ),
    "breathing": r"breath|respirar",
    "swallowing": r"swallow|chok|tragar|atragant",
    "seizure": r"seizure|\bfit\b|convulsi",
    "hours_onset": r"few hours|pocas horas",
    "vomiting_drowsy": r"vomit|vómit",
    "head_injury": r"head injury|hit (their|his|her) head|golpe(ó)? (en )?la cabeza",
    "fever_stiff_neck": r"stiff neck|cuello rígido",
    "swallowed_something": r"poison|cannabis|swallowed (medicine|alcohol)|toxicolog|tragado",
    "eyes": r"eye movement|darting|dancing eye|jumpy eye|de los ojos|mueve los ojos|ojos que bailan",
    "unsteady": r"wobbl|unsteady|unsteadiness|falls a lot|stand,? or walk|tambale|inestab|se cae|equilibrio",
    "jerks": r"\bjerk|shaking|trembl|sacudid|temblor",
    "baby_jerk_clusters": r"cluster|en series",
    "irritable": (
        r"cranky|crankiness|irritab|rage|broken sleep|sleeps? (very )?badly"
        r"|rabieta|ataques de ira|mal sueño|duerme muy mal|llora"
    ),
    "speech": r"lost words|loss of words|slurred|dejado de decir palabras|deja de decir palabras|habla arrastr",
    "ataxia_not_settling": r"post-viral|posviral",
    "drooling": r"drool|babe",
    "treated_fever": r"fever|fiebre",
    "steroid_vomiting": r"vomit|vómit",
    "relapse": r"relapse|recaída|coming back|come back|volviendo|vuelven",
    "adult_sudden_unsteady": r"stroke|derrame|sudden unsteadiness|inestabilidad repentina",
    "adult_unsteady_with": r"double vision|visión doble|stroke|derrame",
    "adult_new_signs": r"adult|adulto",
}

_BLOCK_TAGS = re.compile(r"</?(p|ul|ol|h\d|br)\b[^>]*>", re.IGNORECASE)
_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=:)\s+(?=[A-Z¿¡])")


@dataclass(frozen=True)
class Claim:
    where: str
    text: str
    levels: frozenset[Urgency]  # what the text says
    sign_keys: frozenset[str]  # the signs its words can mean

    @property
    def allowed(self) -> set[Urgency]:
        return {RULES.sign(key).level for key in self.sign_keys}

    @property
    def agrees(self) -> bool:
        """At least one sign the words can mean has, in the rules, a level the text states."""
        return bool(self.levels & self.allowed)


def signs_named(text: str) -> frozenset[str]:
    return frozenset(key for key, words in SIGN_WORDS.items() if re.search(words, text, re.IGNORECASE))


def stated_levels(text: str) -> frozenset[Urgency]:
    found: set[Urgency] = set()
    for pattern, levels in PHRASES:
        if pattern.search(text):
            found |= levels
    return frozenset(found)


def _units(passage: str) -> Iterator[tuple[str, bool]]:
    """(text, is a list item) for each sentence and list item, in order."""
    marked = _ITEM.sub(lambda m: "\n\x00" + m.group(1).replace("\n", " ") + "\n", passage)
    for line in _BLOCK_TAGS.sub("\n", marked).split("\n"):
        is_item = line.startswith("\x00")
        text = html.unescape(_TAG.sub("", line.lstrip("\x00"))).strip()
        if not text:
            continue
        if is_item:
            yield text, True
        else:
            for sentence in _SENTENCE.split(text):
                if sentence.strip():
                    yield sentence.strip(), False


def claims_in(passage: str, where: str) -> Iterator[Claim]:
    """The claims of one passage: a paragraph, or a callout's heading and text together."""
    lead: frozenset[Urgency] = frozenset()
    for text, is_item in _units(passage):
        own = stated_levels(text)
        if not is_item:
            lead = own  # a sentence sets (or ends) what the list after it means
        levels = own or (lead if is_item else frozenset())
        named = signs_named(text)
        if levels and named:
            yield Claim(where, text, levels, named)


def passages(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) of every piece of text in seed data; a callout's heading leads its text."""
    if isinstance(data, str):
        yield where, data
    elif isinstance(data, dict):
        if isinstance(data.get("heading"), str) and isinstance(data.get("text"), str):
            yield where, f"<p>{data['heading']}</p>{data['text']}"
            data = {k: v for k, v in data.items() if k not in ("heading", "text")}
        for key, value in data.items():
            if key not in ("url", "slug", "youtube_id", "type", "level", "group", "signs"):
                yield from passages(value, f"{where}/{key}")
    elif isinstance(data, list | tuple):
        for number, value in enumerate(data):
            yield from passages(value, f"{where}[{number}]")
