"""Reported waits: nothing from fewer than 3 approved reports, one report per child and service,
and nobody but the family (and staff) can tell who reported."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from omshub.carefinder import services
from omshub.carefinder.models import WaitReport
from omshub.carefinder.selectors import wait_summaries
from tests.carefinder.helpers import approved_reports, child_of, family_member, service_at

pytestmark = pytest.mark.django_db
VISIT = datetime.date(2026, 5, 4)


@pytest.fixture
def service(demo):
    return service_at("90027", "Sunset Neurology")


def _page(client: Client, service) -> str:
    return client.get(f"/find-care/{service.pk}/").content.decode()


def test_fewer_than_three_reports_show_nothing(client, service):
    approved_reports(service, [40, 90], first_visit=VISIT)
    child = child_of(family_member("p@example.org"), "P")
    WaitReport.objects.create(  # pending and rejected reports never count
        service=service, child=child, referred_on=VISIT - datetime.timedelta(days=7),
        first_visit_on=VISIT, waited_days=7, status=WaitReport.Status.REJECTED,
    )  # fmt: skip
    html = _page(client, service)
    assert "Fewer than 3 families have reported a wait here yet" in html
    assert "wait-figure" not in html
    assert wait_summaries([service.pk]) == {}
    listing = client.get("/find-care/", {"place": "90027"}).content.decode()
    assert "Reported wait" not in listing


def test_three_approved_reports_show_the_median_count_and_months(client, service):
    approved_reports(service, [35, 70, 140], first_visit=VISIT)
    html = _page(client, service)
    assert html.count("about 10 weeks") + html.count("About 10 weeks") == 1
    assert "About 10 weeks" in html
    assert "The median of 3 families' reports, for first visits in May 2026." in html
    listing = client.get("/find-care/", {"place": "90027"}).content.decode()
    assert "Reported wait: about 10 weeks" in listing and "(median of 3 family reports)" in listing
    spanish = client.get(f"/es/buscar-atencion/{service.pk}/").content.decode()
    assert "Alrededor de 10 semanas" in spanish and "mayo de 2026" in spanish
    approved_reports(service, [7], first_visit=VISIT + datetime.timedelta(days=62))
    assert "for first visits between May 2026 and July 2026." in _page(client, service)


def _report(client: Client, service, child, days: int = 30):
    return client.post(
        f"/find-care/{service.pk}/report-a-wait/",
        {
            "child": child.pk,
            "referred_on": (VISIT - datetime.timedelta(days=days)).isoformat(),
            "first_visit_on": VISIT.isoformat(),
        },
    )


def test_a_family_reports_once_per_child_and_service(service):
    parent = family_member("ana@example.org")
    child = child_of(parent, "Mia")
    client = Client()
    client.force_login(parent)
    response = _report(client, service, child)
    assert response.status_code == 302
    report = WaitReport.objects.get()
    assert (report.child, report.waited_days, report.status) == (child, 30, WaitReport.Status.PENDING)

    again = _report(client, service, child, days=12)
    assert again.status_code == 400
    assert "You have already reported the wait for Mia at this service." in again.content.decode()
    assert WaitReport.objects.count() == 1

    # A second caregiver in the same child's circle cannot report the same child again either.
    with pytest.raises(services.AlreadyReported):
        services.wait_report_create(
            service=service, child_id=child.pk, reported_by=None, referred_on=VISIT, first_visit_on=VISIT
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        WaitReport.objects.create(service=service, child=child, referred_on=VISIT, first_visit_on=VISIT, waited_days=0)
    # Another child of the same family may report.
    assert _report(client, service, child_of(parent, "Leo")).status_code == 302
    assert WaitReport.objects.count() == 2


def test_a_family_can_report_only_for_its_own_children(service):
    parent, stranger = family_member("ana@example.org"), family_member("eve@example.org")
    child = child_of(parent, "Mia")
    child_of(stranger, "Own")
    client = Client()
    client.force_login(stranger)
    response = _report(client, service, child)
    assert response.status_code == 400
    assert not WaitReport.objects.exists()


def test_bad_dates_get_clear_messages_and_keep_what_was_typed(service):
    parent = family_member("ana@example.org")
    child = child_of(parent, "Mia")
    client = Client()
    client.force_login(parent)
    response = client.post(
        f"/es/buscar-atencion/{service.pk}/informar-espera/",
        {"child": child.pk, "referred_on": "2026-05-10", "first_visit_on": "2026-05-01"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "La primera consulta debe ser el mismo día de la derivación o después." in html
    assert 'value="2026-05-10"' in html


def test_signing_in_and_a_verified_email_come_first(client, service):
    response = client.get(f"/find-care/{service.pk}/report-a-wait/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    unverified = family_member("new@example.org", verified=False)
    child = child_of(unverified, "Mia")
    client.force_login(unverified)
    assert (
        "Please confirm your email address first"
        in client.get(f"/find-care/{service.pk}/report-a-wait/").content.decode()
    )
    assert _report(client, service, child).status_code == 200
    assert not WaitReport.objects.exists()


def test_a_stranger_cannot_read_who_reported(client, service):
    reports = approved_reports(service, [35, 70, 140], first_visit=VISIT)
    emails = [report.reported_by.email for report in reports if report.reported_by is not None]
    assert len(emails) == 3
    for path in (f"/find-care/{service.pk}/", "/find-care/?place=90027", f"/es/buscar-atencion/{service.pk}/"):
        html = client.get(path).content.decode()
        for report in reports:
            assert report.child.name not in html
        assert not [email for email in emails if email in html]
    # Another family sees only its own reports on the reporting page.
    other = family_member("other@example.org")
    child_of(other, "Own child")
    client.force_login(other)
    html = client.get(f"/find-care/{service.pk}/report-a-wait/").content.decode()
    assert "Child " not in html and emails[0] not in html
    # The admin's list, detail and export turn away anyone who is not staff.
    for path in ("/admin/care/waits/", f"/admin/care/waits/inspect/{reports[0].pk}/", "/admin/care/waits/?export=csv"):
        response = client.get(path)
        assert response.status_code in (302, 403), path
    assert client.post(f"/admin/care/waits/{reports[0].pk}/moderate/", {"decision": "reject"}).status_code in (302, 403)
    assert WaitReport.objects.get(pk=reports[0].pk).status == WaitReport.Status.APPROVED
