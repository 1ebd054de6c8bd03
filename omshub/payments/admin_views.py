"""Staff actions on the payment event log: try a stopped event again once its cause is fixed."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omshub.payments import events
from omshub.payments.models import WebhookEvent

logger = logging.getLogger(__name__)
PERMISSION = "payments.change_webhookevent"


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    event = get_object_or_404(WebhookEvent, pk=pk)
    if events.event_retry(event_pk=event.pk):
        logger.info("Payment event %s retried by staff user %s", event.event_id, request.user.pk)
        messages.success(request, _("The event will be applied again in a moment."))
    else:
        messages.warning(request, _("This event is not stopped: nothing to retry."))
    return redirect("payment_events:inspect", event.pk)
