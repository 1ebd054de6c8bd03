from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "omshub.newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        # Registers the confirmation email's renderer and the receiver of the provider's tracking events.
        from omshub.newsletter import emails, webhooks  # noqa: F401
