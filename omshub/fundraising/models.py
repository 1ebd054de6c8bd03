"""Supporters' fundraising pages under a campaign, the teams they form, staff's moderation
setting and the reports visitors send about a page.

Gifts made on a page point to it (giving.Donation.fundraiser) and to its team
(giving.Donation.fundraising_team), so a page's and a team's totals are sums of the same
gifts the campaign already counts: nothing is counted twice.
"""

import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from omshub.core.spreadsheet import dollars, spreadsheet_safe
from omshub.giving.fields import CentsField

# Short, unambiguous, easy to read aloud and type from a flyer: no 0/o, 1/l/i.
SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SLUG_LENGTH = 7


def new_slug() -> str:
    return "".join(secrets.choice(SLUG_ALPHABET) for _ in range(SLUG_LENGTH))


class Status(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished by staff")
    CLOSED = "closed", _("closed by its owner")


@register_setting(icon="group")
class FundraisingSettings(BaseSiteSetting):
    hold_for_approval = models.BooleanField(
        _("hold new fundraising pages for approval"),
        default=False,
        help_text=_("When ticked, a new page or team appears only after staff publish it."),
    )
    moderation_email = models.EmailField(
        _("email for reports"),
        blank=True,
        help_text=_("Reports of fundraising pages go here; the foundation's contact email when empty."),
    )

    panels = [FieldPanel("hold_for_approval"), FieldPanel("moderation_email")]

    class Meta:
        verbose_name = _("fundraising settings")


def _changed(campaign_key: Any) -> None:
    from omshub.fundraising.cache import fundraising_changed

    transaction.on_commit(lambda: fundraising_changed(campaign_key), robust=True)


class UnderCampaign(models.Model):
    """What a page and a team share: a short slug, the campaign they raise for (and its
    translation key, so the English and Spanish campaign count the same gifts), a moderation
    status; saving one clears the campaign's cached leaderboards."""

    slug = models.CharField(max_length=16, unique=True, default=new_slug, editable=False)
    campaign = models.ForeignKey("giving.CampaignPage", on_delete=models.PROTECT, related_name="+")
    campaign_key = models.UUIDField(editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.campaign_key is None and self.campaign_id:
            self.campaign_key = self.campaign.translation_key
        super().save(*args, **kwargs)
        _changed(self.campaign_key)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED


class Team(UnderCampaign):
    """A family, a school, a company: members' pages under one name, one goal and one total."""

    name = models.CharField(_("team name"), max_length=120)
    goal_cents = CentsField(_("team goal in US dollars"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("fundraising team")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=models.Q(goal_cents__gt=0), name="team_goal_positive")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("fundraising:team", args=[self.slug])

    def team_name(self) -> str:
        return spreadsheet_safe(self.name)

    def goal(self) -> Decimal:
        return dollars(self.goal_cents)


def photo_path(instance: "FundraisingPage", filename: str) -> str:
    return f"fundraising/{instance.slug}-{secrets.token_hex(6)}.jpg"


class FundraisingPage(UnderCampaign):
    """A supporter's own page: why they raise money, a goal, a photo, under one campaign."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fundraising_pages")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="pages")
    title = models.CharField(_("title"), max_length=120)
    owner_name = models.CharField(_("your name as shown on the page"), max_length=120)
    story = models.TextField(_("why you are raising money"), max_length=3000)
    goal_cents = CentsField(_("goal in US dollars"))
    photo = models.ImageField(
        _("photo"), upload_to=photo_path, blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(_("photo description"), max_length=250, blank=True)
    # A child's health is private: the story is shown only with the family's consent.
    about_child_health = models.BooleanField(_("tells about a child's health"), default=False)
    consent_given = models.BooleanField(_("the family agreed to publication"), default=False)
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("fundraising page")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(goal_cents__gt=0), name="fundraiser_goal_positive"),
            # Never public with a child's health and without the family's consent.
            models.CheckConstraint(
                condition=models.Q(about_child_health=False)
                | models.Q(consent_given=True)
                | ~models.Q(status="published"),
                name="fundraiser_child_health_needs_consent",
                violation_error_message=_("A story can only be published with the family's consent."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fundraising:page", args=[self.slug])

    @property
    def is_open(self) -> bool:
        """Takes gifts: published and not closed."""
        return self.status == Status.PUBLISHED

    @property
    def shows_story(self) -> bool:
        return self.consent_given or not self.about_child_health

    # For the staff list and its export: text a spreadsheet will not run as a formula.
    def owner_email(self) -> str:
        return spreadsheet_safe(self.owner.email)

    def team_name(self) -> str:
        return spreadsheet_safe(self.team.name) if self.team_id and self.team else ""

    def page_title(self) -> str:
        return spreadsheet_safe(self.title)

    def shown_owner(self) -> str:
        return spreadsheet_safe(self.owner_name)

    def goal(self) -> Decimal:
        return dollars(self.goal_cents)


class DonorThanks(models.Model):
    """The owner thanked this gift's donor: once per gift, whoever taps twice."""

    donation = models.OneToOneField("giving.Donation", on_delete=models.CASCADE, related_name="fundraiser_thanks")
    page = models.ForeignKey(FundraisingPage, on_delete=models.CASCADE, related_name="thanks")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("thank-you sent")

    def __str__(self) -> str:
        return f"{self.page_id}:{self.donation_id}"


class PageReport(models.Model):
    """Anyone's report that a page or team breaks the rules; staff read it in the admin."""

    class Reason(models.TextChoices):
        MEDICAL = "medical", _("It shares a child's health without the family's agreement")
        SCAM = "scam", _("It looks like a scam or is not about this cause")
        OFFENSIVE = "offensive", _("It is offensive or hurtful")
        OTHER = "other", _("Something else")

    page = models.ForeignKey(FundraisingPage, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    email = models.EmailField(_("reporter's email"), blank=True)
    client_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("report of a fundraising page")
        ordering = ["handled", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.subject()})"

    def subject(self) -> str:
        return spreadsheet_safe(str(self.page or self.team or ""))

    def reported_details(self) -> str:
        return spreadsheet_safe(self.details)

    def reporter_email(self) -> str:
        return spreadsheet_safe(self.email)
