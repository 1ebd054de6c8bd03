"""Each settings module refuses to run where the environment says it does not belong.

The rule, also written in docs/deployment.md:
- OMSHUB_ENV=production: only the production settings run; development and test settings refuse.
- OMSHUB_ENV=development: the production settings refuse.
- OMSHUB_ENV unset: the development settings refuse when ALLOWED_HOSTS names a public host,
  the sign of a server's environment that forgot OMSHUB_ENV (they would send mail to the
  console and mark it sent). Loopback and private addresses and *.localhost names are local.
"""

import ipaddress
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from omshub.config.env import omshub_env

LOCAL_NAMES = {"localhost", "testserver"}


def _is_local(host: str) -> bool:
    name = host.strip().lower().lstrip(".").removeprefix("[").removesuffix("]")
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False  # a domain name, or "*"
    return address.is_loopback or address.is_private


def refuse_production_environment(settings_name: str, allowed_hosts: list[str]) -> None:
    """Development and test settings: never where OMSHUB_ENV says production or a public host is served."""
    environment = omshub_env()
    if environment == "production":
        raise ImproperlyConfigured(
            f"OMSHUB_ENV=production, but DJANGO_SETTINGS_MODULE names the {settings_name} settings. "
            "Remove DJANGO_SETTINGS_MODULE from the environment: OMSHUB_ENV=production chooses the production settings."
        )
    public = [host for host in allowed_hosts if not _is_local(host)]
    if public and not environment:
        raise ImproperlyConfigured(
            f"ALLOWED_HOSTS names {public[0]}, a public host, but these are the {settings_name} settings "
            "(debug pages, email printed instead of sent). On a server, put OMSHUB_ENV=production in the "
            "environment file every process reads (docs/deployment.md); on your own machine, "
            "set OMSHUB_ENV=development."
        )


def refuse_in_development() -> None:
    """Production settings: never where OMSHUB_ENV says development."""
    if omshub_env() == "development":
        raise ImproperlyConfigured(
            "OMSHUB_ENV=development, but DJANGO_SETTINGS_MODULE names the production settings. "
            "Set OMSHUB_ENV=production, or remove DJANGO_SETTINGS_MODULE to run the development settings."
        )


SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
MAILGUN_BACKEND = "anymail.backends.mailgun.EmailBackend"


def require_real_email_transport(mailers: dict[str, Any], anymail: dict[str, Any]) -> None:
    """Production: mail goes to a relay (EMAIL_HOST) or to Mailgun through django-anymail, never
    to a backend that prints or keeps it; Mailgun also needs what verifies its webhook."""
    backend = mailers["default"]["BACKEND"]
    if backend == MAILGUN_BACKEND:
        missing = [
            name
            for name, value in (
                ("MAILGUN_SENDER_DOMAIN", anymail.get("MAILGUN_SENDER_DOMAIN")),
                ("MAILGUN_WEBHOOK_SIGNING_KEY", anymail.get("MAILGUN_WEBHOOK_SIGNING_KEY")),
                ("ANYMAIL_WEBHOOK_SECRET", anymail.get("WEBHOOK_SECRET")),
            )
            if not value
        ]
        if missing:
            raise ImproperlyConfigured(
                f"MAILGUN_API_KEY is set, so email goes through Mailgun: also set {', '.join(missing)} "
                "(docs/deployment.md, Email delivery)."
            )
        if ":" not in anymail["WEBHOOK_SECRET"]:
            raise ImproperlyConfigured("ANYMAIL_WEBHOOK_SECRET must be user:password (basic auth on the webhook).")
        return
    if backend != SMTP_BACKEND or not mailers["default"].get("OPTIONS", {}).get("host"):
        raise ImproperlyConfigured(
            "Set EMAIL_HOST to the mail relay that sends the site's email (localhost when a relay such as "
            "Postfix runs on this machine; then also EMAIL_PORT=25 and EMAIL_USE_TLS=false), or set "
            "MAILGUN_API_KEY to send through Mailgun (docs/deployment.md)."
        )
