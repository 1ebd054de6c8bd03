"""The campaign page's fundraising section: top fundraisers and teams, and an invitation to
start a page. Registered with giving.campaign_sections; read from the leaderboards' cache."""

from omshub.fundraising.selectors import campaign_leaderboards
from omshub.giving import campaign_sections
from omshub.giving.models import CampaignPage


@campaign_sections.register
def leaderboards(campaign: CampaignPage, include_test: bool) -> campaign_sections.Section:
    boards = campaign_leaderboards(campaign=campaign, include_test=include_test)
    return campaign_sections.Section(
        template="fundraising/includes/leaderboards.html",
        context={"boards": boards, "campaign": campaign},
    )
