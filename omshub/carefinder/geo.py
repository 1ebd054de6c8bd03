"""Where a family is and how far each service is: US ZIP codes and cities to coordinates, offline.

The coordinates come from the `zipcodes` package, which ships the whole US table inside its
wheel (docs/decisions/0009-zip-code-distances.md): no request ever waits on a geocoding
service. A city is the centre of its ZIP codes. Distances are great-circle miles.
"""

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import zipcodes

EARTH_RADIUS_MILES = 3958.8
ZIP_PATTERN = re.compile(r"^\d{5}(?:[- ]?\d{4})?$", re.ASCII)  # the zipcodes package reads ASCII digits only
STATES = frozenset(
    ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
     "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
     "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "VI", "GU",
     "AS", "MP"]
)  # fmt: skip


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Place:
    """What the family typed, found: a label to show back ("90027, Los Angeles, CA") and its point."""

    label: str
    point: Point


class PlaceNotFound(ValueError):
    """Why a typed place could not be found; `reason` is one of the keys in forms.PLACE_ERRORS."""

    def __init__(self, reason: str, typed: str, *, states: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason, self.typed, self.states = reason, typed, states


@lru_cache(maxsize=4096)
def _zip_entry(zip5: str) -> tuple[str, str, Point] | None:
    """City, state and centre of a 5-digit ZIP code (a lookup takes a millisecond or two: remembered)."""
    found = zipcodes.matching(zip5)
    if not found or not found[0].get("lat"):
        return None
    entry = found[0]
    return entry["city"], entry["state"], Point(float(entry["lat"]), float(entry["long"]))


def zip_point(zip_code: str) -> Point | None:
    """The centre of a US ZIP code, or None for one that does not exist."""
    if not ZIP_PATTERN.match(zip_code.strip()):
        return None
    entry = _zip_entry(zip_code.strip()[:5])
    return entry[2] if entry else None


def _fold(text: str) -> str:
    """Lower case without accents or dots: "Cañon City" and "canon city", "St. Louis" and "Saint Louis" meet."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = re.sub(r"[\s.]+", " ", plain).strip().casefold()
    return re.sub(r"^(st|ste|ft|mt) ", lambda m: SHORT_WORDS[m.group(1)], folded)


SHORT_WORDS = {"st": "saint ", "ste": "sainte ", "ft": "fort ", "mt": "mount "}


@cache
def _cities() -> dict[str, dict[str, tuple[str, Point, int]]]:
    """Folded city name -> state -> (its name as written, the median point of its ZIP codes, how many). Built once.

    The median, not the mean: a city's few PO-box or unique ZIP codes can sit far from it.
    """
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    names: dict[tuple[str, str], str] = {}
    for entry in zipcodes.list_all():
        if not entry.get("lat") or entry.get("country") != "US":
            continue
        key = (_fold(entry["city"]), entry["state"])
        points.setdefault(key, []).append((float(entry["lat"]), float(entry["long"])))
        names[key] = entry["city"]
    cities: dict[str, dict[str, tuple[str, Point, int]]] = {}
    for (city, state), found in points.items():
        centre = Point(statistics.median(p[0] for p in found), statistics.median(p[1] for p in found))
        cities.setdefault(city, {})[state] = (names[(city, state)], centre, len(found))
    return cities


def _ascii_digits(text: str) -> str:
    """Digits of any script as ASCII ones: 90027 typed in a phone's full-width or Arabic-Indic digits is 90027."""
    return "".join(str(value) if (value := unicodedata.decimal(c, None)) is not None else c for c in text)


def find_place(typed: str) -> Place:
    """A ZIP code ("90027", "90027-1234") or a city ("Los Angeles", "Los Angeles, CA"); else PlaceNotFound."""
    text = _ascii_digits(" ".join(typed.split()))
    if not text:
        raise PlaceNotFound("empty", typed)
    digits = text.replace("-", "").replace(" ", "")
    if digits.isdigit():
        if not ZIP_PATTERN.match(text):
            raise PlaceNotFound("zip_format", text)
        entry = _zip_entry(text[:5])
        if entry is None:
            raise PlaceNotFound("unknown_zip", text[:5])
        city, state, point = entry
        return Place(f"{text[:5]}, {city}, {state}", point)
    if any(character.isdigit() for character in text):
        raise PlaceNotFound("zip_format", text)
    city, _, state = text.rpartition(",") if "," in text else (text, "", "")
    city, state = city.strip(), state.strip().upper()
    if not state:  # "Austin TX" without the comma
        words = city.split()
        if len(words) > 1 and words[-1].upper() in STATES:
            city, state = " ".join(words[:-1]), words[-1].upper()
    in_states = _cities().get(_fold(city))
    if not in_states or (state and state not in in_states):
        raise PlaceNotFound("unknown_city", text)
    if not state:
        obvious = _obvious_state(in_states)
        if obvious is None:
            raise PlaceNotFound("which_state", city, states=tuple(sorted(in_states)))
        state = obvious
    name, point, _count = in_states[state]
    return Place(f"{name}, {state}", point)


def _obvious_state(in_states: dict[str, tuple[str, Point, int]]) -> str | None:
    """The state a city name means without saying: the only one, or a big city among small
    namesakes ("Miami" is Florida's: it has many times the ZIP codes of any other Miami)."""
    ranked = sorted(in_states, key=lambda state: in_states[state][2], reverse=True)
    if len(ranked) == 1 or in_states[ranked[0]][2] >= 3 * in_states[ranked[1]][2]:
        return ranked[0]
    return None


def miles_between(a: Point, b: Point) -> float:
    """Great-circle distance (haversine)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlong = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlong / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Box:
    south: float
    north: float
    west: float
    east: float


def box_around(centre: Point, miles: float) -> Box:
    """A latitude/longitude box holding every point within `miles` (a cheap SQL prefilter)."""
    dlat = math.degrees(miles / EARTH_RADIUS_MILES)
    cos_lat = max(math.cos(math.radians(centre.latitude)), 0.01)  # no division by zero at the poles
    dlong = min(math.degrees(miles / (EARTH_RADIUS_MILES * cos_lat)), 180.0)
    return Box(centre.latitude - dlat, centre.latitude + dlat, centre.longitude - dlong, centre.longitude + dlong)
