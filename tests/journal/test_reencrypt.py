"""Key rotation: re-encrypting with a new salt keeps every value readable, and refuses when a key is missing."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from omshub.journal.management.commands.journal_reencrypt import encrypted_fields
from omshub.journal.models import Child, Observation, Treatment

pytestmark = pytest.mark.django_db


def forget_keys() -> None:
    """The library derives its keys once per field; a test that changes them must forget them."""
    for fields in encrypted_fields().values():
        for field in fields:
            field.__dict__.pop("keys", None)
            field.__dict__.pop("f", None)


@pytest.fixture(autouse=True)
def fresh_keys():
    forget_keys()
    yield
    forget_keys()


def raw_notes(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM journal_observation WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_rotation_re_encrypts_with_the_new_salt_and_refuses_when_the_old_key_is_gone(capsys) -> None:
    child = Child.objects.create(name="Leo", birth_year=2023, birth_month=1)
    with override_settings(SALT_KEY=["old-salt"]):
        forget_keys()
        observation = Observation.objects.create(child=child, observed_at=timezone.now(), notes="First steps again")
        Treatment.objects.create(child=child, medicine="acth", dose="40", started_on=timezone.localdate())
        before = raw_notes(observation.pk)
    with override_settings(SALT_KEY=["new-salt"]):
        forget_keys()
        with pytest.raises(CommandError, match="cannot be decrypted"):
            call_command("journal_reencrypt")
        assert raw_notes(observation.pk) == before, "nothing changed"
    with override_settings(SALT_KEY=["new-salt", "old-salt"]):
        forget_keys()
        call_command("journal_reencrypt")
        assert raw_notes(observation.pk) != before
    with override_settings(SALT_KEY=["new-salt"]):
        forget_keys()
        assert Observation.objects.get().notes == "First steps again"
        assert Treatment.objects.get().dose == "40"
