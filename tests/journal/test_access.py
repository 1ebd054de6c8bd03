"""Every private journal URL, tried by another family, by a viewer or editor where more is needed, and anonymously.

The table below must name every URL of the journal: a new URL without a line here fails the
first test, so nobody can add a page and forget to close it.
"""

import datetime

import pytest
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from omshub.journal.models import (
    AuditEntry,
    ClinicScore,
    EpisodeVideo,
    Event,
    Membership,
    Observation,
    ShareLink,
    Treatment,
    TreatmentStep,
)
from tests.journal.conftest import add_child, add_video

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()

# name: who may use it ("view", "edit", "own"), its arguments by the objects below
CHILD_URLS = {
    "child": ("view", "/journal/children/{child}/"),
    "entries": ("view", "/journal/children/{child}/entries/"),
    "report": ("view", "/journal/children/{child}/report/"),
    "child_edit": ("edit", "/journal/children/{child}/edit/"),
    "record_add": ("edit", "/journal/children/{child}/observations/new/"),
    "record_edit": ("edit", "/journal/children/{child}/observations/{observation}/"),
    "record_delete": ("edit", "/journal/children/{child}/observations/{observation}/delete/"),
    "step_delete": ("edit", "/journal/children/{child}/steps/{step}/delete/"),
    "circle": ("own", "/journal/children/{child}/circle/"),
    "share": ("own", "/journal/children/{child}/share/"),
    "share_revoke": ("own", "/journal/children/{child}/share/{link}/revoke/"),
    "activity": ("own", "/journal/children/{child}/activity/"),
    "child_delete": ("own", "/journal/children/{child}/delete/"),
    "videos": ("view", "/journal/children/{child}/videos/"),
    "video_delete": ("edit", "/journal/children/{child}/videos/{video}/delete/"),
}
# A clip and its poster: 404 for anyone who may not see them, signed in or not (no sign-in page).
VIDEO_FILE_URLS = {
    "video_file": "/journal/children/{child}/videos/{video}/",
    "video_poster": "/journal/children/{child}/videos/{video}/poster/",
}
OTHER_KINDS = {
    "treatments": "treatment",
    "events": "event",
    "scores": "score",
}
ACCOUNT_URLS = {
    "home": "/journal/",
    "child_add": "/journal/children/new/",
    "my_data": "/journal/my-data/",
    "export": "/journal/my-data/export/",
    "account_delete": "/journal/my-data/delete-account/",
}
# The token is the key: tested in test_circle.py, test_sharing.py and test_videos.py.
TOKEN_URLS = {"invitation", "shared", "shared_video", "shared_poster"}


def journal_url_names() -> set[str]:
    resolver = get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            if getattr(inner, "namespace", None) == "journal":
                names |= {p.name for p in inner.url_patterns}
    return names


def test_the_table_names_every_journal_url() -> None:
    assert journal_url_names() == set(CHILD_URLS) | set(VIDEO_FILE_URLS) | set(ACCOUNT_URLS) | TOKEN_URLS


@pytest.fixture
def family_a(family):
    owner = family("a@example.com")
    child = add_child(owner)
    who = owner.user
    day = timezone.now() - datetime.timedelta(days=1)
    treatment = Treatment.objects.create(child=child, medicine="ivig", started_on=TODAY, recorded_by=who)
    video = add_video(child, who)
    objects = {
        "video": video.pk,
        "child": child.pk,
        "observation": Observation.objects.create(child=child, observed_at=day, scores={"eyes": 2}, total=2).pk,
        "treatment": treatment.pk,
        "step": TreatmentStep.objects.create(treatment=treatment, kind="infusion", starts_on=TODAY).pk,
        "event": Event.objects.create(child=child, kind="relapse", happened_on=TODAY).pk,
        "score": ClinicScore.objects.create(child=child, scale="MP", scored_on=TODAY, total=4).pk,
        "link": ShareLink.objects.create(
            child=child,
            token_hash="x" * 64,
            data_from=TODAY,
            data_to=TODAY,
            expires_at=timezone.now() + datetime.timedelta(days=7),
        ).pk,
    }
    return owner, child, objects


def private_paths(objects: dict[str, int]) -> list[tuple[str, str]]:
    paths = [(may, path.format(**objects)) for may, path in CHILD_URLS.values()]
    for slug, name in OTHER_KINDS.items():
        paths.append(("edit", f"/journal/children/{objects['child']}/{slug}/new/"))
        paths.append(("edit", f"/journal/children/{objects['child']}/{slug}/{objects[name]}/"))
        paths.append(("edit", f"/journal/children/{objects['child']}/{slug}/{objects[name]}/delete/"))
    return paths


def file_paths(objects: dict[str, int]) -> list[str]:
    return [path.format(**objects) for path in VIDEO_FILE_URLS.values()]


def allowed(response) -> bool:
    """A page shown, a POST-only address refusing GET, or a request to confirm the password first."""
    reauthenticate = response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    return response.status_code in (200, 405) or reauthenticate


def snapshot() -> tuple[int, ...]:
    models = (Observation, Treatment, TreatmentStep, Event, ClinicScore, ShareLink, Membership, EpisodeVideo)
    return (*(m.objects.count() for m in models), ShareLink.objects.filter(revoked_at__isnull=False).count())


POST_DATA = {"name": "Sofia", "email": "evil@example.com", "role": "editor", "kind": "relapse", "confirm": "Sofia"}


def test_another_family_gets_404_everywhere_and_changes_nothing(family, family_a) -> None:
    owner, _child, objects = family_a
    stranger = family("b@example.com")
    before = snapshot()
    for _may, path in private_paths(objects):
        assert stranger.get(path).status_code in (404, 405), path
        assert stranger.post(path, POST_DATA).status_code == 404, path
    for path in file_paths(objects):
        for response in (stranger.get(path), stranger.head(path), stranger.get(path, HTTP_RANGE="bytes=0-"),
                         stranger.post(path, POST_DATA)):  # fmt: skip
            assert response.status_code == 404 and not response.content, path
            assert {"private", "no-store"} <= set(response["Cache-Control"].split(", ")), path
    assert snapshot() == before
    assert not AuditEntry.objects.filter(user=stranger.user).exclude(action="view").exists()
    clip_log = AuditEntry.objects.filter(child=_child, target__startswith="episodevideo")
    assert not clip_log.exclude(action="create").exists(), "a refused request is no viewing"
    for _may, path in private_paths(objects):
        assert allowed(owner.get(path)), path
    for path in file_paths(objects):
        assert owner.get(path).status_code == 200, path


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_a_member_gets_only_what_their_role_allows(family, family_a, role) -> None:
    _owner, child, objects = family_a
    member = family(f"{role}@example.com")
    Membership.objects.create(child=child, user=member.user, role=role)
    may_do = {"viewer": {"view"}, "editor": {"view", "edit"}}[role]
    before = snapshot()
    for may, path in private_paths(objects):
        if may in may_do:
            assert allowed(member.get(path)), path
        else:
            assert member.get(path).status_code in (404, 405), path
            assert member.post(path, POST_DATA).status_code == 404, path
    for path in file_paths(objects):  # every member may watch
        assert member.get(path).status_code == 200, path
        assert member.post(path, POST_DATA).status_code == 405, path
    assert snapshot() == before


def test_an_anonymous_visitor_is_sent_to_sign_in(family_a) -> None:
    _owner, _child, objects = family_a
    anonymous = Client()
    paths = [path for _may, path in private_paths(objects)] + list(ACCOUNT_URLS.values())
    for path in paths:
        for response in (anonymous.get(path), anonymous.post(path, POST_DATA)):
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), path
    for path in file_paths(objects):
        for response in (anonymous.get(path), anonymous.get(path, HTTP_RANGE="bytes=0-9"), anonymous.post(path)):
            assert response.status_code == 404 and not response.content, path
    assert not AuditEntry.objects.filter(user__isnull=True).exists()
