"""Text fields stored encrypted (keys: omshub/journal/encryption.py), read back as plain text.

Built on Django's Field API and `cryptography`'s MultiFernet: django-fernet-encrypted-fields,
which wrote the journal's first encrypted values, offers no key setting of its own (its keys
are derived from SECRET_KEY). The column is text whatever max_length says: the validation
still counts the plain text's characters.

An empty value is stored as "" (an empty note is no secret); anything else as a Fernet token.
The database cannot compare or order tokens, so every lookup but isnull is refused: a filter
on one of these fields fails loudly instead of quietly finding nothing. Order in Python.
"""

from typing import Any

from django.db import models

from omshub.journal import encryption


class EncryptedMixin:
    def get_internal_type(self) -> str:
        return "TextField"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]
        if value is None or value == "":
            return value
        return encryption.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        """A value no configured key opens raises UndecryptableValue: never shown, or saved back, as text."""
        if value is None or value == "":
            return value
        return encryption.decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)  # type: ignore[misc]


class EncryptedChar(EncryptedMixin, models.CharField):
    pass


class EncryptedText(EncryptedMixin, models.TextField):
    pass


class EncryptedEmail(EncryptedMixin, models.EmailField):
    pass
