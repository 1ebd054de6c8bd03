"""The email provider's tracking events, through django-anymail: hard bounces and complaints put
the address on the suppression list (core/suppression.py) and mark the newsletter delivery.

Anymail's webhook view verifies each request before any signal is sent: HTTP basic auth with
ANYMAIL_WEBHOOK_SECRET, and for Mailgun the HMAC signature made with the webhook signing key.
A forged request is answered 400 and changes nothing. The view is only served while the
provider is configured (404 otherwise)."""

import logging
from typing import Any

from anymail.signals import AnymailTrackingEvent, EventType, RejectReason, tracking
from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from omshub.core.models import EmailSuppression
from omshub.core.suppression import address_suppress
from omshub.newsletter.models import Delivery, Subscriber

logger = logging.getLogger(__name__)


def _reason(event: AnymailTrackingEvent) -> str:
    if event.event_type == EventType.COMPLAINED:
        return EmailSuppression.Reason.COMPLAINED
    if event.event_type == EventType.BOUNCED:
        return EmailSuppression.Reason.BOUNCED
    if event.event_type == EventType.REJECTED and event.reject_reason == RejectReason.BOUNCED:
        return EmailSuppression.Reason.BOUNCED
    return ""


@receiver(tracking, dispatch_uid="omshub-newsletter-tracking")
def on_tracking_event(sender: Any, event: AnymailTrackingEvent, esp_name: str, **kwargs: Any) -> None:
    reason = _reason(event)
    if not reason or not event.recipient:
        return  # deliveries, opens, deferrals: nothing to stop
    with transaction.atomic():
        address_suppress(email=event.recipient, reason=reason, detail=f"{esp_name}: {event.description or ''}")
        state = Delivery.State.COMPLAINED if reason == EmailSuppression.Reason.COMPLAINED else Delivery.State.BOUNCED
        delivery_id = str((event.metadata or {}).get("newsletter_delivery", ""))
        if delivery_id.isdigit():
            Delivery.objects.filter(pk=int(delivery_id), email__iexact=event.recipient).update(state=state)
        elif event.message_id:
            Delivery.objects.filter(message_id=event.message_id).update(state=state)
        if reason == EmailSuppression.Reason.COMPLAINED:
            # A complaint is a clear "stop": the newsletter ends for this person.
            Subscriber.objects.filter(email=event.recipient.lower(), status=Subscriber.Status.SUBSCRIBED).update(
                status=Subscriber.Status.UNSUBSCRIBED,
                unsubscribed_at=timezone.now(),
                unsubscribed_how=f"complaint to {esp_name}",
            )
    logger.info("Email address suppressed after a %s event from %s", reason, esp_name)


_mailgun = MailgunTrackingWebhookView.as_view()


@csrf_exempt
def mailgun_tracking(request: HttpRequest) -> HttpResponse:
    if not settings.ANYMAIL.get("MAILGUN_WEBHOOK_SIGNING_KEY"):
        raise Http404("No email provider is configured")
    return _mailgun(request)
