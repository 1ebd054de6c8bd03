"""`manage.py demo_totp [email]`: the demo admin's current two-factor code, in development only."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from omshub.accounts.two_factor import totp_code, totp_secret


class Command(BaseCommand):
    help = "Print the current authenticator code of the demo admin (development settings only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email", nargs="?", default="admin@example.org")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_totp reads a stored secret: it runs with development settings only.")
        user = get_user_model().objects.filter(email__iexact=options["email"]).first()
        secret = totp_secret(user) if user else None
        if not secret:
            raise CommandError(f"No authenticator app is set up for {options['email']}.")
        self.stdout.write(totp_code(secret))
