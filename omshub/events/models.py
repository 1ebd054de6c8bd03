"""Events people register for (a walk, a gala, an online talk) and their registrations.

A registration is one seat: held while its checkout is open (paid tickets), confirmed, on the
waitlist, offered a freed seat, cancelled or expired. Seats are counted from registrations
under the event row's lock (services.py), so no seat is sold twice.
"""

import secrets
import zoneinfo
from datetime import datetime
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from omshub.core.spreadsheet import dollars, spreadsheet_safe

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


def new_slug() -> str:
    return secrets.token_urlsafe(6).lower().replace("_", "x").replace("-", "y")


def new_reference() -> str:
    return secrets.token_urlsafe(9)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Event(models.Model):
    slug = models.SlugField(_("short address"), max_length=60, unique=True, default=new_slug)
    title = models.CharField(_("title"), max_length=160)
    title_es = models.CharField(_("title in Spanish"), max_length=160)
    summary = models.TextField(_("what happens"), max_length=2000)
    summary_es = models.TextField(_("what happens, in Spanish"), max_length=2000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/Los_Angeles",
        choices=[(name, name) for name in TIME_ZONES],
        help_text=_("Where the event happens: times are shown in this zone."),
    )
    online = models.BooleanField(_("online event"), default=False)
    place_name = models.CharField(_("place"), max_length=160, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    map_url = models.URLField(
        _("map link"), blank=True, help_text=_("Leave empty to link to OpenStreetMap's search for the address.")
    )
    online_url = models.URLField(
        _("link to join"), blank=True, help_text=_("Sent to registered people only, never shown on the page.")
    )
    capacity = models.PositiveIntegerField(_("seats"), default=40)
    price_cents = models.PositiveIntegerField(
        _("ticket price in cents"), default=0, help_text=_("0 for a free event. 2500 is $25.")
    )
    fair_market_value_cents = models.PositiveIntegerField(
        _("fair market value of a ticket in cents"),
        default=0,
        help_text=_("What the ticket buys (a meal, a show): not deductible. The rest of the price is."),
    )
    currency = models.CharField(max_length=3, default="usd", editable=False)
    published = models.BooleanField(_("published"), default=False)
    registration_open = models.BooleanField(_("registration open"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(fair_market_value_cents__lte=models.F("price_cents")), name="event_fmv_within_price"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at, self.zone):%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.slug])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if self.fair_market_value_cents > self.price_cents:
            raise ValidationError(
                {"fair_market_value_cents": _("The fair market value cannot be more than the ticket price.")}
            )
        if not self.online and not self.address:
            raise ValidationError({"address": _("Give the address, or tick “online event”.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def is_free(self) -> bool:
        return self.price_cents == 0

    @property
    def deductible_cents(self) -> int:
        return self.price_cents - self.fair_market_value_cents

    def shown_title(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "en"
        return self.title_es if language.startswith("es") and self.title_es else self.title

    def shown_summary(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "en"
        return self.summary_es if language.startswith("es") and self.summary_es else self.summary

    @property
    def map_link(self) -> str:
        if self.online:
            return ""
        if self.map_url:
            return self.map_url
        return f"https://www.openstreetmap.org/search?query={quote(self.address)}"

    # For the staff's list and its CSV export.
    @property
    def door_label(self) -> str:
        return str(_("Check-in list"))

    @property
    def price(self) -> Decimal:
        return dollars(self.price_cents)

    @property
    def fair_market_value(self) -> Decimal:
        return dollars(self.fair_market_value_cents)


class Registration(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("seat held, payment open")
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waitlist")
        OFFERED = "offered", _("offered a freed seat")
        CANCELLED = "cancelled", _("cancelled")
        EXPIRED = "expired", _("hold or offer expired")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event"))
    reference = models.CharField(_("reference"), max_length=20, unique=True, default=new_reference, editable=False)
    # The attendee's link to their ticket (emailed); the QR code carries the reference, for staff only.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    price_cents = models.PositiveIntegerField(_("ticket price in cents"), default=0)
    fair_market_value_cents = models.PositiveIntegerField(_("fair market value in cents"), default=0)
    donation_cents = models.PositiveIntegerField(_("donation in cents"), default=0)
    provider = models.CharField(max_length=20, blank=True)
    is_test = models.BooleanField(_("test"), default=False)
    checkout_id = models.CharField(max_length=255, blank=True, db_index=True)
    payment_id = models.CharField(max_length=255, blank=True)
    paid_cents = models.PositiveIntegerField(_("paid in cents"), default=0)
    # Paid after the seat had gone: the whole payment is refunded. Until the provider has said yes
    # (`late_refunded_at` set, with its refund's id), every replay of the checkout tries again.
    late_refund = models.BooleanField(default=False, editable=False)
    late_refund_id = models.CharField(max_length=255, blank=True, editable=False)
    late_refunded_at = models.DateTimeField(null=True, blank=True, editable=False)
    hold_expires_at = models.DateTimeField(null=True, blank=True)  # a held seat or an offer, until then
    client_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        return f"{self.name} · {self.event.title}"

    def get_absolute_url(self) -> str:
        return reverse("events:ticket", args=[self.token])

    @property
    def total_cents(self) -> int:
        return self.price_cents + self.donation_cents

    @property
    def deductible_cents(self) -> int:
        return self.price_cents - self.fair_market_value_cents + self.donation_cents

    @property
    def checked_in(self) -> bool:
        return self.checked_in_at is not None

    @property
    def provider_reference(self) -> str:
        return f"{TICKET_PREFIX}{self.reference}"

    # For the staff's list and the CSV of attendees.
    @property
    def event_title(self) -> str:
        return spreadsheet_safe(self.event.title)

    @property
    def status_label(self) -> str:
        return str(self.get_status_display())

    @property
    def attendee_name(self) -> str:
        return spreadsheet_safe(self.name)

    @property
    def attendee_email(self) -> str:
        return spreadsheet_safe(self.email)

    @property
    def ticket_price(self) -> Decimal:
        return dollars(self.price_cents)

    @property
    def donation(self) -> Decimal:
        return dollars(self.donation_cents)

    @property
    def paid(self) -> Decimal:
        return dollars(self.paid_cents)

    @property
    def fair_market_value(self) -> Decimal:
        return dollars(self.fair_market_value_cents)

    @property
    def deductible(self) -> Decimal:
        return dollars(self.deductible_cents if self.paid_cents else 0)


# A checkout for a ticket carries this before our reference; a gift's reference never holds a "."
TICKET_PREFIX = "ticket."

# What holds a seat: the confirmed, and the held or offered until their time runs out.
SEAT_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.HELD, Registration.Status.OFFERED)
