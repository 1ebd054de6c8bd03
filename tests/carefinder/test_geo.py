"""Places a family types: ZIP codes, cities with or without a state, and what is not a place."""

import pytest

from omshub.carefinder.geo import PlaceNotFound, box_around, find_place, miles_between, zip_point


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("90027", "90027, Los Angeles, CA"),
        (" 90027-1234 ", "90027, Los Angeles, CA"),
        ("Los Angeles", "Los Angeles, CA"),
        ("los angeles, ca", "Los Angeles, CA"),
        ("Austin TX", "Austin, TX"),
        ("St. Louis, MO", "Saint Louis, MO"),
        ("Miami", "Miami, FL"),  # the big city, not its small namesakes
    ],
)
def test_places_are_found(typed, label):
    assert find_place(typed).label == label


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("", "empty"), ("123", "zip_format"), ("9002a", "zip_format"), ("00000", "unknown_zip"),
     ("Atlantis", "unknown_city"), ("Springfield", "which_state"), ("Los Angeles, TX", "unknown_city")],
)  # fmt: skip
def test_what_is_not_a_place_says_why(typed, reason):
    with pytest.raises(PlaceNotFound) as raised:
        find_place(typed)
    assert raised.value.reason == reason


def test_an_ambiguous_city_names_its_states():
    with pytest.raises(PlaceNotFound) as raised:
        find_place("Springfield")
    assert {"IL", "MA", "MO"} <= set(raised.value.states)


@pytest.mark.parametrize("miles", [25, 100, 250])
def test_the_box_holds_every_point_within_the_distance(miles):
    centre = find_place("90027").point
    box = box_around(centre, miles)
    for zip_code in ("90210", "91101", "93101", "92123", "92868", "93721", "94304", "89101", "85004"):
        point = zip_point(zip_code)
        assert point is not None
        inside = box.south <= point.latitude <= box.north and box.west <= point.longitude <= box.east
        if miles_between(centre, point) <= miles:
            assert inside, zip_code
