"""Every django-allauth email, in English and Spanish: greeted and signed in the foundation's
name, never "Hello from 127.0.0.1…", with the subject in the foundation's name too."""

from datetime import timedelta
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cache import SessionStore
from django.core import mail
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

from omshub.core.models import FoundationSettings
from omshub.core.outbox import retry_pending

TEMPLATES = Path(allauth.__file__).parent / "templates"
# Every email allauth can send: account and two-factor ones, by their template prefix.
PREFIXES = sorted(
    str(path.relative_to(TEMPLATES)).removesuffix("_message.txt")
    for folder in ("account/email", "mfa/email")
    for path in (TEMPLATES / folder).glob("*_message.txt")
    if path.name != "base_message.txt"  # the frame the others extend
)
HOSTS = ("127.0.0.1", "localhost", "testserver")
GREETING = {"en": "Hello,", "es": "Hola:"}
SIGNATURE = {"en": "The Dancing Eyes Foundation team", "es": "El equipo de Dancing Eyes Foundation"}


def test_every_allauth_email_is_covered():
    assert len(PREFIXES) >= 15 and "account/email/email_confirmation_signup" in PREFIXES


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("prefix", PREFIXES)
def test_allauth_email_greets_in_the_foundations_name_in_the_readers_language(demo, settings, prefix, language):
    settings.WAGTAILADMIN_BASE_URL = "https://oms.example.org"
    foundation = FoundationSettings.for_site(Site.objects.get(is_default_site=True))
    foundation.name = "Dancing Eyes Foundation"
    foundation.save()
    request = RequestFactory().get(f"/{language}/accounts/", HTTP_HOST="127.0.0.1:8000")
    request.session, request.user = SessionStore(), AnonymousUser()
    links = {"activate_url": "https://oms.example.org/a/", "password_reset_url": "https://oms.example.org/p/"}
    with translation.override(language), allauth_context.request_context(request):
        get_adapter(request).send_mail(
            prefix,
            "parent@example.com",
            {**links, "signup_url": "https://oms.example.org/s/", "ip": "203.0.113.9", "user_agent": "Firefox"},
        )
    retry_pending(older_than=timedelta(0))  # stored in the outbox, sent after commit
    (message,) = mail.outbox
    body = str(message.body)
    assert message.subject.startswith("Dancing Eyes Foundation: ")
    assert body.startswith(GREETING[language]), body
    assert SIGNATURE[language] in body and "https://oms.example.org" in body
    assert not any(host in body or host in message.subject for host in HOSTS), body
    assert "Hello from" not in body and "Hola de parte" not in body and "Thank you for using" not in body
    if language == "es":
        assert "Hello" not in body and "You are receiving" not in body


def test_a_parent_signing_up_in_spanish_gets_the_confirmation_in_spanish(client, demo, settings):
    password = "una frase larga de la familia 42"
    response = client.post(
        "/es/accounts/signup/", {"email": "madre@example.com", "password1": password, "password2": password}
    )
    assert response.status_code == 302
    retry_pending(older_than=timedelta(0))
    (message,) = mail.outbox
    body = str(message.body)
    assert body.startswith("Hola:") and "OMS Hub" in body and "Hello" not in body
    # The link starts with the site's address (the configured one in these settings), not the request's host.
    assert f"{settings.WAGTAILADMIN_BASE_URL}/es/accounts/confirm-email/" in body and "testserver" not in body
