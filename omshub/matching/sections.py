"""The campaign page's matching section: raised, matched by the sponsors, and both together.
Registered with giving.campaign_sections. No query of its own on a warm page: the sponsors'
names are cached (selectors.py) and the matched total comes with the page's progress."""

from omshub.giving import campaign_sections
from omshub.giving.models import CampaignPage
from omshub.matching.selectors import campaign_sponsors


@campaign_sections.register
def matched_total(campaign: CampaignPage, include_test: bool) -> campaign_sections.Section | None:
    sponsors = campaign_sponsors(campaign)
    if not sponsors:
        return None
    return campaign_sections.Section(
        template="matching/includes/campaign_match.html",
        context={"sponsors": sponsors, "currency": campaign.currency},
    )
