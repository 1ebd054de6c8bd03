"""Migrations 0006 and 0007 on a journal written by the earlier version: the clear columns get
encrypted, the SECRET_KEY-derived values move to the journal key; going back restores both."""

import base64

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

BEFORE, AFTER = [("journal", "0005_tumor_spelling")], [("journal", "0007_encrypt_stored_values")]
SALT = "site-salt-of-the-earlier-version"


def earlier_fernet() -> Fernet:
    """django-fernet-encrypted-fields 0.4's key: PBKDF2-SHA256 of SECRET_KEY with the salt, 100,000 rounds."""
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=SALT.encode(), iterations=100_000)
    return Fernet(base64.urlsafe_b64encode(kdf.derive(settings.SECRET_KEY.encode())))


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
@override_settings(JOURNAL_ENCRYPTION_KEYS=[Fernet.generate_key().decode()], JOURNAL_LEGACY_SALTS=[SALT])
def test_the_migration_encrypts_the_clear_columns_and_moves_older_values_to_the_journal_key(django_user_model):
    user = django_user_model.objects.create_user("mum", "mum@example.com", "a long family passphrase 42")
    earlier = earlier_fernet()
    journal = Fernet(settings.JOURNAL_ENCRYPTION_KEYS[0])
    migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO journal_child (name, birth_year, birth_month, tumour_found, created_at)"
                " VALUES ('Quintessa Marlowe', 2023, 4, 'unknown', CURRENT_TIMESTAMP)"
            )
            child = rows("SELECT id FROM journal_child")[0][0]
            cursor.execute(
                "INSERT INTO journal_sharelink (child_id, token_hash, label, data_from, data_to, passcode_hash,"
                " created_at, expires_at, failed_passcodes) VALUES (%s, %s, 'Dr Ebonwick', '2026-01-01',"
                " '2026-02-01', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)",
                [child, "b" * 64],
            )
            cursor.execute(
                "INSERT INTO journal_invitation (child_id, email, role, token_hash, invited_by_id, created_at,"
                " expires_at) VALUES (%s, 'aunt.ebonwick@example.org', 'viewer', %s, %s, CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP)",
                [child, "c" * 64, user.pk],
            )
            cursor.execute(
                "INSERT INTO journal_event (child_id, kind, happened_on, notes, created_at, updated_at)"
                " VALUES (%s, 'hospital', '2026-01-05', %s, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                [child, earlier.encrypt(b"Visited by Uncle Rupert").decode()],
            )
            cursor.execute(
                "INSERT INTO journal_clinicscore (child_id, scale, scored_on, total, items, clinician, notes,"
                " created_at, updated_at) VALUES (%s, 'Marlowe-Pike scale', '2026-01-06', 7, '', %s, '',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                [child, earlier.encrypt(b"Dr Ebonwick").decode()],
            )

        migrate(AFTER)
        name, label, email, notes, scale, clinician = rows(
            "SELECT c.name, s.label, i.email, e.notes, k.scale, k.clinician FROM journal_child c"
            " JOIN journal_sharelink s ON s.child_id = c.id JOIN journal_invitation i ON i.child_id = c.id"
            " JOIN journal_event e ON e.child_id = c.id JOIN journal_clinicscore k ON k.child_id = c.id"
        )[0]
        assert [journal.decrypt(v.encode()).decode() for v in (name, label, email, notes, scale, clinician)] == [
            "Quintessa Marlowe",
            "Dr Ebonwick",
            "aunt.ebonwick@example.org",
            "Visited by Uncle Rupert",
            "Marlowe-Pike scale",
            "Dr Ebonwick",
        ]

        migrate(BEFORE)
        assert rows("SELECT name FROM journal_child") == [("Quintessa Marlowe",)]
        assert rows("SELECT label FROM journal_sharelink") == [("Dr Ebonwick",)]
        assert rows("SELECT email FROM journal_invitation") == [("aunt.ebonwick@example.org",)]
        assert rows("SELECT scale FROM journal_clinicscore") == [("Marlowe-Pike scale",)]
        notes = rows("SELECT notes FROM journal_event")[0][0]
        assert earlier.decrypt(notes.encode()) == b"Visited by Uncle Rupert", "as the earlier version reads it"
    finally:
        migrate(AFTER)
