"""Re-encrypt every encrypted journal field with the current key, after a key rotation.

Rotation (docs/deployment.md): put the new salt first in FIELD_ENCRYPTION_SALTS and keep the
old one after it (or move the old SECRET_KEY into SECRET_KEY_FALLBACKS), run this command,
then remove the old value. The command first checks that every stored value can be
decrypted, and changes nothing if one cannot (a missing old key would otherwise be silent).
"""

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Model
from encrypted_fields.fields import EncryptedFieldMixin


def encrypted_fields() -> dict[type[Model], list]:
    found: dict[type[Model], list] = {}
    for model in apps.get_app_config("journal").get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]
        if fields:
            found[model] = fields
    return found


def _raw_rows(model, fields) -> list[tuple]:
    """The stored ciphertext, bypassing the fields (which would quietly return it on a wrong key)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [model._meta.pk, *fields])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(model._meta.db_table)}")  # noqa: S608 - names from models
        return cursor.fetchall()


class Command(BaseCommand):
    help = "Re-encrypt the care journal's encrypted fields with the first configured key."

    def handle(self, *args, **options) -> None:
        fields_of = encrypted_fields()
        unreadable = 0
        for model, fields in fields_of.items():
            for row in _raw_rows(model, fields):
                for field, raw in zip(fields, row[1:], strict=True):
                    if raw:
                        try:
                            field.f.decrypt(raw.encode())
                        except InvalidToken:
                            unreadable += 1
                            self.stderr.write(f"{model.__name__} {row[0]}: {field.name} cannot be decrypted")
        if unreadable:
            raise CommandError(f"{unreadable} values cannot be decrypted with the configured keys: nothing changed.")
        total = 0
        with transaction.atomic():
            for model, fields in fields_of.items():
                names = [f.name for f in fields]
                for record in model._default_manager.only("pk", *names).iterator(chunk_size=500):
                    record.save(update_fields=names)
                    total += 1
        self.stdout.write(f"Re-encrypted {total} rows.")
