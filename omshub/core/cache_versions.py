"""Versions in cache keys: a list read from the database is cached under its version, and a
change bumps the version, so every cached copy misses at once without being found and deleted.

Random, never counted up: if the cache loses a version, the next one is new and old entries
only miss. A bump is a write: services and models' save call it, selectors only read.
"""

from uuid import uuid4

from django.core.cache import cache


def current(name: str, key: object) -> str:
    """The version of `name` for `key`, made on first read."""
    version = cache.get(f"{name}:{key}")
    if version is None:
        version = uuid4().hex
        cache.add(f"{name}:{key}", version, timeout=None)
    return str(version)


def bump(name: str, key: object) -> None:
    cache.set(f"{name}:{key}", uuid4().hex, timeout=None)
