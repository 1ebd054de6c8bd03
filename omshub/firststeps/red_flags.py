"""The red-flag rules: read once, at import, from data/red_flags.toml, and checked.

The one source of truth for urgency: the checklist, the letter and the urgency boxes on the
topic pages all read these rules, so they cannot disagree. A clinician edits the TOML file;
this module only knows its shape, and refuses to start with a file that breaks it, saying why.
The wording grades urgency and informs; it never names a diagnosis for a child.
"""

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA_FILE = Path(__file__).parent / "data" / "red_flags.toml"
LANGUAGES = ("en", "es")
OMS_FEATURES = ("eyes", "balance", "jerks", "mood")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


class Urgency(IntEnum):
    NONE = 0
    SOON = 1  # see a doctor within a few days
    TODAY = 2  # be seen today
    EMERGENCY = 3  # call emergency services now


LEVELS = {"soon": Urgency.SOON, "today": Urgency.TODAY, "emergency": Urgency.EMERGENCY}


class RulesError(ValueError):
    """The rules file is wrong; the message names the file, the entry and the problem."""


Texts = Mapping[str, str]  # one text in each language, by language code


def in_language(texts: Texts, language: str | None = None) -> str:
    """The text in `language` (by default the active one), English when that is missing."""
    code = (language or get_language() or "en").split("-")[0]
    return texts.get(code) or texts["en"]


@dataclass(frozen=True)
class Sign:
    key: str
    group: str
    level: Urgency
    parent_texts: Texts
    doctor_texts: Texts
    source: str
    oms_feature: str | None = None
    advice_texts: Texts | None = None
    poison_control: bool = False

    @property
    def label(self) -> str:
        """What the parent reads on the checklist, in the active language."""
        return in_language(self.parent_texts)

    @property
    def observed(self) -> str:
        """How the letter states it to a doctor, in the active language (the letter's)."""
        return in_language(self.doctor_texts)

    @property
    def advice(self) -> str:
        return in_language(self.advice_texts) if self.advice_texts else ""


@dataclass(frozen=True)
class Group:
    key: str
    title_texts: Texts
    for_letter: bool
    signs: tuple[Sign, ...]
    note_texts: Texts | None = None

    @property
    def title(self) -> str:
        return in_language(self.title_texts)

    @property
    def note(self) -> str:
        return in_language(self.note_texts) if self.note_texts else ""


@dataclass(frozen=True)
class Level:
    urgency: Urgency
    name: str
    title_texts: Texts
    action_texts: Texts
    box_heading_texts: Texts

    @property
    def title(self) -> str:
        return in_language(self.title_texts)

    @property
    def action(self) -> str:
        return in_language(self.action_texts)

    @property
    def box_heading(self) -> str:
        return in_language(self.box_heading_texts)


@dataclass(frozen=True)
class Rules:
    status: str
    emergency_number: str
    poison_control_number: str
    levels: Mapping[Urgency, Level]
    groups: tuple[Group, ...]

    @property
    def signs(self) -> tuple[Sign, ...]:
        """Every sign, in checklist order."""
        return tuple(sign for group in self.groups for sign in group.signs)

    def sign(self, key: str) -> Sign:
        return {sign.key: sign for sign in self.signs}[key]

    def group(self, key: str) -> Group:
        return {group.key: group for group in self.groups}[key]

    @property
    def letter_signs(self) -> tuple[Sign, ...]:
        """The signs a parent can put in the letter for a child's doctor."""
        return tuple(sign for group in self.groups if group.for_letter for sign in group.signs)


# ---- reading and checking the file ---------------------------------------------------


def _fail(where: str, problem: str) -> RulesError:
    return RulesError(f"{DATA_FILE.name}: {where}: {problem}")


def _only(entry: Mapping[str, Any], where: str, required: set[str], optional: frozenset[str] = frozenset()) -> None:
    missing = required - entry.keys()
    if missing:
        raise _fail(where, f"missing {', '.join(sorted(missing))}")
    unknown = entry.keys() - required - optional
    if unknown:  # a misspelt field would otherwise be silently ignored
        raise _fail(
            where, f"unknown field {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(required | optional))})"
        )


def _texts(value: Any, where: str) -> Texts:
    if not isinstance(value, dict):
        raise _fail(where, 'needs a text in each language, like { en = "...", es = "..." }')
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise _fail(where, f"the {language} text is missing or empty")
    if set(value) - set(LANGUAGES):
        raise _fail(where, f"unknown language {', '.join(sorted(set(value) - set(LANGUAGES)))}")
    return {language: value[language].strip() for language in LANGUAGES}


def _level(entry: Mapping[str, Any], where: str) -> Urgency:
    name = entry["level"]
    if name not in LEVELS:
        raise _fail(where, f"level {name!r} must be one of {', '.join(LEVELS)}")
    return LEVELS[name]


def _sign(entry: Mapping[str, Any], where: str) -> Sign:
    _only(
        entry,
        where,
        {"key", "group", "level", "parent", "doctor", "source"},
        frozenset({"oms_feature", "advice", "poison_control"}),
    )
    key = entry["key"]
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise _fail(where, f"key {key!r} must be lower-case letters, digits and _")
    where = f"sign {key!r}"
    feature = entry.get("oms_feature")
    if feature is not None and feature not in OMS_FEATURES:
        raise _fail(where, f"oms_feature {feature!r} must be one of {', '.join(OMS_FEATURES)}")
    if not isinstance(entry["source"], str) or not entry["source"].strip():
        raise _fail(where, "needs a source")
    poison_control = entry.get("poison_control", False)
    if not isinstance(poison_control, bool):
        raise _fail(where, "poison_control must be true or false")
    return Sign(
        key=key,
        group=entry["group"],
        level=_level(entry, where),
        parent_texts=_texts(entry["parent"], f"{where} parent"),
        doctor_texts=_texts(entry["doctor"], f"{where} doctor"),
        source=entry["source"].strip(),
        oms_feature=feature,
        advice_texts=_texts(entry["advice"], f"{where} advice") if "advice" in entry else None,
        poison_control=poison_control,
    )


def _levels(table: Any) -> dict[Urgency, Level]:
    if not isinstance(table, dict) or set(table) != set(LEVELS):
        raise _fail("[levels]", f"needs exactly the levels {', '.join(LEVELS)}")
    levels = {}
    for name, urgency in LEVELS.items():
        where = f"[levels.{name}]"
        entry = table[name]
        _only(entry, where, {"title", "action", "box_heading"})
        levels[urgency] = Level(
            urgency,
            name,
            _texts(entry["title"], f"{where} title"),
            _texts(entry["action"], f"{where} action"),
            _texts(entry["box_heading"], f"{where} box_heading"),
        )
    return levels


def load_rules(text: str) -> Rules:
    """The rules in `text` (the TOML file's content), or a RulesError saying what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _fail("not valid TOML", str(error)) from error
    _only(data, "top level", {"status", "numbers", "levels", "group", "sign"})
    _only(data["numbers"], "[numbers]", {"emergency", "poison_control"})
    signs = [_sign(entry, f"sign number {number}") for number, entry in enumerate(data["sign"], 1)]
    seen: set[str] = set()
    for sign in signs:
        if sign.key in seen:
            raise _fail(f"sign {sign.key!r}", "this key is used twice")
        seen.add(sign.key)
    groups = []
    for entry in data["group"]:
        _only(entry, f"group {entry.get('key')!r}", {"key", "title", "for_letter"}, frozenset({"note"}))
        where = f"group {entry['key']!r}"
        members = tuple(sign for sign in signs if sign.group == entry["key"])
        if not members:
            raise _fail(where, "has no signs")
        groups.append(
            Group(
                key=entry["key"],
                title_texts=_texts(entry["title"], f"{where} title"),
                for_letter=bool(entry["for_letter"]),
                signs=members,
                note_texts=_texts(entry["note"], f"{where} note") if "note" in entry else None,
            )
        )
    orphans = [sign.key for sign in signs if sign.group not in {group.key for group in groups}]
    if orphans:
        raise _fail(f"sign {orphans[0]!r}", "names a group that does not exist")
    return Rules(
        status=data["status"],
        emergency_number=data["numbers"]["emergency"],
        poison_control_number=data["numbers"]["poison_control"],
        levels=_levels(data["levels"]),
        groups=tuple(groups),
    )


# Read at import, so a bad file stops the site from starting rather than a parent's page.
RULES = load_rules(DATA_FILE.read_text(encoding="utf-8"))
