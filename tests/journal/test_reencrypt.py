"""Key rotation: values written with an old journal key stay readable while it is listed after
the new one; `journal_reencrypt` moves them to the new key, and refuses, changing nothing, when
a key is missing. Values of the earlier SECRET_KEY-derived scheme are read and moved too."""

import base64

import pytest
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from omshub.journal.encryption import UndecryptableValue
from omshub.journal.models import Child, Observation, ShareLink, Treatment

pytestmark = pytest.mark.django_db
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


def write_family() -> tuple[Child, Observation, ShareLink]:
    child = Child.objects.create(name="Leo Brightwater", birth_year=2023, birth_month=1)
    observation = Observation.objects.create(child=child, observed_at=timezone.now(), notes="First steps again")
    Treatment.objects.create(child=child, medicine="acth", dose="40", started_on=timezone.localdate())
    link = ShareLink.objects.create(
        child=child,
        token_hash="a" * 64,
        label="Dr Okafor",
        data_from=timezone.localdate(),
        data_to=timezone.localdate(),
        expires_at=timezone.now(),
    )
    return child, observation, link


def test_rotation_keeps_old_values_readable_and_the_command_moves_them_to_the_new_key(capsys) -> None:
    with override_settings(JOURNAL_ENCRYPTION_KEYS=[OLD]):
        child, observation, _link = write_family()
    before = raw("journal_child", "name", child.pk), raw("journal_observation", "notes", observation.pk)

    with override_settings(JOURNAL_ENCRYPTION_KEYS=[NEW]):
        with pytest.raises(UndecryptableValue):
            Child.objects.get(pk=child.pk)  # never shown, or saved back, as if the token were the name
        with pytest.raises(CommandError, match="cannot be decrypted"):
            call_command("journal_reencrypt")
        assert (raw("journal_child", "name", child.pk), raw("journal_observation", "notes", observation.pk)) == before
        assert f"journal_child {child.pk}: name cannot be decrypted" in capsys.readouterr().err

    with override_settings(JOURNAL_ENCRYPTION_KEYS=[NEW, OLD]):
        assert Child.objects.get().name == "Leo Brightwater", "readable after the rotation, before the command"
        call_command("journal_reencrypt")
        assert "Re-encrypted 4 rows" in capsys.readouterr().out  # child, observation, treatment, link
    stored = raw("journal_child", "name", child.pk)
    assert stored != before[0]
    assert Fernet(NEW).decrypt(stored.encode()) == b"Leo Brightwater"
    with pytest.raises(InvalidToken):
        Fernet(OLD).decrypt(stored.encode())

    with override_settings(JOURNAL_ENCRYPTION_KEYS=[NEW]):
        assert Child.objects.get().name == "Leo Brightwater"
        assert Observation.objects.get().notes == "First steps again"
        assert Treatment.objects.get().dose == "40"
        assert ShareLink.objects.get().label == "Dr Okafor"


def earlier_scheme_token(text: str, secret_key: str, salt: str) -> str:
    """A value as django-fernet-encrypted-fields 0.4 wrote it: a key from PBKDF2-SHA256(SECRET_KEY, salt)."""
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt.encode(), iterations=100_000)
    return Fernet(base64.urlsafe_b64encode(kdf.derive(secret_key.encode()))).encrypt(text.encode()).decode()


@override_settings(JOURNAL_ENCRYPTION_KEYS=[NEW])
def test_values_of_the_earlier_secret_key_scheme_are_read_and_moved_to_the_journal_key(capsys) -> None:
    child = Child.objects.create(name="Mia", birth_year=2022, birth_month=5)
    observation = Observation.objects.create(child=child, observed_at=timezone.now(), notes="placeholder")
    old_secret = "the-secret-key-the-site-used-before-" + "y" * 20
    with connection.cursor() as cursor:
        token = earlier_scheme_token("Wobbly after the infusion", old_secret, "site-salt")
        cursor.execute("UPDATE journal_observation SET notes = %s WHERE id = %s", [token, observation.pk])

    with override_settings(SECRET_KEY="rotated-" + "z" * 50, SECRET_KEY_FALLBACKS=[old_secret]):
        with override_settings(JOURNAL_LEGACY_SALTS=[]), pytest.raises(CommandError):
            call_command("journal_reencrypt")
        with override_settings(JOURNAL_LEGACY_SALTS=["site-salt"]):
            assert Observation.objects.get().notes == "Wobbly after the infusion"
            call_command("journal_reencrypt")
            assert "1 values were under the earlier SECRET_KEY-derived keys" in capsys.readouterr().out
    # Now neither the old SECRET_KEY nor the salt is needed.
    with override_settings(JOURNAL_LEGACY_SALTS=[]):
        assert Observation.objects.get().notes == "Wobbly after the infusion"
        assert Fernet(NEW).decrypt(raw("journal_observation", "notes", observation.pk).encode())
