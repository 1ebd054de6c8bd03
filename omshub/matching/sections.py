"""The campaign page's matching section: raised, matched by the sponsor, and both together.
Registered with giving.campaign_sections; read from the matching cache (selectors.py)."""

from omshub.giving import campaign_sections
from omshub.giving.models import CampaignPage
from omshub.matching.selectors import campaign_matching


@campaign_sections.register
def matched_total(campaign: CampaignPage, include_test: bool) -> campaign_sections.Section | None:
    matching = campaign_matching(campaign)
    if not matching.offers and not matching.matched_cents:
        return None
    return campaign_sections.Section(
        template="matching/includes/campaign_match.html",
        context={"matching": matching, "offer": matching.open_offer(), "currency": campaign.currency},
    )
