from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundraisingConfig(AppConfig):
    name = "omshub.fundraising"
    verbose_name = _("Fundraising")

    def ready(self) -> None:
        # Registers the emails' renderers and the campaign page's fundraising section.
        from omshub.fundraising import emails, sections  # noqa: F401
