"""Distances from known coordinates: five services, three ZIP codes, the order each family sees."""

import pytest

from omshub.carefinder.geo import find_place, miles_between
from omshub.carefinder.models import CareService
from omshub.carefinder.selectors import Filters, services_near
from tests.carefinder.helpers import service_at

pytestmark = pytest.mark.django_db

SERVICES = {
    "90027": "Los Angeles",
    "92123": "San Diego",
    "94304": "Palo Alto",
    "77030": "Houston",
    "19104": "Philadelphia",
}


@pytest.fixture
def five_services():
    CareService.objects.all().delete()  # the demo's own examples, when another test loaded them (rolled back)
    return {name: service_at(zip_code, name) for zip_code, name in SERVICES.items()}


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        ("90210", ["Los Angeles", "San Diego", "Palo Alto", "Houston", "Philadelphia"]),  # Beverly Hills
        ("78701", ["Houston", "San Diego", "Los Angeles", "Philadelphia", "Palo Alto"]),  # Austin
        ("10001", ["Philadelphia", "Houston", "San Diego", "Los Angeles", "Palo Alto"]),  # New York
    ],
)
def test_services_come_nearest_first(five_services, origin, expected):
    results = services_near(find_place(origin).point, miles=None, filters=Filters())
    assert [item.service.name for item in results.nearby] == expected
    miles = [item.miles for item in results.nearby]
    assert miles == sorted(miles)


def test_distances_match_known_figures():
    """Great-circle miles between ZIP centres, within a mile of the published city distances."""
    los_angeles, new_york = find_place("90027").point, find_place("10001").point
    assert miles_between(los_angeles, new_york) == pytest.approx(2447, abs=5)
    assert miles_between(find_place("77030").point, find_place("78701").point) == pytest.approx(146, abs=5)


def test_a_distance_limit_leaves_out_what_is_further(five_services):
    results = services_near(find_place("90210").point, miles=250, filters=Filters())
    assert [item.service.name for item in results.nearby] == ["Los Angeles", "San Diego"]
    assert results.total == 2


def test_filters_spanish_telehealth_and_self_referral(five_services):
    near = find_place("90210").point
    service_at("90033", "Spanish-speaking clinic", languages=("en", "es"), telehealth=True, referral_only=False)
    names = lambda filters: [i.service.name for i in services_near(near, miles=None, filters=filters).nearby]  # noqa: E731
    assert names(Filters(spanish=True)) == ["Spanish-speaking clinic"]
    assert names(Filters(telehealth=True)) == ["Spanish-speaking clinic"]
    assert names(Filters(self_referral=True)) == ["Spanish-speaking clinic"]
    assert len(names(Filters())) == 6


def test_unlisted_services_and_the_limit(five_services):
    five_services["Los Angeles"].is_listed = False
    five_services["Los Angeles"].save()
    results = services_near(find_place("90210").point, miles=None, filters=Filters(), limit=2)
    assert [item.service.name for item in results.nearby] == ["San Diego", "Palo Alto"]
    assert results.total == 4


def test_coordinates_follow_the_zip_code_on_every_save(five_services):
    service = five_services["Houston"]
    service.zip_code = "19104"
    service.save()
    assert (service.latitude, service.longitude) == (five_services["Philadelphia"].latitude,
                                                     five_services["Philadelphia"].longitude)  # fmt: skip
