"""A stranger who tries every private URL is turned away: nothing under /admin/ answers
200 to an anonymous visitor, except the sign-in and password-reset pages and the icon sprite."""

import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_ADMIN_PATHS = re.compile(r"^/admin/(login/|password_reset/|jsi18n/|logout/|sprite/)")  # sprite: the icons
SAMPLE_VALUES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _paths(resolver: URLResolver, prefix: str = "") -> list[str]:
    paths = []
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry.pattern.regex, re.Pattern) and route.startswith("^"):
            route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route).strip("^$").replace("\\", "")
        route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "x"), route)
        if isinstance(entry, URLResolver):
            paths += _paths(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            paths.append("/" + prefix + route)
    return paths


ADMIN_PATHS = sorted({p for p in _paths(get_resolver()) if p.startswith("/admin/") and "(" not in p})


def test_the_admin_has_many_private_urls():
    assert len(ADMIN_PATHS) > 100


@pytest.mark.parametrize("method", ["get", "post"])
def test_strangers_get_nothing_from_the_admin(client, demo, method):
    opened = []
    for path in ADMIN_PATHS:
        if PUBLIC_ADMIN_PATHS.match(path):
            continue
        response = getattr(client, method)(path)
        if response.status_code == 200:
            opened.append(path)
        elif response.status_code in (301, 302):
            location = response["Location"]
            assert location.startswith(("/accounts/login/", "/accounts/password/reset/", "/admin/")), path
        else:
            assert response.status_code in (403, 404, 405), f"{path}: {response.status_code}"
    assert opened == []


# A donor's own page: everything behind the emailed link, found from the resolver so that a new
# private URL there is tried too. The start page (asking for a link) is public on purpose.
DONOR_PUBLIC = {"/my-giving/"}
DONOR_PATHS = sorted({p for p in _paths(get_resolver()) if p.startswith("/my-giving/")} - DONOR_PUBLIC)


def test_the_donor_pages_are_found():
    assert len(DONOR_PATHS) >= 6


@pytest.mark.parametrize("method", ["get", "post"])
def test_strangers_get_nothing_from_a_donors_page(client, demo, method):
    for path in DONOR_PATHS:
        response = getattr(client, method)(path)
        if response.status_code == 302:
            assert response["Location"] == "/my-giving/", path
        else:
            assert response.status_code in (403, 404, 405, 410), f"{path}: {response.status_code}"
        assert "private" in response.get("Cache-Control", "") or response.status_code in (404, 405), path


# A supporter's dashboard: every URL under it, found from the resolver, tried by a stranger who
# is signed in (404: nothing says the page exists) and by an anonymous visitor (sent to sign in).
FUNDRAISER_PATHS = sorted(
    {p.replace("/x/", "/{slug}/", 1) for p in _paths(get_resolver()) if p.startswith("/fundraise/mine/x/")}
)


def test_the_fundraising_dashboard_pages_are_found():
    assert len(FUNDRAISER_PATHS) >= 4


@pytest.mark.parametrize("method", ["get", "post"])
def test_strangers_get_nothing_from_a_fundraisers_dashboard(client, demo, method):
    from omshub.fundraising.models import FundraisingPage
    from tests.factories import UserFactory

    owner: Any = UserFactory(username="owner")
    page = FundraisingPage.objects.create(
        owner=owner, campaign=demo["campaign"], title="Mine", owner_name="Owner", story="Why", goal_cents=10000
    )
    stranger = UserFactory(username="stranger")
    for path in FUNDRAISER_PATHS:
        url = path.format(slug=page.slug)
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    client.force_login(stranger)
    for path in FUNDRAISER_PATHS:
        url = path.format(slug=page.slug)
        response = getattr(client, method)(url)
        assert response.status_code in (404, 405), f"{url}: {response.status_code}"


# A subscriber's own pages: each opens only with the token from their emails. Found from the
# resolver, so a new page under /newsletter/<token>/ is tried too; the sign-up page is public.
NEWSLETTER_PATHS = sorted(
    {p.replace("/x/", "/{token}/") for p in _paths(get_resolver()) if re.match(r"^/newsletter/\w+/x/$", p)}
)


def test_the_subscriber_pages_are_found():
    assert len(NEWSLETTER_PATHS) >= 3


@pytest.mark.parametrize("method", ["get", "post"])
def test_strangers_get_nothing_from_a_subscribers_pages(client, demo, method):
    from django.utils import timezone

    from omshub.newsletter.models import Subscriber

    person = Subscriber.objects.create(
        email="reader@example.org", status="subscribed", source="footer", consent_text="…",
        signed_up_at=timezone.now(), confirmed_at=timezone.now(),
    )  # fmt: skip
    for path in NEWSLETTER_PATHS:
        for guess in ("x", person.token[:-1], person.token.upper(), "A" * len(person.token)):
            response = getattr(client, method)(path.format(token=guess))
            assert response.status_code == 404, f"{path}: {response.status_code}"
        mine = client.get(path.format(token=person.token))
        assert mine.status_code == 200 and "private" in mine["Cache-Control"], path
    person.refresh_from_db()
    assert person.status == "subscribed"
