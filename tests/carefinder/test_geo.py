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


@pytest.mark.parametrize(
    "typed",
    ["٩٠٠٢٧", "９００２７", "9002７", "90027-١٢٣٤"],  # Arabic-Indic and full-width digits (found by the fuzz tests)
)
def test_digits_of_any_script_are_a_zip_code(typed):
    """The zipcodes package cut such text by bytes and panicked (a server error); now they are read as digits."""
    assert find_place(typed).label == "90027, Los Angeles, CA"


@pytest.mark.parametrize(("typed", "reason"), [("9002²", "zip_format"), ("٩٩٩٩٩", "unknown_zip")])
def test_digit_like_characters_are_still_checked(typed, reason):
    with pytest.raises(PlaceNotFound) as refused:
        find_place(typed)
    assert refused.value.reason == reason


def test_a_zip_code_in_other_digits_is_no_service_address():
    assert zip_point("٩٠٠٢٧") is None  # staff type a service's ZIP code in ASCII digits
