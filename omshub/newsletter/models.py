"""The newsletter: subscribers (with the proof of their consent), issues staff write, and one
delivery row per issue and recipient, whose state says what happened to that message."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from omshub.core.spreadsheet import spreadsheet_safe


def new_token() -> str:
    # 256 random bits: the key to one person's preferences and unsubscribe links. It never expires;
    # it changes only when the person signs up again after unsubscribing.
    return secrets.token_urlsafe(32)


class Topic(models.TextChoices):
    NEWS = "news", _("Research and foundation news")
    CARE = "care", _("Care tips for families")
    EVENTS = "events", _("Events and fundraising")


def all_topics() -> list[str]:
    return [topic.value for topic in Topic]


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        SUBSCRIBED = "subscribed", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    class Source(models.TextChoices):
        FOOTER = "footer", _("site footer")
        THANK_YOU = "thank-you", _("thank-you page")
        PAGE = "page", _("newsletter page")

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    topics = models.JSONField(_("topics"), default=all_topics)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Proof of consent: where and when the person asked, the words they were shown, and when
    # and how they confirmed from the emailed link (addresses as keyed hashes, never in clear).
    source = models.CharField(_("signed up from"), max_length=12, choices=Source.choices)
    consent_text = models.TextField(_("words shown at sign-up"))
    signed_up_at = models.DateTimeField(_("signed up at"))
    signup_ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_how = models.CharField(_("confirmed how"), max_length=60, blank=True)
    confirmed_ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    unsubscribed_how = models.CharField(_("unsubscribed how"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        indexes = [models.Index(fields=["status", "language"], name="subscriber_status_language")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="subscribed") | models.Q(confirmed_at__isnull=False),
                name="subscribed_only_when_confirmed",
            )
        ]

    def __str__(self) -> str:
        return self.email

    def email_cell(self) -> str:
        """The address as a spreadsheet cell ("=..." is a valid address, and a formula)."""
        return spreadsheet_safe(self.email)

    def consent_cell(self) -> str:
        return spreadsheet_safe(self.consent_text)


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    subject = models.CharField(_("subject"), max_length=150)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Sent to the confirmed subscribers who read this language."),
    )
    topic = models.CharField(
        _("topic"),
        max_length=12,
        choices=Topic.choices,
        default=Topic.NEWS,
        help_text=_("Only subscribers who chose this topic receive the issue."),
    )
    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    send_started_at = models.DateTimeField(_("sending started at"), null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One issue to one subscriber. Claimed by a conditional UPDATE (queued → sending) before the
    message goes, so two workers never send it twice; a row a killed worker left "sending" is
    marked "interrupted" and never sent again (at most once: a second copy is worse than none)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        BOUNCED = "bounced", _("bounced")
        COMPLAINED = "complained", _("marked as spam")
        SKIPPED = "skipped", _("not sent")
        FAILED = "failed", _("failed")
        INTERRUPTED = "interrupted", _("interrupted (maybe sent)")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(_("email"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_recipient")]
        indexes = [models.Index(fields=["issue", "state"], name="delivery_issue_state")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.email}"

    def email_cell(self) -> str:
        return spreadsheet_safe(self.email)
