"""Writing the journal's audit log: who did what, to which child, when and from where."""

from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _

from omshub.core.security import client_ip
from omshub.journal.models import AuditEntry, Child


def where(request: HttpRequest | None) -> dict[str, str | None]:
    if request is None:
        return {"ip": None, "user_agent": ""}
    return {"ip": client_ip(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]}


BROWSERS = [("Edg", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser", "Samsung Internet"), ("Firefox", "Firefox"),
            ("FxiOS", "Firefox"), ("CriOS", "Chrome"), ("Chrome", "Chrome"), ("Safari", "Safari")]  # fmt: skip
SYSTEMS = [("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
           ("Mac OS X", "Mac"), ("CrOS", "ChromeOS"), ("Linux", "Linux")]  # fmt: skip


def browser_name(user_agent: str) -> str:
    """The browser and its system ("Firefox on Android"): enough to recognise a device, nothing more."""
    browser = next((name for marker, name in BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in SYSTEMS if marker in user_agent), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system


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
