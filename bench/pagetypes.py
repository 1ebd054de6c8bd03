"""The pages `make bench` loads one by one: one of each public page type, and a signed-in one.

Run by bench/run.py with the same environment as its gunicorn (production settings, the
demo foundation in the same database), before the server starts: it adds what the demo
lacks (a team and a personal fundraising page under the demo campaign, a family with a
child's care journal, signed in), then counts each page's SQL queries in-process, on a warm
process with the page cache off (the second request, through Django's test client and
every middleware, as tests/pages/test_query_counts.py counts them). Prints one JSON line:
[{"label", "path", "cookie", "queries"}...]; run.py then loads each path with wrk against
the uncached server, the cookie sent where there is one.

The Wagtail page types are read from the database: the first live English page of each
concrete type (the demo has every type), so a new page type joins the table by itself.
"""

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Pages served by views of our own (not Wagtail pages), by label: what a visitor opens.
VIEW_PAGES = [
    ("care finder", "/find-care/"),
    ("care finder, a search", "/find-care/?place=Los+Angeles&miles=100"),
    ("search results", "/search/?q=oms+symptoms"),
    ("letter for the doctor", "/letter-for-the-doctor/"),
]


def _wagtail_pages() -> list[tuple[str, str]]:
    """(type's name, path) of the first live English page of each concrete page type."""
    from wagtail.models import Page

    seen: dict[Any, tuple[str, str]] = {}
    for page in Page.objects.live().filter(depth__gt=1, locale__language_code="en").order_by("path"):
        if page.content_type_id in seen:
            continue
        specific = page.specific
        url = specific.get_url()
        if url:
            seen[page.content_type_id] = (str(specific._meta.verbose_name), url)
    return list(seen.values())


def _fundraising_pages() -> list[tuple[str, str]]:
    """A team and a member's personal page under the demo campaign, with a few gifts."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from omshub.fundraising.models import FundraisingPage, Status, Team
    from omshub.giving.models import CampaignPage, Donation

    campaign = CampaignPage.objects.live().filter(locale__language_code="en").first()
    assert campaign is not None, "the demo has a campaign"
    owner = get_user_model().objects.create_user("bench-fundraiser", "fundraiser@example.org")
    key = campaign.translation_key
    team = Team.objects.create(
        campaign=campaign, campaign_key=key, name="Bench family", goal_cents=100_000, created_by=owner
    )
    page = FundraisingPage.objects.create(
        owner=owner,
        campaign=campaign,
        campaign_key=key,
        team=team,
        title="Running for Mateo",
        owner_name="Lucía Pérez",
        story="For my nephew Mateo.",
        goal_cents=50_000,
        status=Status.PUBLISHED,
    )
    Donation.objects.bulk_create(
        [
            Donation(
                campaign=campaign, campaign_key=key, status=Donation.Status.SUCCEEDED, amount_cents=2_500 + n,
                donor_name=f"Donor {n}", email=f"gift{n}@example.com", fundraiser=page, fundraising_team=team,
                succeeded_at=timezone.now(),
            )
            for n in range(20)
        ]
    )  # fmt: skip
    return [("personal fundraising page", f"/f/{page.slug}/"), ("fundraising team page", f"/t/{team.slug}/")]


def _signed_in_journal() -> tuple[str, str, str]:
    """A parent with a child's journal of 180 days, signed in: (label, path, session cookie)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from omshub.journal.demo import demo_child_load

    user = get_user_model().objects.create_user("bench-parent", "parent@example.org")
    child = demo_child_load(user, name="Mia", days=180)
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return ("care journal, a child's dashboard (signed in)", f"/journal/children/{child.pk}/", cookie)


def _queries(path: str, cookie: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie) if cookie else Client(HTTP_HOST="127.0.0.1")
    cache.clear()
    first = client.get(path)  # warm: Wagtail's and our small caches
    assert first.status_code == 200, (path, first.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omshub.config.settings.production")
    import django

    django.setup()
    rows: list[tuple[str, str, str]] = [(label, path, "") for label, path in _wagtail_pages()]
    rows += [(label, path, "") for label, path in _fundraising_pages()]
    rows += [(label, path, "") for label, path in VIEW_PAGES]
    rows.append(_signed_in_journal())
    print(
        json.dumps(
            [
                {"label": label, "path": path, "cookie": cookie, "queries": _queries(path, cookie)}
                for label, path, cookie in rows
            ]
        )
    )


if __name__ == "__main__":
    main()
