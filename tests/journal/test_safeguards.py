"""Safeguards found in review: nothing recorded twice or dropped from a report, invitations only for
their addressee and spent for good, links that stop after guessing, no working link kept in the outbox."""

import datetime
import re

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.utils import timezone

from omshub.core.models import OutboxEmail
from omshub.journal.domains import domain_keys
from omshub.journal.models import AuditEntry, Invitation, Membership, Observation, ShareLink, token_digest
from omshub.journal.sharing import FAILED_PASSCODES_TO_CLOSE
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_a_second_tap_on_save_records_one_observation(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    page = parent.get(f"/journal/children/{child.pk}/observations/new/").content.decode()
    once = re.search(r'name="once" value="([^"]+)"', page)
    assert once
    data = {"observed_on": TODAY, "once": once.group(1), **{f"score_{k}": "1" for k in domain_keys()}}
    first = parent.post(f"/journal/children/{child.pk}/observations/new/", data)
    second = parent.post(f"/journal/children/{child.pk}/observations/new/", data)
    assert first.status_code == second.status_code == 302
    assert Observation.objects.filter(child=child).count() == 1


def test_a_report_without_notes_keeps_sleep_and_rage(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    moment = timezone.now() - datetime.timedelta(days=1)
    Observation.objects.create(child=child, observed_at=moment, scores={"eyes": 1}, total=1, sleep_hours="9.5",
                               night_wakings=2, rage_episodes=3)  # fmt: skip
    start = TODAY - datetime.timedelta(days=30)
    query = {"date_from": start, "date_to": TODAY, "sections": ["observations"], "format": "csv"}
    csv = parent.get(f"/journal/children/{child.pk}/report/", query).content.decode()
    assert "9.5" in csv and ",3" in csv


def invite(parent, child, email: str) -> str:
    with_mail = len(mail.outbox)
    parent.post(f"/journal/children/{child.pk}/circle/", {"email": email, "role": "viewer"})
    from omshub.core.outbox import retry_pending

    retry_pending(older_than=datetime.timedelta(0))
    (message,) = mail.outbox[with_mail:]
    found = re.search(r"/journal/invitations/\S+/", str(message.body))
    assert found
    return found.group(0)


def test_an_invitation_is_only_for_its_addressee_and_spent_for_good(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    path = invite(parent, child, "gran@example.com")
    assert OutboxEmail.objects.get(kind="journal.invitation").data == {}, "the sent link is not kept"
    stranger = family("someone@example.com")
    refused = stranger.post(path)
    assert refused.status_code == 403 and "gran@example.com" in refused.content.decode()
    assert not Membership.objects.filter(user=stranger.user).exists()
    grandma = family("gran@example.com")
    assert grandma.post(path).status_code == 302
    assert AuditEntry.objects.filter(child=child, action="join", user=grandma.user).exists()
    grandma.user.delete()
    assert not Invitation.objects.get().open, "still spent once its user is gone"
    assert family("gran@example.com").post(path).status_code == 404


def test_guessing_a_passcode_closes_the_link_and_the_family_sees_each_try(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    token = "t" * 43
    link = ShareLink.objects.create(
        child=child,
        token_hash=token_digest(token),
        data_from=TODAY,
        data_to=TODAY,
        passcode_hash=make_password("blue-kite-7"),
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    ShareLink.objects.filter(pk=link.pk).update(failed_passcodes=FAILED_PASSCODES_TO_CLOSE - 1)
    from django.test import Client

    guess = Client().post(f"/shared/{token}/", {"passcode": "wrong-guess"})
    assert guess.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert AuditEntry.objects.filter(child=child, action="share.passcode_failed").count() == 1
    assert Client().post(f"/shared/{token}/", {"passcode": "blue-kite-7"}).status_code == 404
