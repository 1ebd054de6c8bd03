"""Hostile values in every argument of every path: a 404 or a 400, never a server error.

The routes come from the resolver (urlmap.py), so a new URL is probed as soon as it exists.
"""

from tests.fuzz import hostile
from tests.fuzz.urlmap import routes

ROUTES = [r for r in routes() if r.name != "wagtail_serve"]


def test_the_routes_are_found():
    names = {r.name for r in ROUTES}
    assert len(ROUTES) > 60
    assert {"journal:entries", "journal:shared", "donors:receipt", "giving_donations:index"} <= names


def test_hostile_path_arguments(world, probe):
    for route in (r for r in ROUTES if r.arguments):
        sample = world.samples(route.sample_key())[0]
        for argument, converter in route.converters:
            for value in hostile.IDS_FOR_CONVERTER.get(converter, hostile.IDS):
                path = route.path(sample | {argument: value})
                client = world.client_for(route.name, path)
                probe(client, "get", path)
                probe(client, "post", path)
    assert probe.sent > 300
    assert not probe.failures, "\n".join(probe.failures)


def test_hostile_page_paths(world, probe):
    """Wagtail's pages and their sub-pages (the campaign's form, the thank-you page) with a hostile tail."""
    for page in world.pages.values():
        for value in hostile.PAGE_TAILS:
            probe(world.anonymous, "get", page + value + "/")
        probe(world.anonymous, "post", page)
    assert not probe.failures, "\n".join(probe.failures)
