"""The webhook event log (each provider event stored once, then applied by a worker) and the local
test provider's checkouts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        PROCESSED = "processed", _("processed")
        IGNORED = "ignored", _("ignored")
        FAILED = "failed", _("failed, to be retried")
        STOPPED = "stopped", _("stopped: needs staff")

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    livemode = models.BooleanField(default=False)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # When a waiting event may be taken next: on arrival, after a worker's lease runs out, or
    # after a failure's back-off.
    due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment event")
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="webhook_event_once")]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(status__in=["received", "failed"]),
                name="webhook_event_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class LocalCheckout(models.Model):
    """What the local test provider keeps: a checkout, its payment, refunds and subscription in one row."""

    id = models.CharField(primary_key=True, max_length=64)
    reference = models.CharField(max_length=64, db_index=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    monthly = models.BooleanField(default=False)
    email = models.EmailField()
    description = models.CharField(max_length=300)
    success_url = models.URLField(max_length=1000)
    cancel_url = models.URLField(max_length=1000)
    status = models.CharField(max_length=10, default="open")  # open | complete | expired
    payment_status = models.CharField(max_length=10, default="unpaid")  # unpaid | paid
    payment_failed = models.BooleanField(default=False)
    customer_id = models.CharField(max_length=64, blank=True)
    subscription_id = models.CharField(max_length=64, blank=True, db_index=True)
    subscription_status = models.CharField(max_length=10, blank=True)
    payment_intent_id = models.CharField(max_length=64, blank=True, db_index=True)
    charge_id = models.CharField(max_length=64, blank=True, db_index=True)
    amount_refunded_cents = models.PositiveIntegerField(default=0)
    refund_keys = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("test-mode checkout")

    def __str__(self) -> str:
        return self.id
