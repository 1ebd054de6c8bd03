"""The care journal's encryption keys, and encrypting or decrypting one stored value.

See docs/decisions/0008-journal-encryption-at-rest.md. Each stored value is a Fernet token
(AES-128-CBC with HMAC-SHA256, from `cryptography`) made with the first key of
settings.JOURNAL_ENCRYPTION_KEYS; every key of that list decrypts. Those keys are the
journal's own: SECRET_KEY can be rotated without touching the journal.

Values written before that setting existed were encrypted (by django-fernet-encrypted-fields)
with keys derived from SECRET_KEY or a SECRET_KEY_FALLBACKS entry and each salt of
settings.JOURNAL_LEGACY_SALTS. Those derived keys still decrypt, never encrypt; migration
0007 moved every stored value to the journal's keys, and `journal_reencrypt` does the same
after a rotation.
"""

import base64
import functools
from collections.abc import Callable

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

LEGACY_ROUNDS = 100_000  # django-fernet-encrypted-fields 0.4's PBKDF2-SHA256 rounds


class UndecryptableValue(Exception):
    """A stored value that none of the configured keys opens: a key is missing from the settings."""


@functools.lru_cache(maxsize=8)
def _current(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("Set JOURNAL_ENCRYPTION_KEYS: the care journal's encryption key(s).")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "JOURNAL_ENCRYPTION_KEYS must hold Fernet keys (44 characters, URL-safe base64), comma-separated."
        ) from exc


def _derived(secret: str, salt: str) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt.encode(), iterations=LEGACY_ROUNDS)
    return base64.urlsafe_b64encode(kdf.derive(secret.encode()))


@functools.lru_cache(maxsize=8)
def _legacy(secrets: tuple[str, ...], salts: tuple[str, ...]) -> tuple[Fernet, ...]:
    """The keys of the earlier scheme, derived only when a value needs them (each costs 100,000 rounds)."""
    return tuple(Fernet(_derived(secret, salt)) for secret in secrets if secret for salt in salts)


def current() -> MultiFernet:
    return _current(tuple(settings.JOURNAL_ENCRYPTION_KEYS))


def legacy() -> tuple[Fernet, ...]:
    secrets = (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)
    return _legacy(secrets, tuple(getattr(settings, "JOURNAL_LEGACY_SALTS", [])))


def encrypt(text: str) -> str:
    return current().encrypt(text.encode()).decode()


def _open_legacy(token: bytes) -> bytes:
    for fernet in legacy():
        try:
            return fernet.decrypt(token)
        except InvalidToken:
            continue
    raise UndecryptableValue("A care-journal value opens with none of JOURNAL_ENCRYPTION_KEYS (nor the legacy salts).")


def decrypt(token: str) -> str:
    """The text of a stored token; UndecryptableValue when no configured key opens it."""
    raw = token.encode()
    try:
        return current().decrypt(raw).decode()
    except InvalidToken:
        return _open_legacy(raw).decode()


def needs_legacy(token: str) -> bool:
    """True when only the earlier SECRET_KEY-derived keys open this token (UndecryptableValue if none do)."""
    try:
        current().decrypt(token.encode())
    except InvalidToken:
        _open_legacy(token.encode())
        return True
    return False


def reencrypt(token: str) -> str:
    """The same text under the first journal key (a token already under it is made again, as Fernet's rotate does)."""
    return encrypt(decrypt(token))


def legacy_encrypt(text: str) -> str:
    """The text as the earlier scheme wrote it (SECRET_KEY, the first legacy salt): only to undo migration 0007."""
    keys = legacy()
    if not keys:
        raise ImproperlyConfigured(
            "Set FIELD_ENCRYPTION_SALTS to the salt the earlier version used, to write values it can read."
        )
    return keys[0].encrypt(text.encode()).decode()


def stored_rows(connection, table: str, columns: list[str]) -> list[tuple]:
    """(id, *values) of every row, as stored: the ciphertext, bypassing the fields."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in ["id", *columns])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {quote(table)} ORDER BY {quote('id')}")  # noqa: S608 - names from models
        return cursor.fetchall()


def rewrite(connection, table: str, columns: list[str], change: Callable[[str], str]) -> int:
    """Store change(value) for every non-empty value of these columns; the number of rows written.

    Run inside a transaction: a value `change` refuses (UndecryptableValue) stops everything.
    """
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    sql = f"UPDATE {quote(table)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608 - names from models
    written = 0
    with connection.cursor() as cursor:
        for pk, *values in stored_rows(connection, table, columns):
            changed = [change(v) if v else v for v in values]
            if changed != values:
                cursor.execute(sql, [*changed, pk])
                written += 1
    return written
