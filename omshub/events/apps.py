from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "omshub.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from omshub.events import emails  # noqa: F401  (registers the emails' renderers)
