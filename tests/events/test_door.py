"""The check-in list at the door: staff search by name, tick and untick with plain forms; the
ticket's QR code opens that ticket's line; strangers and staff without the permission get nothing.
And the staff's list of registrations: filters and the CSV of attendees."""

import csv
import io
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from omshub.events.models import Registration
from tests.events.helpers import an_event, register
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> Client:
    client = Client()
    user: Any = StaffFactory(username="door")
    client.force_login(user)
    return client


def test_staff_search_by_name_and_tick_people_in(staff, demo):
    event = an_event(capacity=5)
    ana, bea = register(event, "Ana Ruiz"), register(event, "Bea Soto")
    door = f"/admin/events/door/{event.pk}/"
    listing = staff.get(door, {"q": "ruiz"})
    html = listing.content.decode()
    assert listing.status_code == 200 and "Ana Ruiz" in html and "Bea Soto" not in html
    assert "private" in listing["Cache-Control"] and "0 of 2 checked in" in html
    ticked = staff.post(f"{door}{ana.reference}/", {"arrived": "yes", "from": "list", "q": "ruiz"})
    assert ticked.status_code == 302 and ticked["Location"] == f"{door}?q=ruiz#ticket-{ana.reference}"
    ana.refresh_from_db()
    assert ana.checked_in_at is not None and "1 of 2 checked in" in staff.get(door).content.decode()
    staff.post(f"{door}{ana.reference}/", {"arrived": "no"})
    ana.refresh_from_db()
    assert ana.checked_in_at is None
    assert "Bea Soto" in staff.get(door, {"q": bea.reference}).content.decode()  # the reference finds it too


def test_the_qr_code_opens_the_ticket_for_staff(staff, client, demo):
    event = an_event()
    ana = register(event, "Ana Ruiz")
    html = client.get(ana.get_absolute_url()).content.decode()
    assert "<svg" in html
    page = staff.get(f"/admin/events/door/{event.pk}/{ana.reference}/")
    assert page.status_code == 200 and "Ana Ruiz" in page.content.decode()
    staff.post(f"/admin/events/door/{event.pk}/{ana.reference}/", {"arrived": "yes"})
    ana.refresh_from_db()
    assert ana.checked_in


def test_a_ticket_not_confirmed_cannot_be_ticked(staff, demo):
    event = an_event(capacity=1)
    register(event, "Ana Ruiz")
    waiting = register(event, "Bea Soto")
    page = staff.post(f"/admin/events/door/{event.pk}/{waiting.reference}/", {"arrived": "yes"}, follow=True)
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None and "This ticket is not confirmed" in page.content.decode()


def test_strangers_and_staff_without_the_permission_get_nothing(client, demo, django_user_model):
    event = an_event()
    ana = register(event, "Ana Ruiz")
    paths = [f"/admin/events/door/{event.pk}/", f"/admin/events/door/{event.pk}/{ana.reference}/"]
    for path in paths:
        assert client.get(path).status_code == 302 and client.post(path, {"arrived": "yes"}).status_code == 302
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    from tests.factories import staff_ready

    staff_ready(editor)
    limited = Client()
    limited.force_login(editor)
    for path in paths:
        assert limited.get(path).status_code in (302, 403)
        assert limited.post(path, {"arrived": "yes"}).status_code in (302, 403)
    ana.refresh_from_db()
    assert ana.checked_in_at is None


def test_the_registrations_list_filters_and_exports_attendees(staff, demo):
    event = an_event(capacity=1, price_cents=0)
    register(event, "Ana Ruiz")
    register(event, "=HYPERLINK(1)")
    listing = staff.get("/admin/events/registrations/", {"event": event.pk, "status": "confirmed"})
    html = listing.content.decode()
    assert listing.status_code == 200 and "Ana Ruiz" in html and "HYPERLINK" not in html
    export = staff.get("/admin/events/registrations/", {"export": "csv", "event": event.pk})
    body = b"".join(export.streaming_content) if export.streaming else export.content
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {row["Name"] for row in rows} == {"Ana Ruiz", "'=HYPERLINK(1)"}
    assert {row["Status"] for row in rows} == {"confirmed", "on the waitlist"}
    assert staff.get("/admin/events/events/").status_code == 200
    assert Registration.objects.count() == 2
