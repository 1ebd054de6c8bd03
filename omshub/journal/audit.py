"""Writing the journal's audit log: who did what, to which child, when and from where.

Services know nothing of HTTP: a view makes an AuditContext from its request
(views/context.py: audit_context) and hands it, with the acting user, to the service.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from omshub.journal.models import AuditEntry, Child


@dataclass(frozen=True)
class AuditContext:
    """Who acts (a signed-in user, else None), from which address and browser, in which request."""

    user: Any = None
    ip: str | None = None
    user_agent: str = ""
    request_id: str = ""

    def where(self) -> dict[str, str | None]:
        """The address and browser, as the log and a share link's openings keep them."""
        return {"ip": self.ip, "user_agent": self.user_agent[:200]}


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
    context: AuditContext,
    action: str,
    *,
    child: Child | None = None,
    record: Model | None = None,
    target: str = "",
    actor: str = "",
) -> AuditEntry:
    """One entry; `actor` names who acted when it was not a user ("share link 4")."""
    return AuditEntry.objects.create(
        child=child,
        user=context.user,
        actor=actor,
        action=action,
        target=target or target_of(record),
        request_id=context.request_id[:64],
        **context.where(),
    )
