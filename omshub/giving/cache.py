"""The version in the cache keys of lists read from a campaign's gifts (recent gifts, the donor
wall, the leaderboards): it changes after any of the campaign's gifts changes.

A bump is a write, so it lives here, called by models' save and by services, and never by a
selector; selectors only read the version. Random, never counted up: if the cache loses it,
the next one is new and old entries only miss.
"""

from typing import Any
from uuid import uuid4

from django.core.cache import cache

GIFTS_VERSION = "campaign-gifts-version"


def gifts_version(campaign_key: Any) -> str:
    """The current version for the campaign (its translation key), made on first read."""
    version = cache.get(f"{GIFTS_VERSION}:{campaign_key}")
    if version is None:
        version = uuid4().hex
        cache.add(f"{GIFTS_VERSION}:{campaign_key}", version, timeout=None)
    return str(version)


def gifts_changed(campaign_key: Any) -> None:
    """After a gift of this campaign changes (models' save, services), lists are read afresh."""
    cache.set(f"{GIFTS_VERSION}:{campaign_key}", uuid4().hex, timeout=None)
