"""Writing the journal's audit log: who did what, to which child, when and from where."""

from django.db.models import Model
from django.http import HttpRequest

from omshub.core.security import client_ip
from omshub.journal.models import AuditEntry, Child


def where(request: HttpRequest | None) -> dict[str, str | None]:
    if request is None:
        return {"ip": None, "user_agent": ""}
    return {"ip": client_ip(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]}


def target_of(record: Model | None) -> str:
    return f"{record._meta.model_name} {record.pk}" if record is not None else ""


def audit(
    request: HttpRequest | None,
    action: str,
    *,
    child: Child | None = None,
    record: Model | None = None,
    target: str = "",
    actor: str = "",
) -> AuditEntry:
    user = getattr(request, "user", None)
    return AuditEntry.objects.create(
        child=child,
        user=user if user is not None and user.is_authenticated else None,
        actor=actor,
        action=action,
        target=target or target_of(record),
        **where(request),
    )
