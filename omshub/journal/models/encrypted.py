"""Encrypted text fields (django-fernet-encrypted-fields) that store an empty value as "" rather than NULL.

The library turns "" into NULL, which a NOT NULL text column refuses; an empty note is no secret.
"""

from typing import Any

from encrypted_fields.fields import EncryptedCharField, EncryptedTextField


class KeepEmpty:
    def get_prep_value(self, value: Any) -> Any:
        if value == "":
            return ""
        return super().get_prep_value(value)  # type: ignore[misc]

    def to_python(self, value: Any) -> Any:
        """An empty value is not a token: skip the failed decryption (an exception per empty note)."""
        if value == "":
            return ""
        return super().to_python(value)  # type: ignore[misc]


class EncryptedChar(KeepEmpty, EncryptedCharField):
    pass


class EncryptedText(KeepEmpty, EncryptedTextField):
    pass
