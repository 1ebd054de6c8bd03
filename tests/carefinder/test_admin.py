"""Staff screens: the directory (add with "verified today", filters, CSV) and the moderation of
reported waits (filters, CSV without who reported, approve and reject)."""

import datetime

import pytest
from django.utils import timezone

from omshub.carefinder.models import CareService, WaitReport
from tests.carefinder.helpers import approved_reports, service_at

pytestmark = pytest.mark.django_db


def test_staff_add_a_service_geocoded_from_its_zip_and_verified_today(staff, admin_user, demo):
    form = {
        "name": "Valley Children's Neurology", "kind": "neurology", "about_en": "", "about_es": "",
        "street_address": "9300 Valley Children's Pl", "city": "Madera", "state": "ca", "zip_code": "93636",
        "phone": "(559) 353-3000", "website": "", "languages": ["en", "es"], "referral_only": "on",
        "is_listed": "on", "verified_today": "on",
    }  # fmt: skip
    response = staff.post("/admin/care/services/new/", form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    service = CareService.objects.get(name="Valley Children's Neurology")
    assert service.latitude is not None and service.longitude is not None and service.state == "CA"
    assert (round(service.latitude, 1), round(service.longitude, 1)) == (37.0, -119.9)
    assert service.verified_on == timezone.localdate() and service.verified_by == admin_user
    assert sorted(service.languages.values_list("code", flat=True)) == ["en", "es"]


def test_an_unknown_zip_code_is_refused_with_a_reason(staff, demo):
    response = staff.post(
        "/admin/care/services/new/",
        {"name": "Nowhere", "kind": "neurology", "street_address": "1 A St", "city": "X", "state": "CA",
         "zip_code": "00000", "referral_only": "on", "is_listed": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "This is not a US ZIP code we know." in response.content.decode()
    assert not CareService.objects.filter(name="Nowhere").exists()


def test_the_directory_list_filters_and_exports(staff, demo):
    service_at("77030", "Houston Kids Neuro", state="TX", telehealth=True)
    listing = staff.get("/admin/care/services/", {"state": "TX"}).content.decode()
    assert "Houston Kids Neuro" in listing and "Rady Children" not in listing
    csv = b"".join(staff.get("/admin/care/services/", {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Name,Kind,Street address")
    assert "Houston Kids Neuro" in csv and "English" in csv


def test_staff_moderate_reports_with_filters_and_an_export_that_names_nobody(staff, demo):
    service = service_at("90027", "Sunset Neurology")
    reports = approved_reports(service, [30, 60], first_visit=datetime.date(2026, 4, 1))
    WaitReport.objects.filter(pk=reports[1].pk).update(status=WaitReport.Status.PENDING)
    pending = staff.get("/admin/care/waits/", {"status": "pending"}).content.decode()
    assert f"/admin/care/waits/inspect/{reports[1].pk}/" in pending
    assert f"/admin/care/waits/inspect/{reports[0].pk}/" not in pending
    page = staff.get(f"/admin/care/waits/inspect/{reports[1].pk}/").content.decode()
    assert "Approve" in page and "Reject" in page

    response = staff.post(f"/admin/care/waits/{reports[1].pk}/moderate/", {"decision": "reject"})
    assert response.status_code == 302
    report = WaitReport.objects.get(pk=reports[1].pk)
    assert report.status == WaitReport.Status.REJECTED and report.moderated_at is not None

    csv = b"".join(staff.get("/admin/care/waits/", {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "Sunset Neurology" in csv and ",30," in csv
    for report in reports:
        assert report.reported_by is not None
        assert report.reported_by.email not in csv and report.child.name not in csv
    assert staff.get("/admin/care/waits/new/").status_code in (302, 403, 404)
