"""The version in the cache keys of lists read from a campaign's gifts (recent gifts, the donor
wall, the leaderboards): it changes after any of the campaign's gifts changes. Called by models'
save and by services, never by a selector (core/cache_versions.py)."""

from typing import Any

from omshub.core import cache_versions

GIFTS_VERSION = "campaign-gifts-version"


def gifts_version(campaign_key: Any) -> str:
    """The current version for the campaign (its translation key)."""
    return cache_versions.current(GIFTS_VERSION, campaign_key)


def gifts_changed(campaign_key: Any) -> None:
    """After a gift of this campaign changes (models' save, services), lists are read afresh."""
    cache_versions.bump(GIFTS_VERSION, campaign_key)
