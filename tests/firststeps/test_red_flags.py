import pytest

from omshub.firststeps.red_flags import Urgency, signs_from_keys, urgency_for


@pytest.mark.parametrize(
    ("keys", "urgency"),
    [
        ([], Urgency.NONE),
        (["irritable"], Urgency.SOON),
        (["speech"], Urgency.TODAY),
        (["swallowing"], Urgency.TODAY),
        (["ataxia_not_settling"], Urgency.SOON),
        (["eyes"], Urgency.TODAY),
        (["unsteady"], Urgency.TODAY),
        (["irritable", "speech"], Urgency.TODAY),
        (["eyes", "seizure"], Urgency.EMERGENCY),
        (["breathing"], Urgency.EMERGENCY),
    ],
)
def test_urgency(keys, urgency):
    assert urgency_for(signs_from_keys(keys)) == urgency


def test_unknown_keys_are_ignored_and_order_is_the_checklists():
    assert [sign.key for sign in signs_from_keys(["jerks", "nonsense", "eyes"])] == ["eyes", "jerks"]
