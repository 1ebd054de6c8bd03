"""A medical page's review record is honest: no date until a named reviewer signs it off."""

import datetime
import importlib
import json
import re

from django.apps import apps

from omshub.pages.models import TopicPage

clear_dates = importlib.import_module("omshub.pages.migrations.0007_clear_unsigned_review_dates")


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def _topic() -> TopicPage:
    return TopicPage.objects.get(slug="what-is-oms")


def test_a_signed_off_page_shows_its_reviewer_and_dates(client, demo):
    page = _topic()
    page.reviewed_by = "Dr Ana Reyes"
    page.last_reviewed = datetime.date(2026, 12, 1)
    page.next_review = datetime.date(2027, 12, 1)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    assert "Awaiting clinical review" not in html
    assert "Dr Ana Reyes" in html
    assert "Page last reviewed" in html and "Dec. 1, 2026" in html
    assert "Next review due" in html and "Dec. 1, 2027" in html
    data = _json_ld(html)
    assert data["lastReviewed"] == "2026-12-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr Ana Reyes"}


def test_a_date_without_a_reviewer_is_not_a_review(client, demo):
    page = _topic()
    page.last_reviewed = datetime.date(2026, 11, 21)
    page.next_review = datetime.date(2027, 11, 21)
    page.save_revision().publish()

    assert page.awaiting_review
    html = client.get(page.url).content.decode()
    assert "Awaiting clinical review" in html
    assert "2026" not in html.split('class="review-record"')[1]
    data = _json_ld(html)
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_the_migration_clears_dates_no_reviewer_gave_in_rows_and_revisions(demo):
    unsigned = _topic()
    unsigned.last_reviewed = datetime.date(2026, 11, 21)
    unsigned.next_review = datetime.date(2027, 11, 21)
    unsigned.save_revision().publish()
    signed = TopicPage.objects.get(slug="signs-and-symptoms")
    signed.reviewed_by = "Dr Ana Reyes"
    signed.last_reviewed = datetime.date(2026, 12, 1)
    signed.save_revision().publish()

    clear_dates.clear_unsigned_review_dates(apps, None)

    unsigned.refresh_from_db()
    assert unsigned.last_reviewed is None and unsigned.next_review is None
    draft = unsigned.get_latest_revision_as_object()
    assert draft.last_reviewed is None and draft.next_review is None  # an editor won't see it come back
    signed.refresh_from_db()
    assert signed.last_reviewed == datetime.date(2026, 12, 1)
