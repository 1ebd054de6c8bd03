"""The audit context of a request: the one place the journal reads who and where from HTTP."""

from django.http import HttpRequest

from omshub.core.observability.context import current_request_id
from omshub.core.security import client_ip
from omshub.journal.audit import AuditContext


def audit_context(request: HttpRequest) -> AuditContext:
    user = getattr(request, "user", None)
    return AuditContext(
        user=user if user is not None and user.is_authenticated else None,
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        request_id=current_request_id(),
    )
