"""Plain text for search: pulled out of a page's fields and folded for matching."""

import html
import re
import unicodedata
from typing import Any

from wagtail.fields import StreamField
from wagtail.models import Page

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
TEXT_FIELDS = ("search_description", "summary", "intro", "hero_text", "beneficiary")
SKIPPED_KEYS = {"type", "id", "url", "page", "image", "kind"}
SKIPPED_FIELDS = {"references"}  # citations would make every page match author names


def fold(text: str) -> str:
    """Lower case without accents: "Síntomas" -> "sintomas"."""
    if text.isascii():  # most text: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in SKIPPED_KEYS for text in _strings(item)]
    return []


def clean(text: str) -> str:
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", text))).strip()


def page_text(page: Page) -> str:
    """Every piece of prose on the page: its plain fields, then its StreamFields' text."""
    parts = [str(getattr(page, name)) for name in TEXT_FIELDS if getattr(page, name, "")]
    for field in page._meta.get_fields():
        if isinstance(field, StreamField) and field.name not in SKIPPED_FIELDS:
            parts += _strings(list(getattr(page, field.name).raw_data))
    return clean(" ".join(dict.fromkeys(parts)))  # a summary repeated as the description counts once
