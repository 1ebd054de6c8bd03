"""Moderation: reports reach staff through the outbox (rate-limited), staff list, filter, export
and unpublish pages in the admin, and a child's health is never public without consent."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from wagtail.models import Site

from omshub.core.models import FoundationSettings
from omshub.fundraising.models import FundraisingPage, PageReport, Status
from omshub.fundraising.views import REPORTS_PER_HOUR
from tests.fundraising.helpers import create_page, supporter

pytestmark = pytest.mark.django_db
REPORT = {"reason": "scam", "details": "Not about OMS at all."}


def _contact(email: str) -> None:
    found = FoundationSettings.for_site(Site.objects.get(is_default_site=True))
    found.contact_email = email
    found.save()


def test_anyone_reports_a_page_and_staff_get_an_email(campaign, django_capture_on_commit_callbacks) -> None:
    _contact("help@example.org")
    _, owner = supporter()
    page = create_page(owner, title="Suspicious page")
    mail.outbox.clear()
    visitor = Client()
    assert "Report this page" in visitor.get(f"/f/{page.slug}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(f"/f/{page.slug}/report/", REPORT)
    assert "your report is sent" in response.content.decode()
    (report,) = PageReport.objects.all()
    assert (report.page, report.reason) == (page, "scam")
    (message,) = mail.outbox
    assert message.to == ["help@example.org"] and "Suspicious page" in message.subject
    assert "Not about OMS at all." in message.body and f"/admin/fundraising/reports/edit/{report.pk}/" in message.body


def test_reports_are_rate_limited_and_errors_are_explained(campaign) -> None:
    _, owner = supporter()
    page = create_page(owner)
    visitor = Client()
    response = visitor.post(f"/f/{page.slug}/report/", {"details": "kept"})
    assert response.status_code == 400 and "Choose what is wrong with the page." in response.content.decode()
    assert "kept" in response.content.decode()
    for _ in range(REPORTS_PER_HOUR):
        assert visitor.post(f"/f/{page.slug}/report/", REPORT).status_code == 200
    response = visitor.post(f"/f/{page.slug}/report/", REPORT)
    assert response.status_code == 429
    assert PageReport.objects.count() == REPORTS_PER_HOUR


def test_page_creation_is_rate_limited(campaign) -> None:
    from omshub.fundraising.views import PAGES_PER_HOUR
    from tests.fundraising.helpers import PAGE_FORM

    _, owner = supporter()
    for _ in range(PAGES_PER_HOUR):
        create_page(owner)
    response = owner.post("/fundraise/", PAGE_FORM)
    assert response.status_code == 429 and "many pages" in response.content.decode()
    assert FundraisingPage.objects.count() == PAGES_PER_HOUR


def test_the_database_refuses_a_public_childs_health_without_consent(campaign) -> None:
    _, owner = supporter()
    page = create_page(owner, about_child_health="on", consent_given="on")
    page.consent_given = False
    with pytest.raises(IntegrityError), transaction.atomic():
        page.save()


def test_staff_list_filter_export_and_unpublish_pages(campaign, staff) -> None:
    _, owner = supporter()
    page = create_page(owner, title="=HYPERLINK(bad)")
    other = create_page(owner, title="Another page")
    listing = staff.get("/admin/fundraising/pages/?status=published")
    assert listing.status_code == 200 and "Another page" in listing.content.decode()
    export = staff.get("/admin/fundraising/pages/?export=csv")
    text = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK(bad)" in text and "Another page" in text
    form = {
        "status": "unpublished",
        "title": other.title,
        "owner_name": other.owner_name,
        "story": other.story,
        "goal_cents": "500",
        "photo_alt": "",
    }
    response = staff.post(f"/admin/fundraising/pages/edit/{other.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    other.refresh_from_db()
    assert other.status == Status.UNPUBLISHED
    assert Client().get(f"/f/{other.slug}/").status_code == 404
    assert Client().get(f"/f/{page.slug}/").status_code == 200
    assert staff.get("/admin/fundraising/reports/").status_code == 200
    assert staff.get("/admin/fundraising/teams/").status_code == 200
    assert staff.get("/admin/fundraising/pages/add/").status_code in (302, 403, 404)


def test_staff_cannot_publish_a_childs_health_without_consent(campaign, staff) -> None:
    _, owner = supporter()
    page = create_page(owner)
    form = {
        "status": "published",
        "title": page.title,
        "owner_name": page.owner_name,
        "story": page.story,
        "goal_cents": "500",
        "about_child_health": "on",
    }
    response = staff.post(f"/admin/fundraising/pages/edit/{page.pk}/", form)
    assert response.status_code == 200
    assert "A story can only be published with the family" in response.content.decode()


def test_a_reply_address_too_long_for_any_mailbox_is_refused_with_the_report_kept(campaign) -> None:
    """One past 254 characters broke the report's column on PostgreSQL (found by the fuzz tests)."""
    _user, owner = supporter()
    page = create_page(owner)
    response = Client().post(f"/f/{page.slug}/report/", REPORT | {"email": "a" * 250 + "@example.org"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter an email address like name@example.com." in html and "Not about OMS at all." in html
    assert not PageReport.objects.exists()


@pytest.mark.parametrize("team", ["\x00", "1\x002", "ñ", "a" * 3000])
def test_a_team_address_that_is_no_slug_opens_the_form_without_a_team(campaign, team) -> None:
    """?team= with a NUL reached the database and broke the query on PostgreSQL (found by the fuzz tests)."""
    _user, client = supporter()
    response = client.get("/fundraise/", {"team": team})
    assert response.status_code == 200 and 'name="owner_name"' in response.content.decode()
