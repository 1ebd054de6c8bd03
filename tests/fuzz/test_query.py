"""Hostile values in every query parameter the project reads: never a server error.

QUERY lists each page's parameters with their kind; a test reads the source for every
`request.GET` the project makes, so a parameter nobody listed here fails the suite.
Every other page meets junk parameters too (a NUL, bytes that are not UTF-8, a long value).
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.fuzz import hostile
from tests.fuzz.urlmap import routes

# URL name (or "page:<short name>" for a Wagtail page of world.pages): parameter -> kind.
QUERY: dict[str, dict[str, str]] = {
    "journal:entries": {"kind": "choice", "before": "date"},
    "journal:child": {"range": "choice"},
    "journal:report": {"date_from": "date", "date_to": "date", "sections": "choice", "format": "choice"},
    "search:search": {"q": "text"},
    "firststeps:letter": {"edit": "bool", "signs": "choice", "recipient": "choice"},
    "carefinder:finder": {
        "place": "text",
        "miles": "choice",
        "spanish": "bool",
        "telehealth": "bool",
        "self_referral": "bool",
        "show": "choice",
    },
    "carefinder:service": {"place": "text", "miles": "choice"},  # the search carried back to the list
    "fundraising:start": {"campaign": "choice", "team": "text"},
    "/admin/login/": {"next": "text"},
    "/_util/login/": {"next": "text"},
    "account_login": {"next": "text"},
    "page:help": {"signs": "choice", "checked": "bool"},
    "page:help-es": {"signs": "choice", "checked": "bool"},
    "page:give": {"frequency": "choice", "amount": "number", "resume": "text"},
    "page:give-es": {"frequency": "choice", "amount": "number", "resume": "text"},
    "page:news": {"tag": "text"},
    "newsletter:preferences": {"welcome": "bool"},  # just confirmed: the page says so
    "newsletter_subscribers:index": {"q": "text", "status": "choice", "language": "choice", "export": "choice"},
    "newsletter_deliveries:index": {"issue": "choice", "state": "choice", "p": "number", "export": "choice"},
    # Wagtail's list screens: the filters of omshub/giving/admin_filters.py, search, order, page, export.
    "giving_donations:index": {
        "campaign_key": "choice",
        "created_at_after": "date",
        "created_at_before": "date",
        "status": "choice",
        "frequency": "choice",
        "method": "choice",
        "is_test": "bool",
        "q": "text",
        "ordering": "choice",
        "p": "number",
        "export": "choice",
    },
    "payment_events:index": {"q": "text", "ordering": "choice", "p": "number", "export": "choice"},
    "care_services:index": {"q": "text", "p": "number", "kind": "choice", "languages": "choice", "is_listed": "bool"},
    "care_waits:index": {"status": "choice", "service": "choice", "created_at__date__gte": "date", "p": "number"},
    "fundraising_pages:index": {"q": "text", "status": "choice", "ordering": "choice"},
    "match_allocations:index": {
        "q": "text",
        "match": "choice",
        "created_at": "date",
        "p": "number",
        "export": "choice",
    },
    "events:ticket": {"problem": "choice"},  # back from a payment page that would not open
    "events_door:list": {"q": "text"},
    "events_registrations:index": {
        "q": "text",
        "event": "choice",
        "status": "choice",
        "is_test": "bool",
        "language": "choice",
        "export": "choice",
    },
}
JUNK_PARAMETERS = ("q", "page", "next", "p", "before", "ordering", "format", "tag", "signs")
JUNK = [quote(hostile.NUL), quote(hostile.LONG), *hostile.RAW]
READS = re.compile(
    r"""request\.GET(?:\.get|\.getlist)?\(\s*["'](\w+)["']|["'](\w+)["']\s+in\s+request\.GET|request\.GET\[["'](\w+)["']\]"""
)
PACKAGE = Path(__file__).resolve().parents[2] / "omshub"


def test_every_parameter_the_project_reads_is_fuzzed():
    read = {
        next(name for name in found if name)
        for source in PACKAGE.rglob("*.py")
        for found in READS.findall(source.read_text(encoding="utf-8"))
    }
    listed = {name for parameters in QUERY.values() for name in parameters}
    assert len(read) >= 10, read
    assert read <= listed, f"add these query parameters to QUERY: {sorted(read - listed)}"


def _values(kind: str) -> list[str]:
    return [quote(v) for v in hostile.FEW[kind]] + hostile.RAW[:2]


@pytest.mark.parametrize("name", sorted(QUERY))
def test_hostile_query_parameters(name, world, probe):
    if name.startswith("page:"):
        paths, client = [world.pages[name.removeprefix("page:")]], world.anonymous
    else:
        (route,) = [r for r in routes() if r.name == name]
        paths = [route.path(sample) for sample in world.samples(route.sample_key())]
        client = world.client_for(name, paths[0])
    for path in paths:
        for parameter, kind in QUERY[name].items():
            for value in _values(kind):
                probe(client, "get", f"{path}?{parameter}={value}")
                probe.rate_limits_reset()
        for value in [quote(v) for v in hostile.FOR_KIND["text"]]:  # the parameters together
            probe(client, "get", path + "?" + "&".join(f"{p}={value}" for p in QUERY[name]))
    assert not probe.failures, "\n".join(probe.failures)


def _junk() -> str:
    """Every junk parameter at once, each with a different kind of junk."""
    return "?" + "&".join(f"{p}={JUNK[n % len(JUNK)]}" for n, p in enumerate(JUNK_PARAMETERS))


def test_junk_parameters_everywhere(world, probe):
    for route in routes():
        if route.name == "wagtail_serve":
            continue
        path = route.path(world.samples(route.sample_key())[0])
        probe(world.client_for(route.name, path), "get", path + _junk())
    for path in world.pages.values():
        probe(world.anonymous, "get", path + _junk())
    assert not probe.failures, "\n".join(probe.failures)
