"""Fundraising campaigns as pages: a goal in whole cents, a beneficiary, dates and a story."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from omshub.core.blocks import BodyBlock

CURRENCIES = [("usd", "USD")]


class CampaignIndexPage(Page):
    """The Donate section: lists the campaigns that are open."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["giving.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["campaigns"] = (
            CampaignPage.objects.child_of(self)
            .live()
            .public()
            .filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today))
            .order_by("-starts_on")
        )
        return context


class CampaignPage(Page):
    beneficiary = models.CharField(_("beneficiary"), max_length=200)
    summary = models.TextField(_("summary"), max_length=400)
    goal_cents = models.PositiveBigIntegerField(_("goal (in cents)"), help_text=_("For example 25000000 for $250,000."))
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="usd")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    story = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("beneficiary"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("goal_cents"), FieldPanel("currency")]),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Goal and dates"),
        ),
        FieldPanel("story"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("beneficiary")]
    parent_page_types = ["giving.CampaignIndexPage"]

    class Meta:
        verbose_name = _("campaign")
        constraints = [
            models.CheckConstraint(condition=models.Q(goal_cents__gt=0), name="campaign_goal_positive"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date must be on or after the start date.")})

    def days_left(self, today: datetime.date | None = None) -> int | None:
        if self.ends_on is None:
            return None
        today = today or timezone.localdate()
        return max((self.ends_on - today).days, 0)
