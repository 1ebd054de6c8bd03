"""Sections other apps add to a campaign's page (fundraisers' leaderboards now; a matching
sponsor or events later), without giving importing them: an app registers a function in
its AppConfig.ready, and the page includes each section's template with its context.

A section function is called on every view of the campaign page, so it must read from a
cache or cost a constant number of queries (tests/pages and tests/fundraising hold the budget).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from omshub.giving.models import CampaignPage


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any]


# (campaign page, whether test gifts count) -> a section, or None to show nothing.
SectionFunction = Callable[[CampaignPage, bool], Section | None]
SECTIONS: list[SectionFunction] = []


def register(function: SectionFunction) -> SectionFunction:
    if function not in SECTIONS:
        SECTIONS.append(function)
    return function
