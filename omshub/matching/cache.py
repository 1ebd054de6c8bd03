"""The version in the cache key of a campaign's sponsor names: it changes after staff change a
match of the campaign (called by the model's save; selectors only read it)."""

from omshub.core import cache_versions

MATCHES_VERSION = "campaign-matches-version"


def matches_version(campaign_key: object) -> str:
    """The current version for the campaign (its translation key)."""
    return cache_versions.current(MATCHES_VERSION, campaign_key)


def matches_changed(campaign_key: object) -> None:
    """After staff change a match of this campaign, its page reads the sponsors afresh."""
    cache_versions.bump(MATCHES_VERSION, campaign_key)
