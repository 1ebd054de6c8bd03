"""No seeded page may give a sign an urgency the red-flag rules do not give it.

Every piece of seeded text (topics, FAQ, glossary, news, stories, demo_content.py) is read
for claims like "see a doctor today if ... wobbly" or "call 911 if ... cannot swallow", and
each is held against red_flags.toml. The urgency boxes themselves come from the rules.
"""

import json
from html import escape as html_escape

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale

from omshub.firststeps.blocks import UrgencyBoxBlock, box_signs
from omshub.firststeps.red_flags import RULES, Urgency
from omshub.pages import demo_content
from omshub.pages.seed_loader import SEED_DIR
from tests.firststeps.urgency_claims import SIGN_WORDS, Claim, claims_in, passages, signs_named

SEED_FILES = sorted(SEED_DIR.rglob("*.json"))


def _seeded_claims() -> list[Claim]:
    found: list[Claim] = []
    for path in SEED_FILES:
        for where, text in passages(json.loads(path.read_text(encoding="utf-8")), path.name):
            found += claims_in(text, where)
    module = {name: value for name, value in vars(demo_content).items() if name.isupper()}
    for where, text in passages(module, "demo_content.py"):
        found += claims_in(text, where)
    return found


def test_every_sign_in_the_rules_has_words_to_find_it_by():
    assert set(SIGN_WORDS) == {sign.key for sign in RULES.signs}
    for sign in RULES.signs:  # and the checklist's own wording is found by them, in both languages
        for language in ("en", "es"):
            if not sign.key.startswith("adult_"):
                assert sign.key in signs_named(sign.parent_texts[language]), (sign.key, language)


def test_the_seeded_pages_state_no_urgency_the_rules_do_not_give():
    claims = _seeded_claims()
    assert len(SEED_FILES) >= 15
    wrong = [
        f"{c.where}: {c.text!r} says {sorted(c.levels)}, rules {sorted(c.allowed)}" for c in claims if not c.agrees
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "passage",
    [
        # The old checklist's grading of irritability, written as a page might.
        "<p>See your child's doctor in the next few days if your child:</p>"
        "<ul><li>is very cranky and sleeps badly</li></ul>",
        "<p>Llame al 911 si su hijo tiene sacudidas.</p>",  # jerks alone are "today", not an emergency
        "<p>If your child chokes on food, see the doctor in the next few days.</p>",
        "<p>Pida una cita para los próximos días si mueve los ojos de forma rápida.</p>",
    ],
)
def test_the_check_catches_a_page_that_disagrees(passage):
    claims = list(claims_in(passage, "example"))
    assert claims and not all(claim.agrees for claim in claims)


def test_the_check_accepts_what_the_rules_say_and_ignores_text_without_an_urgency():
    agreeing = "<p>Get seen <b>today</b> if:</p><ul><li>darting eyes</li></ul><p>Call 911 if breathing is hard.</p>"
    assert [claim.agrees for claim in claims_in(agreeing, "example")] == [True, True]
    assert not list(claims_in("<p>Relapses often happen during an illness with fever.</p>", "example"))


def _urgency_boxes(data):
    if isinstance(data, dict):
        if data.get("type") == "urgency_box":
            yield data["value"]
        for value in data.values():
            yield from _urgency_boxes(value)
    elif isinstance(data, list):
        for value in data:
            yield from _urgency_boxes(value)


def test_the_topic_pages_urgent_lists_are_urgency_boxes_built_from_the_rules():
    boxes = [box for path in SEED_FILES for box in _urgency_boxes(json.loads(path.read_text(encoding="utf-8")))]
    assert len(boxes) >= 18  # signs, what-is-oms, while-you-wait, relapses, adults: each in two languages
    for value in boxes:
        cleaned = UrgencyBoxBlock().clean(UrgencyBoxBlock().to_python(value))
        assert box_signs(cleaned["level"], cleaned["group"], cleaned["signs"])
    for path in (SEED_DIR / "topics").glob("*.json"):
        assert '"kind": "urgent"' not in path.read_text(encoding="utf-8"), path.name


def test_no_seeded_text_grades_a_sign_as_soon_while_the_rules_say_more():
    # The specific danger the issue names: "in a few days" for a sign that needs today.
    late = [c for c in _seeded_claims() if Urgency.SOON in c.levels and max(c.allowed) > Urgency.SOON]
    assert not late, late


def test_a_topic_page_shows_its_boxes_from_the_rules_in_its_own_language(client, demo):
    from omshub.pages.models import TopicPage

    english = TopicPage.objects.get(slug="signs-and-symptoms")
    spanish = english.get_translation(Locale.objects.get(language_code="es"))
    html = client.get(english.url).content.decode()
    assert "Get seen by a doctor today if:" in html and "Call 911 or go to the emergency department now if:" in html
    for sign in RULES.group("new").signs:
        assert html_escape(sign.parent_texts["en"]) in html
    assert 'href="tel:911"' in html and 'href="/get-help-now/">Get help now</a>' in html
    html = client.get(spanish.url).content.decode()
    assert html_escape(RULES.sign("eyes").parent_texts["es"]) in html
    assert "Llame al 911 o vaya ahora a la sala de emergencias si:" in html
    assert 'href="/es/ayuda-ahora/">' in html


def test_the_relapse_page_warns_never_to_stop_steroids_suddenly(client, demo):
    from omshub.pages.models import TopicPage

    html = client.get(TopicPage.objects.get(slug="relapses").url).content.decode()
    assert html_escape(RULES.sign("treated_fever").parent_texts["en"]) in html
    assert "start making its own steroid again" in html


def test_a_box_whose_signs_have_another_level_is_refused_in_the_admin():
    block = UrgencyBoxBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"level": "emergency", "group": "new", "signs": ["eyes"]}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"level": "soon", "group": "new", "signs": []}))  # no sign is "soon" yet


def test_a_box_is_searchable_by_the_signs_it_lists():
    block = UrgencyBoxBlock()
    content = block.get_searchable_content(block.to_python({"level": "emergency", "group": "emergency", "signs": []}))
    assert RULES.sign("breathing").parent_texts["en"] in content
    assert RULES.sign("breathing").parent_texts["es"] in content
