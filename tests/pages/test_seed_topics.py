"""Every seeded topic file: both languages, sources that lead to the source, and citations that exist.

Read straight from the JSON files, so a broken reference fails here before any page is built.
"""

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from omshub.pages.seed_loader import SEED_DIR

TOPIC_FILES = sorted((SEED_DIR / "topics").glob("*.json"))
CITATION = re.compile(r"\[(\d+)\]")
# The levels of the red-flag checklist (firststeps.red_flags.Urgency) a reviewer can add as boxes.
URGENCY_LEVELS = {"soon", "today", "emergency"}
# A link to a list of search results is not a source: it changes and may not show the paper.
SEARCH_LINK = re.compile(r"[?&](term|q|query|search)=|/search\b|google\.", re.IGNORECASE)
# Files written before this rule whose references are being replaced with DOI/PubMed links on
# another branch (issue 12, review records and references). Empty this set once that lands.


def _topic(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _strings(value: Any) -> list[str]:
    """Every string inside a block's value, however deeply it is nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _cited(topic: dict[str, Any], language: str) -> set[int]:
    text = " ".join([*_strings(topic[language]["body"]), topic[language]["summary"]])
    return {int(n) for n in CITATION.findall(text)}


def _ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


def test_there_are_topics():
    assert len(TOPIC_FILES) >= 23


@pytest.mark.parametrize("path", TOPIC_FILES, ids=_ids(TOPIC_FILES))
def test_topic_has_both_languages(path):
    topic = _topic(path)
    assert topic["key"] == path.stem
    for language in ("en", "es"):
        text = topic[language]
        assert text["title"] and text["slug"] and text["summary"], language
        assert len(text["summary"]) <= 400, language  # TopicPage.summary's max_length
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text["slug"]), text["slug"]
        assert len(text["body"]) >= 3, language
        assert {block["type"] for block in text["body"]} <= {
            "heading",
            "paragraph",
            "callout",
            "key_facts",
            "faq",
            "urgency_box",
        }


def test_orders_and_slugs_are_unique():
    topics = [_topic(path) for path in TOPIC_FILES]
    orders = [topic["order"] for topic in topics]
    assert len(set(orders)) == len(orders), sorted(orders)
    for language in ("en", "es"):
        slugs = [topic[language]["slug"] for topic in topics]
        assert len(set(slugs)) == len(slugs), language


@pytest.mark.parametrize("path", TOPIC_FILES, ids=lambda path: path.stem)
def test_references_lead_to_the_source(path):
    references = _topic(path)["references"]
    assert references
    for reference in references:
        assert reference["label"].strip()
        if "url" not in reference:
            # No identifier could be verified: a full citation (with its year) stands without a link.
            assert re.search(r"(19|20)\d\d", reference["label"]), reference["label"]
            continue
        url = urlsplit(reference["url"])
        assert url.scheme == "https" and url.netloc, reference["url"]
        assert not SEARCH_LINK.search(reference["url"]), reference["url"]


@pytest.mark.parametrize("path", TOPIC_FILES, ids=_ids(TOPIC_FILES))
def test_every_citation_exists_and_every_reference_is_cited(path):
    topic = _topic(path)
    numbers = set(range(1, len(topic["references"]) + 1))
    for language in ("en", "es"):
        cited = _cited(topic, language)
        assert cited, f"{language} cites nothing"
        assert cited <= numbers, f"{language} cites {sorted(cited - numbers)}, not in the list"
        assert numbers <= cited, f"{language} never cites {sorted(numbers - cited)}"


@pytest.mark.parametrize("path", TOPIC_FILES, ids=_ids(TOPIC_FILES))
def test_urgency_requests_name_checklist_levels(path):
    topic = _topic(path)
    assert set(topic.get("urgency_needed", [])) <= URGENCY_LEVELS


def test_the_search_link_rule_catches_search_pages():
    assert SEARCH_LINK.search("https://pubmed.ncbi.nlm.nih.gov/?term=Pike+2013")
    assert SEARCH_LINK.search("https://www.google.com/search?q=oms")
    assert not SEARCH_LINK.search("https://pubmed.ncbi.nlm.nih.gov/19423368/")
    assert not SEARCH_LINK.search("https://doi.org/10.3389/fneur.2017.00468")


# Spanish for US Latino families names the condition SOMA and keeps one word for each idea.
SOMA_NOTE = "SOMA; en inglés, OMS; no es la Organización Mundial de la Salud"
NOT_IN_SPANISH = {
    r"\b(el|del|al) OMS\b": "SOMA, never el OMS",
    r"\bIVIG\b": "IGIV",
    r"\b(MRI|CT)\b": "RM and TC",
    r"\bseñales?\b": "signos",
    r"\bflojo": "sin fuerza",
    r"\brabietas?\b": "ataques de rabia intensos",
}


def _spanish_text(topic: dict[str, Any]) -> str:
    return " ".join([topic["es"]["summary"], *_strings(topic["es"]["body"])])


SOMA_TOPICS = [path for path in TOPIC_FILES if "SOMA" in _spanish_text(_topic(path))]


def test_new_topics_name_the_condition_soma():
    assert len(SOMA_TOPICS) >= 12


@pytest.mark.parametrize("path", SOMA_TOPICS, ids=_ids(SOMA_TOPICS))
def test_spanish_first_mention_of_soma_says_what_it_is(path):
    text = _spanish_text(_topic(path))
    first = text.index("SOMA")
    assert text[first : first + len(SOMA_NOTE)] == SOMA_NOTE, text[first - 60 : first + 80]
    for pattern, instead in NOT_IN_SPANISH.items():
        # The card for English-speaking staff in the sick-day plan quotes the English name on purpose.
        found = re.findall(pattern, text.replace("opsoclonus-myoclonus syndrome, OMS", ""))
        assert not found, f"{found} in {path.stem}: use {instead}"


# Haemophilus keeps its "ae": it is the bacterium's Latin name in American English too.
BRITISH_SPELLING = re.compile(
    r"\b(tumour|behaviour|paediatric|colour|centre|organis|recognis|immunis|haem(?!ophilus)|oesophag|anaemi|leukaem"
    r"|diarrhoea|paracetamol|programme|judgement)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", TOPIC_FILES, ids=_ids(TOPIC_FILES))
def test_english_uses_american_spelling(path):
    topic = _topic(path)
    text = " ".join([topic["en"]["title"], topic["en"]["summary"], *_strings(topic["en"]["body"])])
    assert not BRITISH_SPELLING.findall(text)


# The same rules over every other seed file a Spanish reader sees: FAQ, glossary, news and stories.
SEED_FILES = sorted(SEED_DIR.rglob("*.json"))
# Phrases that quote the English on purpose, so a family can match what English papers and staff say.
QUOTED_ENGLISH = ("opsoclonus-myoclonus syndrome, OMS", "En inglés se llama IVIG")


def _spanish_pages(path: Path) -> list[str]:
    """The Spanish text of each page the file makes, in reading order (its title aside)."""
    seed = _topic(path)
    spanish = seed["es"]
    if "body" in spanish:  # a topic or a story
        return [_spanish_text(seed)]
    if "questions" in spanish:  # the FAQ
        return [" ".join([spanish["intro"], *_strings(spanish["questions"])])]
    if "terms" in seed:  # the glossary: its intro, and the entry that defines the condition
        condition = [t["es"]["definition"] for t in seed["terms"] if "SOMA" in t["es"]["term"]]
        return [spanish["intro"], *condition]
    if "articles" in seed:  # the news index and each article
        articles = [" ".join([a["es"]["summary"], *_strings(a["es"]["body"])]) for a in seed["articles"]]
        return [spanish["intro"], *articles]
    raise AssertionError(f"{path.name}: a seed file this test does not know")


def _all_spanish(path: Path) -> str:
    def walk(value: Any, spanish: bool) -> list[str]:
        if isinstance(value, dict):
            return [s for key, item in value.items() for s in walk(item, spanish or key == "es")]
        if isinstance(value, list):
            return [s for item in value for s in walk(item, spanish)]
        return [value] if spanish and isinstance(value, str) else []

    text = " ".join(walk(_topic(path), False))
    for quote in QUOTED_ENGLISH:
        text = text.replace(quote, "")
    return text


def _seed_id(path: Path) -> str:
    return str(path.relative_to(SEED_DIR).with_suffix(""))


@pytest.mark.parametrize("path", SEED_FILES, ids=[_seed_id(p) for p in SEED_FILES])
def test_every_spanish_page_spells_out_soma_at_first_mention(path):
    pages = _spanish_pages(path)
    for text in pages:
        if "SOMA" not in text:
            continue
        first = text.index("SOMA")
        assert text[first : first + len(SOMA_NOTE)] == SOMA_NOTE, text[max(0, first - 60) : first + 80]
    assert any("SOMA" in text for text in pages), f"{path.name} never names the condition in Spanish"


@pytest.mark.parametrize("path", SEED_FILES, ids=[_seed_id(p) for p in SEED_FILES])
def test_no_seed_file_says_el_oms_or_a_misleading_word(path):
    text = _all_spanish(path)
    for pattern, instead in {
        **NOT_IN_SPANISH,
        r"\bla OMS\b": "el SOMA (la OMS is the World Health Organization)",
        r"\bparpade": "ojos que se movían sin parar",
        # "opsoclonus" alone may stay where the English word is quoted; the Spanish name is one term.
        r"\bopsoclon[íi]a\b|opsoclonus-mioclonus|opsoclono-mioclonus": "opsoclono-mioclono",
    }.items():
        found = re.findall(pattern, text)
        assert not found, f"{found} in {path.name}: use {instead}"
    # OMS stands alone only where the text explains the English name or names a group or this site.
    bare = re.findall(r".{0,20}\bOMS\b(?! Hub| Study Group).{0,20}", text)
    assert all("en inglés" in hit or "OMS, OMA u OMAS" in hit for hit in bare), bare


@pytest.mark.parametrize("path", SEED_FILES, ids=[_seed_id(p) for p in SEED_FILES])
def test_every_english_seed_text_uses_american_spelling(path):
    """References keep their journals' own spelling (Eur J Paediatr Neurol); the site's words do not."""

    def english(value: Any, inside: bool) -> list[str]:
        if isinstance(value, dict):
            return [
                s for key, item in value.items() if key != "references" for s in english(item, inside or key == "en")
            ]
        if isinstance(value, list):
            return [s for item in value for s in english(item, inside)]
        return [value] if inside and isinstance(value, str) else []

    found = BRITISH_SPELLING.findall(" ".join(english(_topic(path), False)))
    assert not found, f"{found} in {path.name}"


@pytest.mark.parametrize("path", TOPIC_FILES, ids=_ids(TOPIC_FILES))
def test_both_languages_show_the_same_urgency_boxes_and_short_headings(path):
    topic = _topic(path)
    boxes = {
        language: [block["value"] for block in topic[language]["body"] if block["type"] == "urgency_box"]
        for language in ("en", "es")
    }
    assert boxes["en"] == boxes["es"]
    for box in boxes["en"]:
        assert box["level"] in URGENCY_LEVELS and box["group"] in {"emergency", "new", "treated", "adult"}, box
    for language in ("en", "es"):
        for block in topic[language]["body"]:
            if block["type"] == "heading":
                assert len(block["value"]) <= 120, block["value"]  # the heading block's max_length
