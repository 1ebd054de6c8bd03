"""Staff tools: the donations list with filters, search and CSV export; detail with history;
refunds; offline gifts; donor-wall moderation; the dashboard panel."""

import csv
import io

import pytest
from django.test import Client

from omshub.giving.models import Donation
from omshub.giving.selectors import campaign_progress
from tests.giving.fixtures import REFUND, give

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(campaign, fake_stripe, webhooks) -> Donation:
    donation = give(campaign, message="Go team", on_wall="on", donor_name="Pat Doe", email="pat@example.com")
    fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    donation.refresh_from_db()
    return donation


def test_the_list_filters_searches_and_exports(staff, paid) -> None:
    listing = staff.get("/admin/giving/donations/", {"status": "succeeded", "frequency": "once", "q": "pat@"})
    assert listing.status_code == 200 and "Pat Doe" in listing.content.decode()
    assert "Maria Lopez" not in listing.content.decode()
    dated = staff.get("/admin/giving/donations/", {"created_at_from": "2000-01-01", "created_at_to": "2000-01-02"})
    assert "Pat Doe" not in dated.content.decode()
    export = staff.get("/admin/giving/donations/", {"export": "csv", "q": "pat@"})
    assert export.status_code == 200
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(export.streaming_content).decode("utf-8-sig")
                if export.streaming
                else export.content.decode("utf-8-sig")
            )
        )
    )
    assert [(r["Reference"], r["Amount (USD)"], r["Status"]) for r in rows] == [(paid.reference, "50.00", "succeeded")]


def test_the_detail_shows_history_and_payment_events(staff, paid) -> None:
    html = staff.get(f"/admin/giving/donations/inspect/{paid.pk}/").content.decode()
    assert "created" in html and "paid" in html and "checkout.session.completed" in html


def test_a_partial_then_full_refund_through_the_provider(staff, paid, campaign) -> None:
    before = campaign_progress(campaign=campaign, include_test=True).raised_cents
    form = staff.get(f"/admin/giving/donations/{paid.pk}/refund/").content.decode()
    assert 'value="50"' in form
    response = staff.post(f"/admin/giving/donations/{paid.pk}/refund/", {"amount": "20", "request_key": "k1", **REFUND})
    assert response.status_code == 302
    staff.post(
        f"/admin/giving/donations/{paid.pk}/refund/", {"amount": "20", "request_key": "k1", **REFUND}
    )  # double click
    paid.refresh_from_db()
    assert (paid.status, paid.refunded_cents) == ("succeeded", 2000)
    assert campaign_progress(campaign=campaign, include_test=True).raised_cents == before - 2000
    too_much = staff.post(f"/admin/giving/donations/{paid.pk}/refund/", {"amount": "31", "request_key": "k2", **REFUND})
    assert too_much.status_code == 400 and "no more than what is left" in too_much.content.decode()
    staff.post(f"/admin/giving/donations/{paid.pk}/refund/", {"amount": "30", "request_key": "k3", **REFUND})
    paid.refresh_from_db()
    assert (paid.status, paid.refunded_cents) == ("refunded", 5000)


def test_an_offline_gift_counts_toward_the_live_total_once(staff, campaign) -> None:
    before = campaign_progress(campaign=campaign, include_test=False)
    form = {
        "campaign": campaign.pk,
        "amount": "300",
        "method": "check",
        "received_on": "2025-12-28",
        "donor_name": "Rotary Club",
        "note": "check 1042",
        "entry_key": "form-1",
    }
    assert staff.post("/admin/giving/offline-gift/", form).status_code == 302
    assert staff.post("/admin/giving/offline-gift/", form).status_code == 302  # sent twice: one gift
    after = campaign_progress(campaign=campaign, include_test=False)
    assert after.raised_cents == before.raised_cents + 30000 and after.donors == before.donors + 1
    gift = Donation.objects.get(donor_name="Rotary Club")
    assert (gift.is_test, gift.method, str(gift.audit.get().actor)) == (False, "check", "admin")
    assert gift.succeeded_at and gift.succeeded_at.year == 2025, "dated by receipt, for the year-end statement"
    bad = staff.post("/admin/giving/offline-gift/", {"campaign": campaign.pk, "amount": "-3", "method": "check"})
    assert bad.status_code == 400


def test_an_offline_refund_sent_twice_refunds_once(staff, campaign, admin_user) -> None:
    from omshub.giving.services.staff import donation_record_offline, donation_refund

    gift = donation_record_offline(
        campaign=campaign, amount_cents=10000, method="check", donor_name="Kim", email="", anonymous=False,
        received_on=__import__("datetime").date(2026, 11, 1), note="", entry_key="k", actor=admin_user,
    )  # fmt: skip
    for _ in range(2):
        response = staff.post(
            f"/admin/giving/donations/{gift.pk}/refund/", {"amount": "50", "request_key": "same", **REFUND}
        )
        assert response.status_code == 302
    gift.refresh_from_db()
    assert (gift.refunded_cents, gift.status) == (5000, "succeeded")
    with pytest.raises(Exception, match="no more than what is left"):
        donation_refund(provider=None, donation=gift, amount_cents=6000, request_key="other", actor=admin_user)


def test_wall_messages_wait_for_a_person(staff, paid, client, django_capture_on_commit_callbacks) -> None:
    assert "Go team" not in client.get(paid.campaign.url).content.decode()
    assert "Go team" in staff.get("/admin/giving/wall/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the page's lists are read afresh after commit
        staff.post(f"/admin/giving/wall/{paid.pk}/", {"decision": "approve"})
    assert "Go team" in client.get(paid.campaign.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/giving/wall/{paid.pk}/", {"decision": "hide"})
    assert "Go team" not in client.get(paid.campaign.url).content.decode()


def test_the_dashboard_shows_the_week_chart_campaigns_and_monthly_donors(staff, paid) -> None:
    html = staff.get("/admin/").content.decode()
    assert "Raised per week" in html and "active monthly donors" in html and "<svg" in html


def test_staff_without_the_permission_cannot_refund(paid, django_user_model) -> None:
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)
    assert client.post(
        f"/admin/giving/donations/{paid.pk}/refund/", {"amount": "5", "request_key": "x", **REFUND}
    ).status_code in (302, 403)
    paid.refresh_from_db()
    assert paid.refunded_cents == 0


def test_the_csv_export_keeps_formulas_as_text(staff, campaign, fake_stripe, webhooks) -> None:
    donation = give(campaign, donor_name='=HYPERLINK("http://x")', email="formula@example.com")
    fake_stripe.complete(donation.checkout_id)
    webhooks.send("checkout.session.completed", donation.checkout_id)
    export = staff.get("/admin/giving/donations/", {"export": "csv", "q": "formula@"})
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "'=HYPERLINK" in body


def test_a_note_changes_nothing_else(staff, paid) -> None:
    assert staff.get(f"/admin/giving/donations/edit/{paid.pk}/").status_code in (302, 403)
    response = staff.post(f"/admin/giving/donations/{paid.pk}/note/", {"note": "Called to thank"})
    assert response.status_code == 302
    paid.refresh_from_db()
    assert (paid.note, paid.status) == ("Called to thank", "succeeded")


def test_a_refund_asks_why_and_for_a_confirmation_and_keeps_the_reason_once(staff, paid) -> None:
    url = f"/admin/giving/donations/{paid.pk}/refund/"
    unconfirmed = staff.post(url, {"amount": "20", "request_key": "k1", "reason": "other"})
    html = unconfirmed.content.decode()
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm the refund." in html and "Say in a few words why" in html
    assert 'value="20"' in html  # what staff typed is kept
    paid.refresh_from_db()
    assert paid.refunded_cents == 0
    answers = {"amount": "20", "request_key": "k1", "reason": "other", "note": "Event cancelled", "confirm": "on"}
    staff.post(url, answers)
    staff.post(url, answers)  # a double click
    paid.refresh_from_db()
    assert paid.refunded_cents == 2000
    (entry,) = paid.audit.filter(action="refund requested")
    assert entry.detail == "$20, other: Event cancelled"


def test_the_dashboard_says_it_leaves_test_gifts_out(staff, paid) -> None:
    from omshub.giving.selectors import count_of_test_gifts

    Donation.objects.filter(is_test=True).update(is_test=False)
    assert "left out of these figures" not in staff.get("/admin/").content.decode()
    Donation.objects.filter(pk=paid.pk).update(is_test=True)
    assert count_of_test_gifts() == 1
    assert "1 test gift is left out of these figures" in staff.get("/admin/").content.decode()
