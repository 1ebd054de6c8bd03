"""A matching sponsor's offer on a campaign (ratio, cap, dates) and what each gift took from it.

`Match.spent_cents` is a counter changed only under the match row's lock (services.py): it
always equals the sum of its allocations' live amounts (taken less returned). A gift takes from
one match at most once: the allocation's donation is unique.
"""

import datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omshub.core.money import format_money
from omshub.core.spreadsheet import dollars, spreadsheet_safe
from omshub.giving.fields import CentsField
from omshub.giving.models import CampaignPage, Donation
from omshub.matching.cache import matches_changed


class Match(models.Model):
    campaign = models.ForeignKey(
        CampaignPage, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="matches"
    )
    sponsor = models.CharField(_("sponsor's name"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sponsor's logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ratio = models.DecimalField(
        _("ratio"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("10"))],
        help_text=_("What the sponsor gives for each dollar: 1.00 doubles a gift, 0.50 adds half."),
    )
    cap_cents = CentsField(_("cap in US dollars"), help_text=_("The most the sponsor gives, for example 25,000."))
    spent_cents = models.PositiveBigIntegerField(_("matched so far (in cents)"), default=0, editable=False)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    active = models.BooleanField(_("active"), default=True, help_text=_("Untick to stop matching new gifts."))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("matching sponsor")
        verbose_name_plural = _("matching sponsors")
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cap_cents__gt=0), name="match_cap_positive"),
            models.CheckConstraint(condition=models.Q(ratio__gt=0), name="match_ratio_positive"),
            models.CheckConstraint(condition=models.Q(spent_cents__lte=models.F("cap_cents")), name="match_within_cap"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="match_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sponsor} ({self.campaign})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk and not self._state.adding and kwargs.get("update_fields") is None:
            # A staff form holds a stale counter: never write it back over gifts matched meanwhile.
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "spent_cents"
            ]
        super().save(*args, **kwargs)
        key = CampaignPage.objects.filter(pk=self.campaign_id).values_list("translation_key", flat=True).first()
        if key is not None:
            transaction.on_commit(lambda: matches_changed(key))  # the campaign page reads its sponsors afresh

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})
        if self.pk and self.cap_cents is not None:
            spent = Match.objects.filter(pk=self.pk).values_list("spent_cents", flat=True).first() or 0
            if self.cap_cents < spent:
                raise ValidationError(
                    {
                        "cap_cents": _("The cap cannot be less than what is already matched (%(spent)s).")
                        % {"spent": format_money(spent, "usd")}
                    }
                )

    def open_at(self, moment: datetime.datetime) -> bool:
        return self.active and self.starts_at <= moment < self.ends_at

    @property
    def room_cents(self) -> int:
        return max(self.cap_cents - self.spent_cents, 0)

    def share_of(self, gift_cents: int) -> int:
        """What the ratio gives for a gift, in whole cents (rounded down), before the cap."""
        return int((Decimal(gift_cents) * self.ratio).to_integral_value(rounding=ROUND_FLOOR))

    @property
    def doubles(self) -> bool:
        return self.ratio == 1

    @property
    def percent(self) -> str:
        return f"{(self.ratio * 100).normalize():f}"

    # For the staff list.
    def cap_shown(self) -> str:
        return format_money(self.cap_cents, "usd")

    def spent_shown(self) -> str:
        return format_money(self.spent_cents, "usd")


class MatchAllocation(models.Model):
    """What one gift took from a match; a refund gives back its share (returned_cents)."""

    match = models.ForeignKey(Match, verbose_name=_("match"), on_delete=models.PROTECT, related_name="allocations")
    donation = models.OneToOneField(
        Donation, verbose_name=_("donation"), on_delete=models.PROTECT, related_name="match_allocation"
    )
    amount_cents = models.PositiveIntegerField(_("matched (in cents)"))
    returned_cents = models.PositiveIntegerField(_("given back (in cents)"), default=0)
    created_at = models.DateTimeField(_("matched at"), default=timezone.now)
    returned_at = models.DateTimeField(_("given back at"), null=True, blank=True)

    class Meta:
        verbose_name = _("matched gift")
        verbose_name_plural = _("matched gifts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="allocation_positive"),
            models.CheckConstraint(
                condition=models.Q(returned_cents__lte=models.F("amount_cents")), name="allocation_return_within"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.match.sponsor}: {format_money(self.live_cents, 'usd')}"

    @property
    def live_cents(self) -> int:
        return self.amount_cents - self.returned_cents

    # For the staff list and its CSV export.
    def sponsor(self) -> str:
        return spreadsheet_safe(self.match.sponsor)

    def gift_reference(self) -> str:
        return self.donation.reference

    def donor(self) -> str:
        return spreadsheet_safe(self.donation.donor_name)

    def gift(self) -> Decimal:
        return dollars(self.donation.amount_cents)

    def matched(self) -> Decimal:
        return dollars(self.amount_cents)

    def given_back(self) -> Decimal:
        return dollars(self.returned_cents)

    def matched_shown(self) -> str:
        return format_money(self.live_cents, "usd")
