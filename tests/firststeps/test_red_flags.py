"""The rules file: read and checked at import, and a bad file refused with a message that says why."""

import dataclasses

import pytest

from omshub.firststeps.red_flags import DATA_FILE, LEVELS, RULES, RulesError, Urgency, load_rules
from omshub.firststeps.triage import signs_from_keys, suggests_oms, triage, urgency_for

TEXT = DATA_FILE.read_text(encoding="utf-8")


def test_every_sign_speaks_both_languages_to_parents_and_doctors_and_has_a_source():
    assert len(RULES.signs) >= 20
    for sign in RULES.signs:
        assert set(sign.parent_texts) == set(sign.doctor_texts) == {"en", "es"}
        assert sign.parent_texts["en"] != sign.parent_texts["es"], sign.key  # really translated
        assert sign.source


def test_the_file_says_who_reviews_it():
    header = TEXT.split("\n\n")[0]
    assert "REVIEWED BY" in header and "medical reviewer" in header
    assert RULES.status


def test_each_level_has_its_words_and_the_numbers_are_american():
    assert set(RULES.levels) == set(LEVELS.values())
    assert RULES.emergency_number == "911"
    assert RULES.poison_control_number == "1-800-222-1222"


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (TEXT.replace('level = "today"', 'level = "later"', 1), "sign 'eyes': level 'later' must be one of"),
        (TEXT.replace('key = "jerks"', 'key = "eyes"', 1), "sign 'eyes': this key is used twice"),
        (TEXT.replace('es = "Tiene dificultad para respirar"', 'es = ""', 1), "sign 'breathing' parent: the es text"),
        (TEXT.replace('source = "General safety advice (raised', 'sorce = "x (', 1), "missing source"),
        (TEXT.replace('group = "adult"', 'group = "grown-ups"', 1), "names a group that does not exist"),
        (TEXT.replace('oms_feature = "mood"', 'oms_feature = "sleep"', 1), "oms_feature 'sleep' must be one of"),
        (TEXT.replace("[levels.soon]", "[levels.later]", 1), "[levels]: needs exactly the levels"),
        (TEXT + "\n[[sign]\n", "not valid TOML"),
    ],
)
def test_a_bad_file_fails_loudly_naming_the_problem(broken, message):
    with pytest.raises(RulesError) as raised:
        load_rules(broken)
    assert message in str(raised.value)
    assert str(raised.value).startswith("red_flags.toml: ")


@pytest.mark.parametrize(
    ("keys", "urgency"),
    [
        ([], Urgency.NONE),
        (["irritable"], Urgency.TODAY),
        (["jerks"], Urgency.TODAY),
        (["ataxia_not_settling"], Urgency.TODAY),
        (["drooling"], Urgency.TODAY),
        (["swallowing"], Urgency.EMERGENCY),
        (["eyes", "seizure"], Urgency.EMERGENCY),
        (["swallowed_something"], Urgency.EMERGENCY),
        (["adult_sudden_unsteady"], Urgency.EMERGENCY),
        (["treated_fever"], Urgency.TODAY),
    ],
)
def test_urgency(keys, urgency):
    assert urgency_for(signs_from_keys(keys)) == urgency


def test_two_signs_are_never_less_than_today():
    # No sign is "soon" in today's file; a clinician may make one so, and two still mean today.
    fake = [dataclasses.replace(sign, level=Urgency.SOON) for sign in RULES.signs[:2]]
    assert urgency_for(fake[:1]) == Urgency.SOON
    assert urgency_for(fake) == Urgency.TODAY


def test_unknown_keys_are_ignored_and_order_is_the_checklists():
    assert [sign.key for sign in signs_from_keys(["jerks", "nonsense", "eyes"])] == ["eyes", "jerks"]


@pytest.mark.parametrize(
    ("keys", "oms"),
    [
        (["eyes"], True),
        (["unsteady", "jerks"], True),
        (["irritable", "unsteady"], True),
        (["unsteady"], False),
        (["jerks"], False),
        (["unsteady", "ataxia_not_settling"], False),  # both are unsteadiness: one feature
        (["speech", "drooling", "baby_jerk_clusters"], False),
    ],
)
def test_only_eyes_or_two_core_features_suggest_oms(keys, oms):
    assert suggests_oms(signs_from_keys(keys)) is oms


def test_poison_and_steroid_advice_come_with_the_result():
    assert triage(["swallowed_something"]).poison_control
    assert not triage(["eyes"]).poison_control
    notes = triage(["steroid_vomiting"]).notes
    assert notes and "start making its own steroid again" in notes[0]
    assert triage(["adult_sudden_unsteady", "adult_unsteady_with"]).advice == [
        "This can be a stroke. Call 911 and note the time it started."
    ]
    assert triage(["relapse", "eyes"]).letter_keys == ["eyes"]
