"""What a clip is, told by its first bytes (never its name or the browser's word), and how it is kept.

MP4 and MOV are ISO base media files: a box whose type is `ftyp` names the brand ("qt  " for
QuickTime, "isom", "mp42"... for MP4); older QuickTime files begin with another box. WebM begins
with an EBML header whose DocType is "webm". Anything else is refused, whatever it is called.
"""

import tempfile
import uuid
from collections.abc import Iterable, Iterator
from typing import BinaryIO, cast

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages

from omshub.journal import video_crypto

HEAD_BYTES = 64
CONTENT_TYPES = {"mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm"}
EXTENSIONS = {"mp4": "mp4", "mov": "mov", "webm": "webm"}
MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"M4VH", b"M4VP",
    b"mmp4", b"dash", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"MSNV", b"XAVC", b"f4v ", b"hvc1",
}  # fmt: skip
NOT_VIDEO_BRANDS = {b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis", b"M4A ", b"M4B ", b"M4P ", b"crx "}
QUICKTIME_FIRST_BOXES = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
EBML = b"\x1a\x45\xdf\xa3"
DOCTYPE = b"\x42\x82"


def sniff(head: bytes) -> str | None:
    """ "mp4", "mov" or "webm" from a file's first bytes; None for anything else."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        size = int.from_bytes(head[:4], "big")
        major = head[8:12]
        compatible = {head[i : i + 4] for i in range(16, min(size, len(head)) - 3, 4)}
        if major == b"qt  ":
            return "mov"
        if major in NOT_VIDEO_BRANDS:
            return None
        if major in MP4_BRANDS or compatible & MP4_BRANDS:
            return "mp4"
        return None
    if len(head) >= 8 and head[4:8] in QUICKTIME_FIRST_BOXES:
        return "mov"
    if head.startswith(EBML):
        at = head.find(DOCTYPE, 4, 48)
        if at != -1 and b"webm" in head[at + 2 : at + 12]:
            return "webm"
    return None


def storage() -> Storage:
    return storages["journal_videos"]


def encrypting() -> bool:
    return bool(getattr(settings, "JOURNAL_VIDEO_ENCRYPT", True))


def max_bytes() -> int:
    return int(settings.JOURNAL_VIDEO_MAX_MB) * 1024 * 1024


def store(pieces: Iterable[bytes], child_id: int, *, encrypt: bool, suffix: str = "") -> tuple[str, int]:
    """Keep these bytes (sealed when `encrypt`) under a random name; return the name and the clear size."""
    name = f"{child_id}/{uuid.uuid4().hex}{suffix}"
    with tempfile.TemporaryFile() as spool:
        if encrypt:
            size = video_crypto.seal(pieces, spool)
        else:
            size = 0
            for piece in pieces:
                spool.write(piece)
                size += len(piece)
        spool.seek(0)
        saved = storage().save(name, File(spool, name=name))
    return saved, size


def read_range(name: str, size: int, start: int, end: int, *, encrypted: bool) -> Iterator[bytes]:
    """Bytes start..end (inclusive) of a kept file, in clear, opened only while they are read."""
    stored = cast(BinaryIO, storage().open(name, "rb"))
    try:
        if encrypted:
            yield from video_crypto.open_range(stored, size, start, end)
        else:
            yield from video_crypto.plain_range(stored, start, end)
    finally:
        stored.close()


def read_all(name: str, *, encrypted: bool) -> bytes:
    """A small kept file (a poster) in clear."""
    stored = storage().size(name)
    size = video_crypto.clear_size(stored) if encrypted else stored
    return b"".join(read_range(name, size, 0, size - 1, encrypted=encrypted)) if size else b""


def remove(*names: str) -> None:
    """Forget kept files (a name already gone is no error)."""
    kept = storage()
    for name in names:
        if name:
            kept.delete(name)
