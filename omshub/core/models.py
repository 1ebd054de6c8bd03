"""Site-wide settings the foundation edits in the admin: its name, contacts and social links."""

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from omshub.core.page_cache import remember


@register_setting(icon="site")
class FoundationSettings(BaseSiteSetting):
    name = models.CharField(_("foundation name"), max_length=120, default="OMS Hub")
    legal_name = models.CharField(
        _("legal name"), max_length=200, blank=True, help_text=_("As registered, for receipts.")
    )
    ein = models.CharField(_("EIN (tax ID)"), max_length=20, blank=True)
    postal_address = models.TextField(
        _("postal address"), max_length=400, blank=True, help_text=_("As registered, for receipts.")
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    twitter_url = models.URLField(_("X / Twitter"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("legal_name"),
                FieldPanel("postal_address"),
                FieldPanel("ein"),
                FieldPanel("contact_email"),
            ],
            heading=_("Foundation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("twitter_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social links"),
        ),
    ]

    class Meta:
        verbose_name = _("foundation settings")

    @classmethod
    def for_request(cls, request: HttpRequest) -> "FoundationSettings":
        """Public pages read these once per content change rather than once per request.

        Only this request path is cached: the admin's settings form reads `for_site`, fresh.
        """
        attr = cls.get_cache_attr_name()
        if not hasattr(request, attr):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            setattr(request, attr, remember(f"foundation-settings:{site.pk}", lambda: cls.for_site(site)))
        return getattr(request, attr)

    def receipt_details_missing(self) -> list[str]:
        """What a tax receipt needs and these settings lack: staff are warned, receipts say so."""
        required = [("legal_name", self.legal_name), ("postal_address", self.postal_address), ("ein", self.ein)]
        return [str(self._meta.get_field(name).verbose_name) for name, value in required if not value.strip()]

    def social_links(self) -> list[tuple[str, str, str]]:
        """(network key, label, url) for each link that is filled in, in display order."""
        links = [
            ("facebook", "Facebook", self.facebook_url),
            ("twitter", "X (Twitter)", self.twitter_url),
            ("instagram", "Instagram", self.instagram_url),
            ("youtube", "YouTube", self.youtube_url),
        ]
        return [link for link in links if link[2]]


class OutboxEmail(models.Model):
    """An email written in the same transaction as the change it reports, sent after commit.

    `key` is unique ("receipt:<gift>"), so writing the same email twice stores it once; the
    sending task locks the row, so it is sent once even when retried or run twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("gave up")
        SUPPRESSED = "suppressed", _("not sent: address suppressed")

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=50)
    to = models.EmailField()
    language = models.CharField(max_length=8, default="en")
    data = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # While a sender works on it, nobody else may (a lease, so a crashed sender's email is retried).
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]

    def __str__(self) -> str:
        return self.key


class EmailSuppression(models.Model):
    """An address no mail goes to (or no optional mail, for a complaint): the one list every sender checks.

    Written by the provider's verified bounce and complaint webhooks (newsletter/webhooks.py);
    staff may delete a row once the person has fixed their mailbox.
    """

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("hard bounce")
        COMPLAINED = "complained", _("marked as spam")

    email = models.EmailField(_("email"), unique=True)
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("suppressed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_reason_display()})"
