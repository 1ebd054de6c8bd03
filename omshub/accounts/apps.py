from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Family accounts: django-allauth, dressed in the site's design system (templates only)."""

    name = "omshub.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from omshub.accounts import emails  # noqa: F401 - registers the outbox renderer for allauth's emails
