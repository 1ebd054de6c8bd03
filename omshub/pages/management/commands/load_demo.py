"""`manage.py load_demo`: seed the demo foundation and an admin account (both idempotent)."""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from wagtail.models import Page

from omshub.pages.demo import demo_foundation_load


class Command(BaseCommand):
    help = "Load the demo foundation's pages, campaign and settings, and create an admin login once."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-admin", action="store_true", help="Do not create an admin account.")

    def handle(self, *args: Any, **options: Any) -> None:
        demo_foundation_load()
        count = Page.objects.filter(depth__gt=1).count()
        self.stdout.write(self.style.SUCCESS(f"Demo foundation ready: {count} pages in English and Spanish."))
        if not options["no_admin"]:
            self._ensure_admin()
            self._ensure_family()

    def _ensure_admin(self) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "Admin account exists already (reset it with: .venv/bin/python manage.py changepassword admin)."
            )
            return
        from allauth.account.models import EmailAddress

        from omshub.accounts.two_factor import totp_enable

        password = secrets.token_urlsafe(12)
        email = "admin@example.org"
        admin = user_model.objects.create_superuser(username="admin", email=email, password=password)
        EmailAddress.objects.create(user=admin, email=email, verified=True, primary=True)
        secret = totp_enable(admin)  # staff open the admin only with two-factor
        self.stdout.write(self.style.WARNING("\nAdmin login, shown only this once:"))
        self.stdout.write(f"  {settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.stdout.write(f"  email: {email}")
        self.stdout.write(f"  password: {password}")
        self.stdout.write(f"  two-factor key for an authenticator app: {secret}")
        self.stdout.write("  (or the current code: .venv/bin/python manage.py demo_totp)\n")

    def _ensure_family(self) -> None:
        """A demo family with six months of an invented child's journal, to try the care journal."""
        from allauth.account.models import EmailAddress

        from omshub.journal.demo import demo_child_load

        user_model = get_user_model()
        email = "family@example.org"
        if user_model.objects.filter(email=email).exists():
            return
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_user(username="family", email=email, password=password)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        demo_child_load(user)
        self.stdout.write(self.style.WARNING("Demo family (care journal, invented data), shown only this once:"))
        self.stdout.write(f"  {settings.WAGTAILADMIN_BASE_URL}/journal/")
        self.stdout.write(f"  email: {email}")
        self.stdout.write(f"  password: {password}\n")
