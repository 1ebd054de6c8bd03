"""Encrypt the child's name, the clinic's scale, an invitation's address and a share link's label,
and move every value encrypted before (keys derived from SECRET_KEY) to JOURNAL_ENCRYPTION_KEYS.

Needs, while it runs on a site with journal data, the settings that site used until now:
the same SECRET_KEY (or it in SECRET_KEY_FALLBACKS) and FIELD_ENCRYPTION_SALTS. It stops,
changing nothing, if a stored value cannot be decrypted.

Reversible: going back decrypts the four new columns to plain text and writes the older
values again as the earlier version did (SECRET_KEY and the first FIELD_ENCRYPTION_SALTS salt).
"""

from django.db import migrations

from omshub.journal import encryption

# The columns this migration encrypts, and those encrypted since 0002 (with the earlier keys).
NEWLY_ENCRYPTED = {
    "journal_child": ["name"],
    "journal_clinicscore": ["scale"],
    "journal_invitation": ["email"],
    "journal_sharelink": ["label"],
}
ENCRYPTED_BEFORE = {
    "journal_observation": ["notes"],
    "journal_clinicscore": ["items", "clinician", "notes"],
    "journal_treatment": ["medicine", "medicine_other", "dose", "unit", "route", "frequency", "notes"],
    "journal_treatmentstep": ["dose", "notes"],
    "journal_event": ["notes"],
}


def _to_legacy(token: str) -> str:
    return encryption.legacy_encrypt(encryption.decrypt(token))


def forward(apps, schema_editor) -> None:
    connection = schema_editor.connection
    for table, columns in NEWLY_ENCRYPTED.items():
        encryption.rewrite(connection, table, columns, encryption.encrypt)
    try:
        for table, columns in ENCRYPTED_BEFORE.items():
            encryption.rewrite(connection, table, columns, encryption.reencrypt)
    except encryption.UndecryptableValue:
        raise RuntimeError(
            "A care-journal value cannot be decrypted: run this migration with the SECRET_KEY (or it in "
            "SECRET_KEY_FALLBACKS) and the FIELD_ENCRYPTION_SALTS the site used until now. This migration changed nothing."
        ) from None


def backward(apps, schema_editor) -> None:
    connection = schema_editor.connection
    for table, columns in NEWLY_ENCRYPTED.items():
        encryption.rewrite(connection, table, columns, encryption.decrypt)
    for table, columns in ENCRYPTED_BEFORE.items():
        encryption.rewrite(connection, table, columns, _to_legacy)


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0006_encrypted_names_and_labels"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
