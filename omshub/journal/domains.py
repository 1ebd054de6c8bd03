"""The parent observation diary's domains, read once from data/observation_domains.toml.

A clinician revises the wording there; the code only knows the keys and that levels run 0-3.
"""

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

DATA_FILE = Path(__file__).parent / "data" / "observation_domains.toml"
LEVELS = range(4)


@dataclass(frozen=True)
class Domain:
    key: str
    names: dict[str, str]
    questions: dict[str, str]
    levels: tuple[dict[str, str], ...]

    @property
    def name(self) -> str:
        return _in_language(self.names)

    @property
    def question(self) -> str:
        return _in_language(self.questions)

    def level(self, score: int) -> str:
        return _in_language(self.levels[score])

    @property
    def choices(self) -> list[tuple[int, str]]:
        return [(score, f"{score} · {self.level(score)}") for score in LEVELS]


def _in_language(texts: dict[str, str]) -> str:
    language = (get_language() or "en").split("-")[0]
    return texts.get(language) or texts["en"]


@functools.cache
def domains() -> tuple[Domain, ...]:
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    found = tuple(Domain(d["key"], d["name"], d["question"], tuple(d["levels"])) for d in data["domain"])
    for domain in found:
        if len(domain.levels) != len(LEVELS):
            raise ValueError(f"{DATA_FILE.name}: {domain.key} needs exactly {len(LEVELS)} levels (0–3)")
    return found


def domain_keys() -> list[str]:
    return [d.key for d in domains()]


def highest_total() -> int:
    return len(domains()) * LEVELS[-1]


# The six areas and their 0-3 range are those of a clinic scale (Mitchell-Pike): a sum of the
# parent's ratings, shown as "9 of 18", is read as that scale's score. It is always named for
# what it is and said to be no clinic score, in every output, with these words.
SUM_NAME = gettext_lazy("Sum of parent ratings")


def sum_note() -> str:
    return _(
        "The sum of the %(count)s parent ratings, from 0 to %(highest)s. It is not a clinical score and cannot be "
        "compared with any clinic score, such as the Mitchell-Pike scale."
    ) % {"count": len(domains()), "highest": highest_total()}


def described(scores: dict[str, int]) -> list[tuple[Domain, int | None, str]]:
    """Each domain with its rating and the words for it ("" when not rated)."""
    rows: list[tuple[Domain, int | None, str]] = []
    for domain in domains():
        score = scores.get(domain.key)
        rows.append((domain, score, domain.level(score) if score is not None else ""))
    return rows
