"""Turns the JSON files in seed/ into the Learn section: topics, FAQ, glossary and stories.

Each page is created once in English and once as its Spanish translation; a page that
exists already is left alone, so the foundation's edits survive another `load_demo`.
"""

import datetime
import json
from pathlib import Path
from typing import Any

from django.utils.text import Truncator
from wagtail.models import Locale, Page

from omshub.pages.models import FaqPage, GlossaryPage, SectionPage, StoryPage, TopicPage
from omshub.pages.news import ArticlePage, NewsIndexPage

SEED_DIR = Path(__file__).resolve().parent / "seed"

STORIES_SECTION = {
    "en": {"title": "Family stories", "slug": "family-stories", "intro": "Families share what OMS has meant for them."},
    "es": {
        "title": "Historias de familias",
        "slug": "historias-de-familias",
        "intro": "Familias cuentan lo que el OMS ha significado para ellas.",
    },
}


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _short(text: str) -> str:
    return Truncator(text).chars(200)


def _review_fields(references: list[dict[str, str]]) -> dict[str, Any]:
    """The references only: seeded pages await clinical review, so they carry no review date.

    The reviewer's name and dates are set when a medical reviewer approves the page
    (see review.py), never by the loader.
    """
    return {"references": [{"type": "reference", "value": reference} for reference in references]}


def _topic_fields(data: dict[str, Any], language: str) -> dict[str, Any]:
    text = data[language]
    return {
        "title": text["title"],
        "slug": text["slug"],
        "summary": text["summary"],
        "search_description": _short(text["summary"]),
        "body": text["body"],
        "is_main_topic": data["key"] == "what-is-oms",
        **_review_fields(data["references"]),
    }


def _faq_fields(data: dict[str, Any], language: str) -> dict[str, Any]:
    text = data[language]
    return {
        "title": text["title"],
        "slug": text["slug"],
        "intro": text["intro"],
        "search_description": _short(text["intro"]),
        "questions": [{"type": "question", "value": item} for item in text["questions"]],
        **_review_fields(data["references"]),
    }


def _glossary_fields(data: dict[str, Any], language: str) -> dict[str, Any]:
    other = "es" if language == "en" else "en"
    text = data[language]
    terms = [
        {"type": "term", "value": {**entry[language], "other_term": entry[other]["term"]}} for entry in data["terms"]
    ]
    return {
        **{k: text[k] for k in ("title", "slug", "intro")},
        "search_description": _short(text["intro"]),
        "terms": terms,
        **_review_fields(data["references"]),
    }


def _story_fields(data: dict[str, Any], language: str) -> dict[str, Any]:
    text = data[language]
    return {
        **{k: text[k] for k in ("title", "slug", "summary", "body")},
        "search_description": _short(text["summary"]),
        "consent_given": True,
        "is_example": True,
    }


def _article_fields(data: dict[str, Any], language: str) -> dict[str, Any]:
    text = data[language]
    return {
        **{k: text[k] for k in ("title", "slug", "summary", "body")},
        "search_description": _short(text["summary"]),
        "date": datetime.date.fromisoformat(data["date"]),
        **_review_fields(data["references"]),
    }


def _intro_page_fields(data: dict[str, Any], language: str) -> dict[str, Any]:
    """Fields of a page that is a title, slug and introduction (a section, the news index)."""
    return {**data[language], "search_description": data[language]["intro"]}


def _ensure(parent: Page, model: type[Page], data: dict[str, Any], fields_for: Any, spanish: Locale) -> Page:
    """The English page under `parent` and its Spanish translation, created when missing."""
    english_fields = fields_for(data, "en")
    page = parent.get_children().filter(slug=english_fields["slug"]).first()
    if page is None:
        page = model(locale=parent.locale, **english_fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    page = page.specific
    translation_ensure(page, spanish, fields_for(data, "es"))
    return page


def translation_ensure(page: Page, locale: Locale, fields: dict[str, Any]) -> Page:
    """The page's live translation into `locale`, copied and filled in with `fields` if missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale).specific
    for field, value in fields.items():
        setattr(translation, field, value)
    translation.save()
    translation.save_revision().publish()
    return translation


def learn_section_load(learn: Page, spanish: Locale) -> None:
    """Create whatever of the Learn section's pages is missing, in both languages."""
    topics = sorted((_read(path) for path in (SEED_DIR / "topics").glob("*.json")), key=lambda t: t["order"])
    for topic in topics:
        _ensure(learn, TopicPage, topic, _topic_fields, spanish)
    _ensure(learn, FaqPage, _read(SEED_DIR / "faq.json"), _faq_fields, spanish)
    _ensure(learn, GlossaryPage, _read(SEED_DIR / "glossary.json"), _glossary_fields, spanish)
    news_data = _read(SEED_DIR / "news.json")
    news = _ensure(learn, NewsIndexPage, news_data, _intro_page_fields, spanish)
    for article_data in news_data["articles"]:
        article = _ensure(news, ArticlePage, article_data, _article_fields, spanish)
        if not article.tags.exists():
            article.tags.add(*article_data["tags"])
            article.save_revision().publish()
    stories = _ensure(learn, SectionPage, STORIES_SECTION, _intro_page_fields, spanish)
    for path in sorted((SEED_DIR / "stories").glob("*.json")):
        _ensure(stories, StoryPage, _read(path), _story_fields, spanish)
