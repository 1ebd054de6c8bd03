"""The version in the cache key of a campaign's sponsor names: it changes after staff change a
match of the campaign. A bump is a write, so it lives here (called by the model's save), and the
selectors only read the version.
"""

from uuid import uuid4

from django.core.cache import cache

MATCHES_VERSION = "campaign-matches-version"


def matches_version(campaign_key: object) -> str:
    """The current version for the campaign (its translation key), made on first read."""
    version = cache.get(f"{MATCHES_VERSION}:{campaign_key}")
    if version is None:
        version = uuid4().hex
        cache.add(f"{MATCHES_VERSION}:{campaign_key}", version, timeout=None)
    return str(version)


def matches_changed(campaign_key: object) -> None:
    """After staff change a match of this campaign, its page reads the sponsors afresh."""
    cache.set(f"{MATCHES_VERSION}:{campaign_key}", uuid4().hex, timeout=None)
