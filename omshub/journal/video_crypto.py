"""Episode videos encrypted at rest: AES-256-GCM in fixed chunks, so any byte range is read cheaply.

A sealed file is a header (magic, version, key id, nonce prefix) and then the video in chunks of
CHUNK bytes, each sealed on its own with a 16-byte tag. The nonce of a chunk is the file's random
prefix, the chunk's number and a mark on the last chunk, so chunks cannot be reordered, dropped
or cut off unnoticed. Byte range `a-b` of the video lies in chunks a // CHUNK to b // CHUNK: a
phone seeking in a long clip costs one or two chunks, not the whole file.

The keys: `journal_keys()` is the one place that reads them: the journal's own
JOURNAL_ENCRYPTION_KEYS (the first encrypts, all decrypt), never SECRET_KEY. Each is stretched
with HKDF for this use alone, and a sealed file names its key by an 8-byte fingerprint.
"""

import functools
import hashlib
import os
import struct
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MAGIC = b"OMSV"
VERSION = 1
CHUNK = 64 * 1024
TAG = 16
PREFIX = 7  # bytes of random nonce prefix; with a 4-byte counter and a last-chunk mark, 12
HEADER = len(MAGIC) + 1 + 8 + PREFIX
SEALED_CHUNK = CHUNK + TAG


class SealedFileError(Exception):
    """Not a sealed video, sealed with a key no longer known, or altered."""


def _secrets() -> list[bytes]:
    keys = settings.JOURNAL_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("Set JOURNAL_ENCRYPTION_KEYS to seal journal videos.")
    return [key.encode() if isinstance(key, str) else bytes(key) for key in keys]


@functools.lru_cache(maxsize=16)
def _stretched(secrets: tuple[bytes, ...]) -> tuple[bytes, ...]:
    return tuple(
        HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"omshub journal episode video").derive(s)
        for s in secrets
    )


def journal_keys() -> list[bytes]:
    """The 32-byte keys for videos, the first one encrypting."""
    return list(_stretched(tuple(_secrets())))


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:8]


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def _rechunk(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The input again, in pieces of exactly CHUNK bytes (the last one shorter)."""
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        while len(buffer) >= CHUNK:
            yield bytes(buffer[:CHUNK])
            del buffer[:CHUNK]
    if buffer:
        yield bytes(buffer)


def seal(pieces: Iterable[bytes], out: BinaryIO) -> int:
    """Encrypt the video given in pieces into `out`; return its length in clear."""
    key = journal_keys()[0]
    cipher, prefix = AESGCM(key), os.urandom(PREFIX)
    out.write(MAGIC + bytes([VERSION]) + key_id(key) + prefix)
    size, index, pending = 0, 0, None
    for chunk in _rechunk(pieces):
        if pending is not None:
            out.write(cipher.encrypt(_nonce(prefix, index, False), pending, None))
            index += 1
        pending, size = chunk, size + len(chunk)
    out.write(cipher.encrypt(_nonce(prefix, index, True), pending or b"", None))
    return size


def _opened(sealed: BinaryIO) -> tuple[AESGCM, bytes]:
    sealed.seek(0)
    header = sealed.read(HEADER)
    if len(header) != HEADER or header[:4] != MAGIC or header[4] != VERSION:
        raise SealedFileError("not a sealed video")
    wanted = header[5:13]
    key = next((k for k in journal_keys() if key_id(k) == wanted), None)
    if key is None:
        raise SealedFileError("sealed with a key that is not configured")
    return AESGCM(key), header[13:]


def chunk_count(size: int) -> int:
    return max((size + CHUNK - 1) // CHUNK, 1)


def clear_size(sealed_size: int) -> int:
    """The length in clear of a sealed file of this length."""
    chunks = max((sealed_size - HEADER + SEALED_CHUNK - 1) // SEALED_CHUNK, 1)
    return max(sealed_size - HEADER - chunks * TAG, 0)


def open_range(sealed: BinaryIO, size: int, start: int, end: int) -> Iterator[bytes]:
    """Bytes start..end (inclusive) of a sealed video `size` bytes long, decrypted chunk by chunk."""
    cipher, prefix = _opened(sealed)
    last = chunk_count(size) - 1
    first = start // CHUNK
    sealed.seek(HEADER + first * SEALED_CHUNK)
    for index in range(first, end // CHUNK + 1):
        data = sealed.read(SEALED_CHUNK)
        try:
            chunk = cipher.decrypt(_nonce(prefix, index, index == last), data, None)
        except Exception as error:  # InvalidTag: altered, cut off, or a chunk out of place
            raise SealedFileError(f"chunk {index} does not open") from error
        low = start - index * CHUNK if index == first else 0
        high = end - index * CHUNK + 1
        yield chunk[low:high]


def plain_range(stored: BinaryIO, start: int, end: int) -> Iterator[bytes]:
    """Bytes start..end (inclusive) of a video stored in clear, in pieces of CHUNK bytes."""
    stored.seek(start)
    left = end - start + 1
    while left > 0:
        piece = stored.read(min(CHUNK, left))
        if not piece:
            return
        left -= len(piece)
        yield piece
