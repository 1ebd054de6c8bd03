"""Writes for fundraising: create, edit and close a page (joining or starting a team on the
way), thank a donor, staff's publish and unpublish, and visitors' reports. Each runs in one
transaction; emails go through the outbox in the same transaction."""

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from omshub.core.outbox import outbox_email_write
from omshub.fundraising.models import DonorThanks, FundraisingPage, PageReport, Status, Team
from omshub.giving.models import CampaignPage, Donation


class TeamUnavailable(Exception):
    """The team chosen is not open to new members of this campaign."""


@dataclass(frozen=True)
class PageDetails:
    """What the supporter typed, already validated."""

    title: str
    owner_name: str
    story: str
    goal_cents: int
    photo_alt: str
    about_child_health: bool
    consent_given: bool


@dataclass(frozen=True)
class NewTeam:
    name: str
    goal_cents: int


def _apply(page: FundraisingPage, details: PageDetails) -> None:
    page.title = details.title
    page.owner_name = details.owner_name
    page.story = details.story
    page.goal_cents = details.goal_cents
    page.photo_alt = details.photo_alt
    page.about_child_health = details.about_child_health
    # Consent answers the health question; without it there is nothing to agree to.
    page.consent_given = details.consent_given and details.about_child_health


def _held_email(page: FundraisingPage, to: str) -> None:
    if to:
        outbox_email_write(
            key=f"fundraising-held:{page.slug}", kind="fundraising.held", to=to, language="en", data={"page": page.pk}
        )


@transaction.atomic
def page_create(
    *,
    owner: Any,
    campaign: CampaignPage,
    details: PageDetails,
    photo: ContentFile | None,
    join_team: Team | None,
    new_team: NewTeam | None,
    hold: bool,
    language: str,
    staff_email: str = "",
) -> FundraisingPage:
    """A new page (held for staff when `hold`), in a team joined or started here."""
    status = Status.PENDING if hold else Status.PUBLISHED
    team = None
    if join_team is not None:
        team = Team.objects.select_for_update().filter(pk=join_team.pk).first()
        if team is None or team.status != Status.PUBLISHED or team.campaign_key != campaign.translation_key:
            raise TeamUnavailable
    elif new_team is not None:
        team = Team.objects.create(
            campaign=campaign, name=new_team.name, goal_cents=new_team.goal_cents, created_by=owner, status=status
        )
    page = FundraisingPage(owner=owner, campaign=campaign, team=team, status=status, language=language)
    _apply(page, details)
    if photo is not None:
        page.photo.save("photo.jpg", photo, save=False)
    page.save()
    if hold:
        _held_email(page, staff_email)
    return page


@transaction.atomic
def page_update(
    *, page: FundraisingPage, details: PageDetails, photo: ContentFile | None, remove_photo: bool
) -> FundraisingPage:
    page = FundraisingPage.objects.select_for_update().get(pk=page.pk)
    _apply(page, details)
    old = page.photo.name if (photo is not None or remove_photo) else ""
    if photo is not None:
        page.photo.save("photo.jpg", photo, save=False)
    elif remove_photo:
        page.photo = None
    page.save()
    if old:
        storage, name = page.photo.storage, old
        transaction.on_commit(lambda: storage.delete(name), robust=True)
    return page


@transaction.atomic
def page_close(*, page: FundraisingPage) -> FundraisingPage:
    """The owner ends the page: its total stands, it takes no more gifts. Only a published page closes."""
    page = FundraisingPage.objects.select_for_update().get(pk=page.pk)
    if page.status == Status.PUBLISHED:
        page.status = Status.CLOSED
        page.closed_at = timezone.now()
        page.save(update_fields=["status", "closed_at"])
    return page


@transaction.atomic
def pages_set_status(*, pages: list[FundraisingPage], status: str) -> int:
    """Staff publish or unpublish pages (and their teams follow only through their own list)."""
    changed = 0
    for page in FundraisingPage.objects.select_for_update().filter(pk__in=[p.pk for p in pages]):
        if page.status != status and not (status == Status.PUBLISHED and not page.shows_story):
            page.status = status
            page.save(update_fields=["status"])
            changed += 1
    return changed


@transaction.atomic
def donor_thank(*, page: FundraisingPage, donation: Donation) -> bool:
    """One thank-you email per gift, in the donor's language; False when it was thanked before."""
    _, created = DonorThanks.objects.get_or_create(donation=donation, defaults={"page": page})
    if created:
        outbox_email_write(
            key=f"fundraiser-thanks:{donation.reference}",
            kind="fundraising.thanks",
            to=donation.email,
            language=donation.language,
            data={"donation": donation.pk, "page": page.pk},
        )
    return created


@transaction.atomic
def report_create(
    *,
    page: FundraisingPage | None,
    team: Team | None,
    reason: str,
    details: str,
    email: str,
    client_key: str,
    staff_email: str,
) -> PageReport:
    report = PageReport.objects.create(
        page=page, team=team, reason=reason, details=details, email=email, client_key=client_key
    )
    if staff_email:
        outbox_email_write(
            key=f"fundraising-report:{report.pk}",
            kind="fundraising.report",
            to=staff_email,
            language="en",
            data={"report": report.pk},
        )
    return report
