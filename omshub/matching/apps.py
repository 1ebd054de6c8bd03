from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "omshub.matching"
    verbose_name = _("Matching sponsors")

    def ready(self) -> None:
        # The campaign page's "raised, matched, total" section.
        from omshub.matching import sections  # noqa: F401
