"""`manage.py content_report`: reading level of the seeded topics in both languages, into docs/content.md."""

import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from omshub.pages.readability import Readability, SpanishReadability, fold, measure, measure_spanish
from omshub.pages.seed_loader import SEED_DIR
from omshub.search.text import clean
from omshub.search.vocabulary import TERMS

CITATION = re.compile(r"\[\d+\]")
# Fernández-Huerta 60-70 is "normal", the level of US grades 7 and 8; above 70 is easier.
SPANISH_AIM = 60.0


def _prose(blocks: list[dict[str, Any]]) -> str:
    parts: list[str] = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "paragraph":
            # Each list item reads as its own sentence.
            parts.append(re.sub(r"</li>", ". </li>", value))
        elif block["type"] == "callout":
            parts.append(value["text"])
        elif block["type"] == "key_facts":
            parts += [fact + "." for fact in value]
        elif block["type"] == "faq":
            parts += [item["answer"] for item in value]
    return CITATION.sub("", clean(" ".join(parts)))


def _topics() -> list[dict[str, Any]]:
    topics = [json.loads(path.read_text(encoding="utf-8")) for path in (SEED_DIR / "topics").glob("*.json")]
    return sorted(topics, key=lambda topic: topic["order"])


def _medical_terms(language: str) -> set[str]:
    """Words of the glossary's terms and the search vocabulary, folded, in one language."""
    glossary = json.loads((SEED_DIR / "glossary.json").read_text(encoding="utf-8"))
    words = {fold(w) for entry in glossary["terms"] for w in re.findall(r"[^\W\d_]+", entry[language]["term"])}
    return words | {fold(term) for term in TERMS[language]}


def topic_readability() -> list[tuple[int, str, Readability]]:
    """(order, title, reading level) of each seeded English topic, in order."""
    medical = _medical_terms("en")
    return [(t["order"], t["en"]["title"], measure(_prose(t["en"]["body"]), medical)) for t in _topics()]


def topic_readability_spanish() -> list[tuple[int, str, SpanishReadability]]:
    """(order, title, reading ease) of each seeded Spanish topic, in order."""
    medical = _medical_terms("es")
    return [(t["order"], t["es"]["title"], measure_spanish(_prose(t["es"]["body"]), medical)) for t in _topics()]


def urgency_requests() -> list[tuple[int, str, list[str]]]:
    """(order, title, levels) of each topic that asks a reviewer for generated urgency boxes."""
    return [(t["order"], t["en"]["title"], t["urgency_needed"]) for t in _topics() if t.get("urgency_needed")]


def report_lines() -> list[str]:
    english = topic_readability()
    spanish = topic_readability_spanish()
    urgency = urgency_requests()
    return [
        "# Content: reading level",
        "",
        "Written by `make content-report` (`manage.py content_report`) from the seed files, so it needs no",
        "database. Body text of each seeded topic, citations removed, list items read as sentences.",
        '"Plain" counts each medical term the pages cannot avoid (glossary terms, the search vocabulary)',
        "as at most two syllables.",
        "",
        "## English",
        "",
        "Flesch–Kincaid grade. Aim: grade 8 or below, plain.",
        "",
        "| # | topic | words | grade | plain grade |",
        "| ---: | --- | ---: | ---: | ---: |",
        *[f"| {o} | {t} | {r.words} | {r.grade} | {r.plain_grade} |" for o, t, r in english],
        "",
        "## Spanish",
        "",
        "Fernández-Huerta ease (higher is easier; 60–70 is the level of US grades 7–8, 70–80 of grade 6)",
        "and the Szigriszt-Pazos score read on the INFLESZ scale (55–65 normal, 65–80 fairly easy).",
        "Syllables are counted by the rules of Spanish spelling (hiatus and diphthongs).",
        f"Aim: Fernández-Huerta {SPANISH_AIM:.0f} or more, plain.",
        "",
        "| # | topic | words | Fernández-Huerta | plain | INFLESZ |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
        *[
            f"| {o} | {t} | {r.words} | {r.fernandez_huerta} | {r.plain_fernandez_huerta} | {r.inflesz} |"
            for o, t, r in spanish
        ],
        "",
        "## Urgency boxes requested",
        "",
        "Topics do not write their own warning signs with an urgency: they point to the Get help now",
        "checklist and list, under `urgency_needed` in their seed file, the checklist levels a reviewer",
        "should add as boxes generated from the reviewed red-flag rules.",
        "",
        "| # | topic | levels |",
        "| ---: | --- | --- |",
        *[f"| {o} | {t} | {', '.join(levels)} |" for o, t, levels in urgency],
        "",
    ]


class Command(BaseCommand):
    help = "Measure the reading level of the seeded topic pages in English and Spanish and write docs/content.md."

    def handle(self, *args: Any, **options: Any) -> None:
        lines = report_lines()
        (Path(settings.BASE_DIR) / "docs" / "content.md").write_text("\n".join(lines), encoding="utf-8")
        self.stdout.write("\n".join(lines))
