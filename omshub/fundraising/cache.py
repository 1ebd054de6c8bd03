"""The version in the leaderboards' cache keys that changes when a page or team of a campaign
changes (published, held, renamed, closed); gifts have their own (giving.cache.gifts_changed).

Random, never counted up: if the cache loses it, the next one is new and old entries only miss.
"""

from typing import Any
from uuid import uuid4

from django.core.cache import cache

VERSION = "fundraising-version"


def fundraising_version(campaign_key: Any) -> str:
    version = cache.get(f"{VERSION}:{campaign_key}")
    if version is None:
        cache.add(f"{VERSION}:{campaign_key}", uuid4().hex, timeout=None)
        version = cache.get(f"{VERSION}:{campaign_key}")
    return str(version)


def fundraising_changed(campaign_key: Any) -> None:
    cache.set(f"{VERSION}:{campaign_key}", uuid4().hex, timeout=None)
