"""The journal's services and selectors know nothing of HTTP: services take the acting user and an
AuditContext (who, from where, which request), selectors raise JournalNotFound, and
journal/urls.py is the one place that turns it into a 404."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

import omshub
from omshub.journal import selectors, services
from omshub.journal.audit import AuditContext
from omshub.journal.models import AuditEntry
from omshub.journal.selectors import JournalNotFound
from tests.journal.conftest import add_child

JOURNAL = Path(omshub.__file__).parent / "journal"
# sharing.py is left out: besides its writes (which take a context), it keeps the browser-side
# helpers of a share link (unlocked, unlock, passcode_limited), which read the session.
NO_HTTP = ["services.py", "selectors.py", "audit.py", "videos.py", "mydata.py"]


@pytest.mark.parametrize("name", NO_HTTP)
def test_services_and_selectors_import_nothing_of_http(name):
    tree = ast.parse((JOURNAL / name).read_text())
    modules = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    modules += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert [m for m in modules if m.startswith("django.http") or m.endswith("security")] == []


@pytest.mark.django_db
def test_a_selector_says_not_found_and_the_page_answers_404(family):
    parent, stranger = family("ana@example.com"), family("eve@example.com")
    child = add_child(parent)
    with pytest.raises(JournalNotFound):
        selectors.child_for(stranger.user, child.pk)
    with pytest.raises(JournalNotFound):
        selectors.child_for(AnonymousUser(), child.pk)
    assert stranger.get(f"/journal/children/{child.pk}/").status_code == 404
    assert parent.get(f"/journal/children/{child.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_audit_log_keeps_who_where_and_the_request_id(family):
    parent = family("ana@example.com")
    child = add_child(parent)
    response = parent.get(
        f"/journal/children/{child.pk}/", HTTP_X_REQUEST_ID="req-12345678", HTTP_USER_AGENT="Firefox on Android"
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(child=child, action="view", target="dashboard")
    assert (entry.user, entry.request_id, entry.user_agent) == (parent.user, "req-12345678", "Firefox on Android")
    assert entry.ip == "127.0.0.1"


@pytest.mark.django_db
def test_a_service_takes_an_actor_and_a_context_without_a_request(family):
    parent = family("ana@example.com")
    child = add_child(parent)
    context = AuditContext(user=parent.user, ip="203.0.113.9", user_agent="a script", request_id="task-1")
    services.child_update(actor=parent.user, context=context, child=child, values={"name": "Sofía"})
    entry = AuditEntry.objects.get(child=child, action="update")
    assert (entry.user, entry.ip, entry.user_agent, entry.request_id) == (
        parent.user,
        "203.0.113.9",
        "a script",
        "task-1",
    )
