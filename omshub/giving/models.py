"""Campaigns as pages (goal, beneficiary, dates, story, preset amounts with their impact) and
the gifts made to them, with an audit entry for every change of a gift's state."""

import datetime
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from omshub.core import converters  # noqa: F401  (registers <token:...>)
from omshub.core.blocks import BodyBlock
from omshub.core.money import format_money
from omshub.core.page_privacy import RememberedPrivacyMixin
from omshub.core.spreadsheet import dollars, spreadsheet_safe
from omshub.giving.admin_forms import CampaignPageForm
from omshub.giving.cache import gifts_changed
from omshub.giving.campaign_translations import SHARED_FIELDS, SHARED_RELATIONS, presets_matched
from omshub.giving.fields import CentsField, SmallCentsField

CURRENCIES = [("usd", "USD")]


class CampaignIndexPage(RememberedPrivacyMixin, Page):
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


class Frequency(models.TextChoices):
    ONCE = "once", _("One-time")
    MONTHLY = "monthly", _("Monthly")


@dataclass(frozen=True)
class CampaignRoutes:
    """What a campaign page's routes call. The views live in views.py, which builds this and the
    app hands it over when it starts (apps.py): a model never imports a view (arrows point down).
    """

    context: Callable[[HttpRequest, "CampaignPage"], dict[str, Any]]
    page: Callable[[HttpRequest, "CampaignPage"], HttpResponse]
    donate: Callable[[HttpRequest, "CampaignPage"], HttpResponse]
    thank_you: Callable[[HttpRequest, "CampaignPage", str], HttpResponse]


class CampaignPage(RememberedPrivacyMixin, RoutablePageMixin, Page):
    routes: ClassVar[CampaignRoutes]  # set by GivingConfig.ready()

    beneficiary = models.CharField(_("beneficiary"), max_length=200)
    summary = models.TextField(_("summary"), max_length=400)
    goal_cents = CentsField(_("goal in US dollars"), help_text=_("For example 250,000."))
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
        InlinePanel(
            "amounts",
            heading=_("Preset amounts and what they do"),
            help_text=_(
                "Shown on the donation form, one list per frequency, in this order. Amounts are set on the "
                "English page; a translation translates what each one does."
            ),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("beneficiary")]
    parent_page_types = ["giving.CampaignIndexPage"]
    base_form_class = CampaignPageForm

    class Meta:
        verbose_name = _("campaign")
        constraints = [
            models.CheckConstraint(condition=models.Q(goal_cents__gt=0), name="campaign_goal_positive"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date must be on or after the start date.")})

    def translation_source(self) -> "CampaignPage | None":
        """The campaign's page in the default language, when this page is its translation."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return None
        return CampaignPage.objects.filter(translation_key=self.translation_key, locale=default).first()

    def take_shared_from(self, source: "CampaignPage") -> None:
        """Goal, dates and preset amounts as the source has them; the translated texts stay."""
        for name in SHARED_FIELDS:
            setattr(self, name, getattr(source, name))
        presets = list(source.amounts.order_by("sort_order"))
        rows = []
        for order, (preset, row) in enumerate(
            zip(presets, presets_matched(presets, list(self.amounts.order_by("sort_order"))), strict=True)
        ):
            row = row or CampaignAmount(impact=preset.impact)  # a new preset: English until translated
            row.frequency, row.amount_cents, row.sort_order = preset.frequency, preset.amount_cents, order
            rows.append(row)
        self.amounts.set(rows)  # modelcluster: held until save, which deletes the rows left out

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        shared = update_fields is None or bool(set(update_fields) & {*SHARED_FIELDS, *SHARED_RELATIONS})
        source = self.translation_source() if shared else None
        if source is not None:
            self.take_shared_from(source)
        super().save(*args, **kwargs)
        if shared and source is None and self.locale_id == Locale.get_default().pk:
            translations = CampaignPage.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
            for translation in translations:
                # Its own save takes the shared values from this page, now stored. Not cleaned:
                # a translation's unrelated problem must not stop the English page publishing.
                translation.save(update_fields=[*SHARED_FIELDS, *SHARED_RELATIONS], clean=False)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return super().get_context(request, *args, **kwargs) | self.routes.context(request, self)

    @path("")
    def campaign(self, request: HttpRequest) -> HttpResponse:
        return self.routes.page(request, self)

    # Translated like the rest of the site's URLs: /es/.../donar/ on the Spanish page.
    @path(_("give/"), name="donate")
    def donate(self, request: HttpRequest) -> HttpResponse:
        return self.routes.donate(request, self)

    @path(_("thank-you/<token:reference>/"), name="thank_you")
    def thank_you(self, request: HttpRequest, reference: str) -> HttpResponse:
        return self.routes.thank_you(request, self, reference)

    def days_left(self, today: datetime.date | None = None) -> int | None:
        if self.ends_on is None:
            return None
        today = today or timezone.localdate()
        return max((self.ends_on - today).days, 0)


class CampaignAmount(Orderable):
    """A preset on the donation form, with the impact it buys ("$50 pays for ...")."""

    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="amounts")
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ONCE)
    amount_cents = SmallCentsField(_("amount in US dollars"))
    impact = models.CharField(_("what it does"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("frequency"), FieldPanel("amount_cents")]), FieldPanel("impact")]

    class Meta(Orderable.Meta):
        verbose_name = _("preset amount")
        constraints = [models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="preset_positive")]


def new_reference() -> str:
    return secrets.token_urlsafe(12)


RECEIPT_PREFIX = "OMS"
RECEIPT_NUMBER = re.compile(rf"^\s*{RECEIPT_PREFIX}[-\s]?(\d{{4}})[-\s]?(\d{{1,12}})\s*$", re.IGNORECASE)


def receipt_number_pk(text: str) -> int | None:
    """The gift a receipt number read aloud or typed ("OMS-2026-000123", "oms 2026 123") names."""
    match = RECEIPT_NUMBER.match(text)
    return int(match.group(2)) if match else None


class Donation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")
        REFUNDED = "refunded", _("refunded")
        DISPUTED = "disputed", _("disputed")

    class Tribute(models.TextChoices):
        NONE = "", _("No")
        HONOR = "honor", _("In honor of someone")
        MEMORY = "memory", _("In memory of someone")

    class Method(models.TextChoices):
        ONLINE = "online", _("online")
        CHECK = "check", _("check")
        CASH = "cash", _("cash")
        BANK = "bank", _("bank transfer")

    class Wall(models.TextChoices):
        NONE = "", _("not on the wall")
        PENDING = "pending", _("waiting for moderation")
        APPROVED = "approved", _("shown")
        HIDDEN = "hidden", _("hidden")

    reference = models.CharField(max_length=32, unique=True, default=new_reference, editable=False)
    campaign = models.ForeignKey(CampaignPage, on_delete=models.PROTECT, related_name="donations")
    # The campaign in every language: totals count gifts made on the English and Spanish pages alike.
    campaign_key = models.UUIDField(editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ONCE)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.ONLINE)
    is_test = models.BooleanField(_("test gift"), default=False)
    provider = models.CharField(max_length=20, blank=True)
    amount_cents = models.PositiveIntegerField(_("amount charged (in cents)"))
    fee_cents = models.PositiveIntegerField(_("fee covered by the donor (in cents)"), default=0)
    refunded_cents = models.PositiveIntegerField(_("refunded (in cents)"), default=0)
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="usd")
    donor_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(max_length=8, default="en")
    anonymous = models.BooleanField(_("anonymous"), default=False)
    tribute = models.CharField(_("tribute"), max_length=10, choices=Tribute.choices, blank=True)
    tribute_name = models.CharField(_("in honor or memory of"), max_length=200, blank=True)
    # The donor's choice; gifts from before there was a choice keep showing the name, as they did.
    tribute_on_wall = models.BooleanField(_("tribute name on the donor wall"), default=True)
    notify_name = models.CharField(_("person to tell"), max_length=200, blank=True)
    notify_email = models.EmailField(_("their email"), blank=True)
    message = models.TextField(_("message"), max_length=500, blank=True)
    wall = models.CharField(_("donor wall"), max_length=10, choices=Wall.choices, blank=True)
    checkout_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    payment_id = models.CharField(max_length=255, blank=True, db_index=True)
    settlement_id = models.CharField(max_length=255, blank=True, db_index=True)
    invoice_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    customer_id = models.CharField(max_length=255, blank=True)
    subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    plan = models.ForeignKey("RecurringGift", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals")
    # Made on a supporter's fundraising page (and its team): counted there as well as in the
    # campaign's total, which sums every gift of the campaign once, wherever it was made.
    fundraiser = models.ForeignKey(
        "fundraising.FundraisingPage",
        verbose_name=_("fundraising page"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="donations",
    )
    fundraising_team = models.ForeignKey(
        "fundraising.Team",
        verbose_name=_("fundraising team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="donations",
    )
    failure_reason = models.CharField(max_length=200, blank=True)
    # Card-testing defence: refused payment attempts (the gift may still succeed on a retry).
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    last_failed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The provider's dispute status; "won" and "lost" are final and never reopen.
    dispute_status = models.CharField(max_length=30, blank=True)
    # An offline gift's form submission: the same submission never records two gifts.
    entry_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    client_key = models.CharField(max_length=64, blank=True, db_index=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    succeeded_at = models.DateTimeField(_("paid"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("donation")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["campaign_key", "status", "is_test"], name="donation_campaign_status"),
            models.Index(fields=["email", "status"], name="donation_email_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="donation_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(refunded_cents__lte=models.F("amount_cents")), name="donation_refund_within_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {format_money(self.amount_cents, self.currency)} ({self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.campaign_key is None and self.campaign_id:
            self.campaign_key = self.campaign.translation_key
        super().save(*args, **kwargs)
        if self.status in (self.Status.PENDING, self.Status.FAILED):
            return  # neither before nor after on the page's lists: nothing to read afresh
        key = self.campaign_key
        transaction.on_commit(lambda: gifts_changed(key))

    @property
    def receipt_number(self) -> str:
        """Grouped to read aloud over the phone: the year of the gift and its number ("OMS-2026-000123").

        Made from the gift's own id, so every gift, old or new, has one and it never changes;
        receipts printed before these numbers showed the reference, which staff search still finds.
        """
        if self.pk is None:
            return ""
        day = self.received_on or timezone.localdate(self.succeeded_at or self.created_at)
        return f"{RECEIPT_PREFIX}-{day.year}-{self.pk:06d}"

    def paid_by(self) -> str:
        """How the gift was paid, as a tax preparer reads it: online gifts are paid by card at checkout."""
        return str(_("card")) if self.method == self.Method.ONLINE else self.get_method_display()

    @property
    def public_name(self) -> str:
        return str(_("Anonymous")) if self.anonymous or not self.donor_name else self.donor_name.split()[0]

    @property
    def just_now(self) -> bool:
        return bool(self.succeeded_at and timezone.now() - self.succeeded_at < datetime.timedelta(minutes=1))

    @property
    def net_cents(self) -> int:
        return self.amount_cents - self.refunded_cents if self.status in COUNTED else 0

    @property
    def gift_cents(self) -> int:
        return self.amount_cents - self.fee_cents

    # For the staff list and its CSV export: dollars, and text a spreadsheet will not run.
    def donor(self) -> str:
        return spreadsheet_safe(self.donor_name)

    def donor_email(self) -> str:
        return spreadsheet_safe(self.email)

    def in_honor_or_memory_of(self) -> str:
        return spreadsheet_safe(self.tribute_name)

    def staff_note(self) -> str:
        return spreadsheet_safe(self.note)

    # Numbers for the export: a number cell in XLSX, "26.06" in CSV.
    def amount(self) -> Decimal:
        return dollars(self.amount_cents)

    def refunded(self) -> Decimal:
        return dollars(self.refunded_cents)

    def fee_covered(self) -> Decimal:
        return dollars(self.fee_cents)

    # As staff read it in the admin: "$26.06".
    def amount_shown(self) -> str:
        return format_money(self.amount_cents, self.currency)


COUNTED = (Donation.Status.SUCCEEDED, Donation.Status.REFUNDED)


class DonationAudit(models.Model):
    """Why a gift changed: every change of state or amount goes through a service that writes one."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="audit")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=255, blank=True)  # an event id, "reconcile", "staff", "thank-you page"
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("donation history entry")

    def __str__(self) -> str:
        return f"{self.action} {self.from_status} -> {self.to_status}"

    def shown_detail(self) -> str:
        """The detail as staff read it: the cents the services record, shown as money
        ("refunded 1000 -> 2606" reads "refunded $26.06 of $26.06 (was $10.00)")."""
        gift = self.donation
        if self.action == "refunded by hand" and self.detail.isdigit():
            refunded = format_money(int(self.detail), gift.currency)
            return f"refunded {refunded} of {format_money(gift.amount_cents, gift.currency)}"
        return AUDIT_CENTS.sub(lambda found: _audit_money(found, gift), self.detail)


# The cents figures services write in a history entry's detail (see services/provider_sync.py and services/staff.py).
AUDIT_CENTS = re.compile(r"\b(refunded|amount) (\d+) -> (\d+)")


def _audit_money(found: re.Match[str], gift: Donation) -> str:
    what, before, after = found.group(1), int(found.group(2)), int(found.group(3))
    if what == "refunded":
        return (
            f"refunded {format_money(after, gift.currency)} of {format_money(gift.amount_cents, gift.currency)}"
            f" (was {format_money(before, gift.currency)})"
        )
    return f"amount {format_money(before, gift.currency)} → {format_money(after, gift.currency)}"


class RecurringGift(models.Model):
    """A monthly gift: its first donation, and a new donation for every renewal."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CANCELED = "canceled", _("canceled")

    subscription_id = models.CharField(max_length=255, unique=True)
    provider = models.CharField(max_length=20)
    customer_id = models.CharField(max_length=255, blank=True)
    first_donation = models.OneToOneField(Donation, on_delete=models.PROTECT, related_name="recurring")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_at = models.DateTimeField(default=timezone.now)
    canceled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("monthly gift")

    def __str__(self) -> str:
        return self.subscription_id
