"""Reads of the payment event log for staff: the events that stopped and wait for a person."""

from django.db.models import QuerySet

from omshub.payments.models import WebhookEvent


def events_needing_staff() -> QuerySet[WebhookEvent]:
    """Events that failed MAX_ATTEMPTS times (payments/events.py), oldest first."""
    return WebhookEvent.objects.filter(status=WebhookEvent.Status.STOPPED).order_by("received_at")
