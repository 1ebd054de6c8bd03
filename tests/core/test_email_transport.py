"""Which email transport runs: the console by default, SMTP with EMAIL_HOST, Mailgun through
django-anymail with MAILGUN_API_KEY; production takes SMTP or a fully configured Mailgun only."""

import secrets

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from omshub.config.guard import MAILGUN_BACKEND, SMTP_BACKEND, require_real_email_transport
from tests.core.test_settings import _run

MAILGUN = {"default": {"BACKEND": MAILGUN_BACKEND}}
COMPLETE = {"MAILGUN_SENDER_DOMAIN": "mg.example.org", "MAILGUN_WEBHOOK_SIGNING_KEY": "k", "WEBHOOK_SECRET": "u:p"}


def test_smtp_with_a_host_or_a_complete_mailgun_passes():
    require_real_email_transport({"default": {"BACKEND": SMTP_BACKEND, "OPTIONS": {"host": "relay"}}}, {})
    require_real_email_transport(MAILGUN, COMPLETE)


@pytest.mark.parametrize(
    "mailers,anymail,message",
    [
        ({"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}, {}, "Set EMAIL_HOST"),
        ({"default": {"BACKEND": SMTP_BACKEND, "OPTIONS": {"host": ""}}}, {}, "or set MAILGUN_API_KEY"),
        (MAILGUN, COMPLETE | {"MAILGUN_WEBHOOK_SIGNING_KEY": ""}, "MAILGUN_WEBHOOK_SIGNING_KEY"),
        (MAILGUN, COMPLETE | {"WEBHOOK_SECRET": None}, "ANYMAIL_WEBHOOK_SECRET"),
        (MAILGUN, COMPLETE | {"WEBHOOK_SECRET": "no-colon"}, "user:password"),
    ],
)
def test_anything_else_is_refused(mailers, anymail, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        require_real_email_transport(mailers, anymail)


def test_production_starts_with_mailgun_and_no_mail_relay(tmp_path):
    code = "from django.conf import settings as s; print(s.MAILERS['default']['BACKEND'])"
    result = _run(
        ["-c", f"import django; django.setup(); {code}"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
        JOURNAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        MAILGUN_API_KEY="key-test",
        MAILGUN_SENDER_DOMAIN="mg.example.org",
        MAILGUN_WEBHOOK_SIGNING_KEY="signing-key",
        ANYMAIL_WEBHOOK_SECRET="anymail:" + secrets.token_urlsafe(20),
    )
    assert result.stdout.split() == [MAILGUN_BACKEND], result.stderr[-2000:]
