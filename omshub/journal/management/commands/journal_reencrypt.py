"""Re-encrypt every encrypted journal field with the first of JOURNAL_ENCRYPTION_KEYS, after a rotation.

Rotation (docs/deployment.md): put a new key first in JOURNAL_ENCRYPTION_KEYS and keep the
old one after it, restart, run this command, then remove the old key. The command first
checks that every stored value can be decrypted, and changes nothing if one cannot (a
missing old key would otherwise be found only when someone opens that record).

It also moves values still under the earlier SECRET_KEY-derived keys (FIELD_ENCRYPTION_SALTS)
to the journal's keys, and says when those salts are needed no longer.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Model

from omshub.journal import encryption
from omshub.journal.models.encrypted import EncryptedMixin


def encrypted_fields() -> dict[type[Model], list]:
    found: dict[type[Model], list] = {}
    for model in apps.get_app_config("journal").get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
        if fields:
            found[model] = fields
    return found


def _columns() -> dict[str, list[str]]:
    return {model._meta.db_table: [f.column for f in fields] for model, fields in encrypted_fields().items()}


class Command(BaseCommand):
    help = (
        "Re-encrypt the care journal's encrypted fields with the first key of JOURNAL_ENCRYPTION_KEYS "
        "(after putting a new key first), checking first that every value decrypts; changes nothing if one does not."
    )

    def handle(self, *args, **options) -> None:
        columns_of = _columns()
        unreadable = legacy = 0
        for table, columns in columns_of.items():
            for pk, *values in encryption.stored_rows(connection, table, columns):
                for column, value in zip(columns, values, strict=True):
                    if not value:
                        continue
                    try:
                        legacy += encryption.needs_legacy(value)
                    except encryption.UndecryptableValue:
                        unreadable += 1
                        self.stderr.write(f"{table} {pk}: {column} cannot be decrypted")
        if unreadable:
            raise CommandError(
                f"{unreadable} values cannot be decrypted with JOURNAL_ENCRYPTION_KEYS "
                "(is the old key still listed after the new one?): nothing changed."
            )
        with transaction.atomic():
            total = sum(
                encryption.rewrite(connection, table, columns, encryption.reencrypt)
                for table, columns in columns_of.items()
            )
        self.stdout.write(f"Re-encrypted {total} rows with the first key of JOURNAL_ENCRYPTION_KEYS.")
        if legacy:
            self.stdout.write(f"{legacy} values were under the earlier SECRET_KEY-derived keys; they are not now.")
        self.stdout.write("No stored value needs the keys after the first one, nor FIELD_ENCRYPTION_SALTS, any more.")
