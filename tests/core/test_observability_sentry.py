"""Sentry reports carry where an error happened, never what a family or donor typed; no DSN, no report.

The SDK runs for real with an in-memory transport (its public Transport API): nothing leaves the
machine, and every byte it would have sent is searched for what was typed.
"""

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import sentry_sdk
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.test import Client
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from omshub.core.observability.sentry import init_sentry
from tests.core.test_settings import _run
from tests.firststeps.test_letter import VALID as LETTER
from tests.journal.conftest import add_child
from tests.journal.test_entries import TODAY, ratings

pytestmark = pytest.mark.django_db

NOTE = "ZEBRA-NOTE-7731 she had a seizure at nursery"
CHILD = "Quintessa"
LETTER_NOTE = "QUOKKA-LETTER-5512 wobbly since the flu"
LETTER_CHILD = "Philippa-Xanthe"
# (Defined here, far from the frames an error passes through: a report shows a few lines of
# source code around each frame, and these tests' own source is no family's data.)


class KeptTransport(Transport):
    """Keeps what would be sent to Sentry."""

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)

    def sent(self) -> bytes:
        return b"\n".join(envelope.serialize() for envelope in self.envelopes)


@pytest.fixture
def reports() -> Iterator[KeptTransport]:
    transport = KeptTransport()
    init_sentry("https://public@sentry.example.invalid/1", environment="test", transport=transport)
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def _parent() -> Client:
    user = get_user_model().objects.create_user("parent", "parent@example.com", "a long family passphrase 42")
    parent = Client(raise_request_exception=False)
    parent.force_login(user)
    parent.user = user  # type: ignore[attr-defined]
    return parent


def _events(transport: KeptTransport) -> list[dict[str, Any]]:
    return [dict(event) for envelope in transport.envelopes if (event := envelope.get_event())]


def test_a_journal_error_reports_where_it_happened_but_no_note(reports, monkeypatch) -> None:
    parent = _parent()
    child = add_child(parent, CHILD)

    def fails(*, values, **_):
        raise ValueError(f"could not save {values}")  # an error message quoting the input

    monkeypatch.setattr("omshub.journal.services.record_save", fails)
    response = parent.post(
        f"/journal/children/{child.pk}/observations/new/?note={NOTE.split()[0]}",
        {"observed_on": TODAY.isoformat(), **ratings(2), "notes": NOTE},
        HTTP_COOKIE_EXTRA="x",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 500
    sentry_sdk.flush()
    events = _events(reports)
    assert events, "the error was reported"
    sent = reports.sent()
    assert b"ValueError" in sent and b"record_add" in sent, "its type and where it happened"
    assert response["X-Request-ID"].encode() in sent, "tagged with the request id, to find its log lines"
    for typed in (NOTE, NOTE.split()[0], "seizure at nursery", CHILD, "parent@example.com", "203.0.113.9"):
        assert typed.encode() not in sent, typed
    for event in events:
        assert "data" not in event.get("request", {}) and "cookies" not in event.get("request", {})
        assert "user" not in event and "extra" not in event
        for exception in event.get("exception", {}).get("values", []):
            assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
    assert parent.cookies["sessionid"].value.encode() not in sent


def test_a_letter_error_reports_none_of_the_answers(reports, monkeypatch, client) -> None:
    def fails(session, answers):
        raise RuntimeError(f"could not keep {answers}")

    monkeypatch.setattr("omshub.firststeps.views.answers_keep", fails)
    visitor = Client(raise_request_exception=False)
    answers = {**LETTER, "child_name": LETTER_CHILD, "notes": LETTER_NOTE}
    assert visitor.post("/letter-for-the-doctor/", answers).status_code == 500
    sentry_sdk.flush()
    assert _events(reports), "the error was reported"
    sent = reports.sent()
    assert b"RuntimeError" in sent
    for typed in (LETTER_NOTE, "QUOKKA-LETTER-5512", "wobbly since the flu", LETTER_CHILD):
        assert typed.encode() not in sent, typed


def test_without_a_dsn_nothing_is_sent(monkeypatch) -> None:
    transport = KeptTransport()
    init_sentry("", transport=transport)
    assert not sentry_sdk.get_client().is_active()
    monkeypatch.setattr("omshub.firststeps.views.answers_keep", lambda session, answers: 1 / 0)
    assert Client(raise_request_exception=False).post("/letter-for-the-doctor/", LETTER).status_code == 500
    sentry_sdk.flush()
    assert transport.envelopes == []


def test_production_starts_sentry_only_with_a_dsn(tmp_path) -> None:
    env = {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "example.org",
        "WAGTAILADMIN_BASE_URL": "https://example.org",
        "JOURNAL_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "EMAIL_HOST": "localhost",
    }
    code = (
        "import django; django.setup(); import sentry_sdk; from django.conf import settings as s;"
        "print(sentry_sdk.get_client().is_active(), s.LOG_FORMAT)"
    )
    assert _run(["-c", code], tmp_path, **env).stdout.split() == ["False", "json"]
    with_dsn = _run(["-c", code], tmp_path, SENTRY_DSN="https://public@sentry.example.invalid/1", **env)
    assert with_dsn.stdout.split() == ["True", "json"], with_dsn.stderr


def test_before_send_keeps_only_the_method_the_bare_address_and_harmless_headers() -> None:
    from omshub.core.observability.sentry import before_breadcrumb, before_send

    event = {
        "request": {
            "method": "POST",
            "url": "https://example.org/journal/children/4/observations/new/?notes=secret#x",
            "query_string": "notes=secret",
            "data": {"notes": "secret"},
            "cookies": {"sessionid": "secret"},
            "env": {"REMOTE_ADDR": "203.0.113.9"},
            "headers": {"User-Agent": "Firefox", "Cookie": "sessionid=secret", "Referer": "https://x/?q=secret"},
        },
        "user": {"email": "secret@example.com"},
        "extra": {"form": "secret"},
        "logentry": {"message": "Email %s not sent", "params": ["secret"], "formatted": "Email secret not sent"},
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "secret",
                    "stacktrace": {"frames": [{"function": "view", "lineno": 3, "vars": {"notes": "secret"}}]},
                }
            ]
        },
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT secret", "data": {"params": ["secret"]}}]},
        "contexts": {"runtime": {"name": "CPython"}, "request_body": {"notes": "secret"}},
    }
    sent = before_send(event, {})
    assert "secret" not in repr(sent)
    assert sent["request"] == {
        "method": "POST",
        "url": "https://example.org/journal/children/4/observations/new/",
        "headers": {"User-Agent": "Firefox"},
    }
    assert sent["exception"]["values"][0] == {
        "type": "ValueError",
        "stacktrace": {"frames": [{"function": "view", "lineno": 3}]},
    }
    assert before_breadcrumb({"category": "query", "message": "SELECT secret", "data": {}, "level": "info"}, {}) == {
        "category": "query",
        "level": "info",
    }
