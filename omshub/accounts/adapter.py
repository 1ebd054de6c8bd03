"""allauth's adapter: emails in the foundation's name, from its address, in the reader's language.

Without django.contrib.sites, allauth names the site after the request's host, so every
email began "Hello from 127.0.0.1:8000!". Here the name is the foundation's (its Wagtail
site settings) and the address, in the signature and in every link, is the one links start
with (omshub/core/links.py). The language is the one the reader was using the site in when
the email was triggered, which the request's LocaleMiddleware has made active. Each email
is rendered then and goes out through the outbox (emails.py), so a mail relay that is down
never breaks sign-up or a password reset. Sign-in limits count the same client address as
the lockouts and every other limit (the client behind the proxy, not the proxy).
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from wagtail.models import Site

from omshub.accounts.emails import account_email_store
from omshub.core import links
from omshub.core.models import FoundationSettings
from omshub.core.security import client_ip


@dataclass(frozen=True)
class MailSite:
    """What allauth's templates read from `current_site`: a name and a domain."""

    name: str
    domain: str


def _foundation_name(request: Any) -> str:
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return FoundationSettings.for_site(site).name if site else FoundationSettings().name


def _on_site_address(url: str) -> str:
    """allauth builds its links from the request's host: start them with the site's address instead."""
    parts = urlsplit(url)
    return links.absolute(urlunsplit(("", "", parts.path, parts.query, parts.fragment))) if parts.netloc else url


MAX_ADDRESS = 254  # the longest address mail can reach, and the outbox's column


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        if len(email) > MAX_ADDRESS:  # no mailbox has such an address (RFC 5321): nothing to deliver, nor to store
            return
        address = links.base_url()
        name = _foundation_name(self.request)
        branded = {"current_site": MailSite(name=name, domain=urlsplit(address).netloc), "site_address": address}
        # activate_url, password_reset_url, signup_url: every link allauth puts in an email is to this site.
        rebased = {key: _on_site_address(value) for key, value in context.items() if key.endswith("_url") and value}
        # allauth's own send_mail renders and sends at once; here the rendered email is stored instead.
        message = self.render_mail(
            template_prefix, email, {"request": self.request, "email": email, **context, **rebased, **branded}
        )
        account_email_store(message)

    def format_email_subject(self, subject: str) -> str:
        return f"{_foundation_name(self.request)}: {subject}"

    def get_client_ip(self, request: HttpRequest) -> str:
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address
