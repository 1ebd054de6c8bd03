"""Background work of giving that must not show in a response's timing."""

import uuid

from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import translation

from omshub.core.links import absolute
from omshub.core.outbox import outbox_email_write
from omshub.giving.models import RecurringGift
from omshub.giving.receipts import manage_token


@task()
def send_manage_link(email: str, language: str) -> bool:
    """Email a link to manage the monthly gifts given with this address, if there are any."""
    plan_ids = list(
        RecurringGift.objects.filter(first_donation__email__iexact=email)
        .order_by("-started_at")
        .values_list("pk", flat=True)[:10]
    )
    if not plan_ids:
        return False
    with translation.override(language):
        url = absolute(reverse("giving:manage_portal", args=[manage_token(plan_ids)]))
    with transaction.atomic():
        outbox_email_write(
            key=f"manage:{uuid.uuid4().hex}", kind="giving.manage_link", to=email, language=language, data={"url": url}
        )
    return True
