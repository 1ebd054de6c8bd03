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


# What a player, a proxy or a probe may put in Range: malformed, past the end, backwards, several
# at once, numbers past any integer column. Each gets the clip (200), a piece (206) or 416.
RANGES = [
    "bytes=abc",
    "bytes=999999999-",
    "bytes=5-1",
    "bytes=0-1,5-9",
    "bytes=0-1, 3-",
    "bytes=-0",
    "bytes=-",
    "bytes=",
    "bytes=--1",
    "bytes=0-" + hostile.HUGE,
    "bytes=-" + hostile.HUGE,
    "bytes=" + hostile.HUGE + "-",
    "bytes=0-0",
    "items=0-1",
    "bytes=1\x00-2",
    "bytes=\u0661-\u0662",  # digits of another script: \d matches them, int() reads them
    hostile.LONG,
]


def test_hostile_range_headers_on_videos(world, probe):
    answered = set()
    for name in ("journal:video_file", "journal:shared_video", "journal:video_poster", "journal:shared_poster"):
        (route,) = [r for r in ROUTES if r.name == name]
        path = route.path(world.samples(route.sample_key())[0])
        client = world.client_for(name, path)
        for value in RANGES:
            for method in ("get", "head"):
                response = probe(client, method, path, HTTP_RANGE=value)
                answered.add(response.status_code)
                assert response.status_code in (200, 206, 416), (name, value, response.status_code)
                if response.streaming and method == "get":  # the bytes are read (and decrypted) as sent
                    sent = b"".join(response.streaming_content)
                    assert len(sent) == int(response["Content-Length"]), (name, value)
    assert {200, 206, 416} <= answered, answered
    assert not probe.failures, "\n".join(probe.failures)
