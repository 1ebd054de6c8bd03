"""Where a gift was made when it was not on the campaign's own page.

Apps above giving (fundraising pages and teams, later events) hand the donation form one of
these; the gift stores its ids, so the attribution survives the trip to the payment provider
and back (the provider only ever sees the gift's reference) and monthly renewals keep it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Attribution:
    fundraiser_id: int | None
    team_id: int | None
    label: str  # shown above the form: "Your gift counts toward Ana's fundraiser"
    page_url: str  # back to the page the donor came from
    form_url: str  # the form posts here, and a cancelled payment comes back here
