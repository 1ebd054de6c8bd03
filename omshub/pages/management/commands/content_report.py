"""`manage.py content_report`: reading level of the seeded English topics, into docs/content.md."""

import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from omshub.pages.readability import Readability, measure
from omshub.pages.seed_loader import SEED_DIR
from omshub.search.text import clean
from omshub.search.vocabulary import TERMS

CITATION = re.compile(r"\[\d+\]")


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


def topic_readability() -> list[tuple[int, str, Readability]]:
    """(order, title, reading level) of each seeded English topic, in order."""
    glossary = json.loads((SEED_DIR / "glossary.json").read_text())
    medical = {w.lower() for entry in glossary["terms"] for w in re.findall(r"[A-Za-z]+", entry["en"]["term"])}
    medical |= set(TERMS["en"])
    rows = []
    for path in sorted((SEED_DIR / "topics").glob("*.json")):
        topic = json.loads(path.read_text())
        rows.append((topic["order"], topic["en"]["title"], measure(_prose(topic["en"]["body"]), medical)))
    return sorted(rows)


class Command(BaseCommand):
    help = "Measure the reading level of the seeded English topic pages and write docs/content.md."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = topic_readability()
        lines = [
            "# Content: reading level",
            "",
            "Written by `make content-report` (`manage.py content_report`). Flesch–Kincaid grade of each",
            "seeded English topic's body text (citations removed, list items as sentences).",
            '"Plain" counts each medical term the pages cannot avoid (glossary terms, the search',
            "vocabulary) as at most two syllables. Aim: grade 8 or below, plain.",
            "",
            "| # | topic | words | grade | plain grade |",
            "| ---: | --- | ---: | ---: | ---: |",
            *[f"| {o} | {t} | {r.words} | {r.grade} | {r.plain_grade} |" for o, t, r in rows],
            "",
        ]
        (Path(settings.BASE_DIR) / "docs" / "content.md").write_text("\n".join(lines))
        self.stdout.write("\n".join(lines))
