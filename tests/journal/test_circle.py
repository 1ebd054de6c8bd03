"""The care circle: a child with its first caregiver, invitations by email, and nobody else in."""

import re

import pytest
from django.core import mail
from django.test import Client

from omshub.journal.models import Invitation, Membership
from tests.journal.conftest import add_child

pytestmark = pytest.mark.django_db


def test_a_parent_adds_a_child_and_owns_its_circle(family) -> None:
    parent = family("mum@example.com")
    child = add_child(parent)
    assert Membership.objects.get(child=child).role == "owner"
    page = parent.get(f"/journal/children/{child.pk}/")
    assert page.status_code == 200 and "Sofia" in page.content.decode()
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]


def test_bad_input_is_explained_and_kept(family) -> None:
    parent = family("mum@example.com")
    response = parent.post("/journal/children/new/", {"name": "Leo", "birth_month": "3", "birth_year": "1890"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the year your child was born" in html and 'value="Leo"' in html


def test_an_invited_caregiver_joins_with_the_emailed_link(family, django_capture_on_commit_callbacks) -> None:
    parent, grandma = family("mum@example.com"), family("gran@example.com")
    child = add_child(parent)
    with django_capture_on_commit_callbacks(execute=True):
        parent.post(f"/journal/children/{child.pk}/circle/", {"email": "gran@example.com", "role": "viewer"})
    (invite,) = mail.outbox
    token_path = re.search(r"/journal/invitations/\S+/", str(invite.body)).group(0)  # type: ignore[union-attr]
    token = token_path.rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token_hash__contains=token).exists(), "stored only as a hash"
    assert len(token) >= 43, "at least 256 bits"
    grandma.post(token_path)
    assert Membership.objects.get(child=child, user=grandma.user).role == "viewer"
    assert grandma.get(f"/journal/children/{child.pk}/").status_code == 200
    assert grandma.get(f"/journal/children/{child.pk}/circle/").status_code == 404, "a viewer cannot invite"
    assert family("x@example.com").get(token_path).status_code == 404, "a used link is spent"


def test_every_journal_url_is_closed_to_strangers(family) -> None:
    owner, stranger = family("a@example.com"), family("b@example.com")
    child = add_child(owner)
    private = [f"/journal/children/{child.pk}/", f"/journal/children/{child.pk}/circle/"]
    for path in private:
        assert owner.get(path).status_code == 200, path
        assert stranger.get(path).status_code == 404, path
        assert stranger.post(path, {"email": "evil@example.com", "role": "editor"}).status_code == 404, path
        anonymous = Client().get(path)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/"), path
    assert "Sofia" not in stranger.get("/journal/").content.decode()
    assert Membership.objects.filter(child=child).count() == 1 and not Invitation.objects.exists()
