"""Families for the journal tests: signed-in clients, each with its own user."""

import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from omshub.journal import video_files
from omshub.journal.models import Child, EpisodeVideo


@pytest.fixture(autouse=True)
def video_storage(settings, tmp_path):
    """Episode videos kept in a folder of the test's own."""
    folder = tmp_path / "journal-videos"
    settings.STORAGES = {
        **settings.STORAGES,
        "journal_videos": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder}},
    }
    return folder


@pytest.fixture
def family(django_user_model):
    def make(email: str) -> Client:
        user = django_user_model.objects.create_user(email.split("@")[0], email, "a long family passphrase 42")
        client = Client()
        client.force_login(user)
        client.user = user  # type: ignore[attr-defined]
        return client

    return make


def add_child(client: Client, name: str = "Sofia") -> Child:
    response = client.post(
        "/journal/children/new/", {"name": name, "birth_month": "3", "birth_year": "2023", "tumour_found": "unknown"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    child = Child.objects.filter(memberships__user=client.user).latest("pk")  # type: ignore[attr-defined]
    assert child.name == name  # names are encrypted: the database cannot look one up
    return child


FIXTURE_VIDEO = Path(__file__).parent / "fixtures" / "episode.webm"  # 3 s of VP8 test pattern, 23 KB


def add_video(child: Child, user=None, *, filmed_on: datetime.date | None = None, poster: bool = True) -> EpisodeVideo:
    """A kept clip (the fixture), sealed as uploads are, with a poster (its first bytes will do)."""
    data = FIXTURE_VIDEO.read_bytes()
    name, size = video_files.store([data], child.pk, encrypt=True)
    still = video_files.store([b"\xff\xd8\xff poster"], child.pk, encrypt=True, suffix="-poster")[0] if poster else ""
    return EpisodeVideo.objects.create(
        child=child,
        recorded_by=user,
        filmed_on=filmed_on or timezone.localdate(),
        format="webm",
        size=size,
        file=name,
        poster=still,
        encrypted=True,
    )
