"""Share links: shown once, stored hashed, read-only for the period, passcode, logged, revocable at once."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from omshub.journal.models import AuditEntry, Membership, Observation, ShareLink, ShareView, token_digest
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def make_link(client: Client, child, **values) -> str:
    """Make a link as `client` and return its token, read from the page shown once."""
    data = {"data_from": TODAY - datetime.timedelta(days=30), "data_to": TODAY, "lifetime": 7, **values}
    response = client.post(reverse("journal:share", args=[child.pk]), data, follow=True)
    assert response.status_code == 200, response.content.decode()[:3000]
    assert response.redirect_chain, "after a POST, a redirect: reloading the page creates nothing"
    found = re.search(r'value="[^"]*/shared/([A-Za-z0-9_-]+)/"', response.content.decode())
    assert found, "the new link is shown in a readonly field"
    return found.group(1)


def shared_url(token: str) -> str:
    return reverse("journal:shared", args=[token])


def assert_private(response) -> None:
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def observe(child, day: datetime.date, notes: str, total: int = 3) -> Observation:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return Observation.objects.create(
        child=child, observed_at=moment, scores={"standing": total}, total=total, notes=notes
    )


def test_a_new_link_is_shown_once_and_stored_only_as_a_hash(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    token = make_link(parent, child, label="Dr Rivera")
    link = ShareLink.objects.get()
    assert len(token) >= 43 and link.token_hash == token_digest(token)
    assert link.label == "Dr Rivera" and not link.passcode_hash
    dump = io.StringIO()
    call_command("dumpdata", "journal", "sessions", "auth", stdout=dump)
    assert token not in dump.getvalue(), "the raw token is nowhere in the database"
    again = parent.get(reverse("journal:share", args=[child.pk]))
    assert again.status_code == 200 and token not in again.content.decode(), "shown once only"
    assert "Dr Rivera" in again.content.decode() and "Not opened yet" in again.content.decode()
    assert AuditEntry.objects.filter(action="share", child=child, target=f"share link {link.pk}").exists()


def test_a_clinician_reads_the_period_only_and_each_view_is_logged(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    observe(child, TODAY - datetime.timedelta(days=3), "Wobbly on the stairs", total=5)
    observe(child, TODAY - datetime.timedelta(days=60), "Before the period")
    token = make_link(parent, child)
    clinician = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36")
    response = clinician.get(shared_url(token))
    assert response.status_code == 200
    assert_private(response)
    html = response.content.decode()
    assert "Sofia" in html and "Wobbly on the stairs" in html and "not a clinical score" in html
    assert "Before the period" not in html, "nothing outside the shared period"
    assert reverse("journal:child", args=[child.pk]) not in html, "no way into the family's journal"
    link = ShareLink.objects.get()
    view = ShareView.objects.get(link=link)
    assert view.ip == "127.0.0.1" and "Android" in view.user_agent
    entry = AuditEntry.objects.get(action="share.view")
    assert entry.child == child and entry.actor == entry.target == f"share link {link.pk}" and entry.user is None
    family_page = parent.get(reverse("journal:share", args=[child.pk])).content.decode()
    assert "Chrome on Android" in family_page and "127.0.0.1" in family_page


def test_a_passcode_is_asked_checked_and_remembered_for_that_link_only(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    token = make_link(parent, child, passcode="blue-kite-7")
    other = make_link(parent, child, passcode="blue-kite-7")
    assert all(link.passcode_hash and "blue-kite-7" not in link.passcode_hash for link in ShareLink.objects.all())
    clinician = Client()
    asked = clinician.get(shared_url(token))
    page = asked.content.decode()
    assert asked.status_code == 200 and "Enter the passcode" in page and "Sofia" not in page
    assert_private(asked)
    wrong = clinician.post(shared_url(token), {"passcode": "red-kite-7"})
    assert wrong.status_code == 400 and "That passcode is not right" in wrong.content.decode()
    assert_private(wrong)
    assert not ShareView.objects.exists()
    right = clinician.post(shared_url(token), {"passcode": "blue-kite-7"})
    assert right.status_code == 302 and right["Location"] == shared_url(token)
    assert_private(right)
    for _ in range(2):
        assert "Sofia" in clinician.get(shared_url(token)).content.decode(), "remembered in this browser"
    assert ShareView.objects.count() == 2
    assert "Enter the passcode" in clinician.get(shared_url(other)).content.decode(), "for that link only"


def test_passcode_guessing_is_stopped(family) -> None:
    parent = family("mum@example.com")
    token = make_link(parent, add_child(parent), passcode="blue-kite-7")
    guesser = Client()
    answers = [guesser.post(shared_url(token), {"passcode": f"guess-{n}"}).status_code for n in range(11)]
    assert answers[:10] == [400] * 10 and answers[10] == 429
    limited = guesser.post(shared_url(token), {"passcode": "blue-kite-7"})
    assert limited.status_code == 429 and "Too many tries" in limited.content.decode(), "even the right one waits"
    assert_private(limited)


def test_the_passcode_form_checks_csrf_and_still_sends_the_headers(family) -> None:
    parent = family("mum@example.com")
    token = make_link(parent, add_child(parent), passcode="blue-kite-7")
    clinician = Client(enforce_csrf_checks=True)
    forged = clinician.post(shared_url(token), {"passcode": "blue-kite-7"})
    assert forged.status_code == 403
    assert_private(forged)
    page = clinician.get(shared_url(token)).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    form = {"passcode": "blue-kite-7", "csrfmiddlewaretoken": csrf}
    # Django's own Origin check: another site's form is refused, this site's passes.
    assert clinician.post(shared_url(token), form, headers={"origin": "https://evil.example"}).status_code == 403
    assert clinician.post(shared_url(token), form, headers={"origin": "null"}).status_code == 403
    assert clinician.post(shared_url(token), form, headers={"origin": "http://testserver"}).status_code == 302


def test_revoking_closes_the_link_at_once_and_only_that_link(family) -> None:
    parent = family("mum@example.com")
    sofia, leo = add_child(parent), add_child(parent, "Leo")
    token_a, token_b = make_link(parent, sofia), make_link(parent, leo)
    clinician = Client()
    assert clinician.get(shared_url(token_a)).status_code == 200
    link_a = ShareLink.objects.get(child=sofia)
    revoke_url = reverse("journal:share_revoke", args=[sofia.pk, link_a.pk])
    assert parent.get(revoke_url).status_code == 405, "revoking is a POST"
    assert parent.post(revoke_url).status_code == 302
    gone = clinician.get(shared_url(token_a))
    assert gone.status_code == 404 and "This link no longer works" in gone.content.decode()
    assert_private(gone)
    assert AuditEntry.objects.filter(action="share.revoke", target=f"share link {link_a.pk}").exists()
    still = clinician.get(shared_url(token_b)).content.decode()
    assert "Leo" in still and "Sofia" not in still, "a link reads its own child only"
    assert parent.post(reverse("journal:share_revoke", args=[leo.pk, link_a.pk])).status_code == 404
    assert "revoked" in parent.get(reverse("journal:share", args=[sofia.pk])).content.decode()


def test_expired_and_unknown_links_look_the_same(family) -> None:
    parent = family("mum@example.com")
    token = make_link(parent, add_child(parent))
    ShareLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired, unknown = Client().get(shared_url(token)), Client().get(shared_url("x" * 43))
    assert expired.status_code == unknown.status_code == 404
    assert expired.content == unknown.content
    assert_private(unknown)
    assert not ShareView.objects.exists()


def test_only_the_owner_manages_links(family) -> None:
    parent, viewer, editor, stranger = (family(f"{who}@example.com") for who in ("mum", "gran", "dad", "eve"))
    child = add_child(parent)
    Membership.objects.create(child=child, user=viewer.user, role="viewer")
    Membership.objects.create(child=child, user=editor.user, role="editor")
    make_link(parent, child)
    link = ShareLink.objects.get()
    manage_url = reverse("journal:share", args=[child.pk])
    revoke_url = reverse("journal:share_revoke", args=[child.pk, link.pk])
    form = {"data_from": TODAY, "data_to": TODAY, "lifetime": 7}
    for someone in (viewer, editor, stranger):
        assert someone.get(manage_url).status_code == 404
        assert someone.post(manage_url, form).status_code == 404
        assert someone.post(revoke_url).status_code == 404
    anonymous = Client().get(manage_url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert Client().post(revoke_url).status_code == 302
    assert ShareLink.objects.count() == 1 and ShareLink.objects.get().active


def test_bad_periods_and_short_passcodes_are_explained(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    data = {"data_from": TODAY, "data_to": TODAY - datetime.timedelta(days=1), "lifetime": 30, "passcode": "abc"}
    response = parent.post(reverse("journal:share", args=[child.pk]), data)
    assert response.status_code == 400 and not ShareLink.objects.exists()
    html = response.content.decode()
    assert "on or after the first date" in html and "at least 6 characters" in html
    assert "<title>Error:" in html


def test_making_links_is_rate_limited(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    for _ in range(20):
        make_link(parent, child)
    data = {"data_from": TODAY, "data_to": TODAY, "lifetime": 7}
    response = parent.post(reverse("journal:share", args=[child.pk]), data)
    assert response.status_code == 429 and ShareLink.objects.count() == 20
