from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "omshub.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from omshub.core import page_cache
        from omshub.events import emails  # noqa: F401  (registers the emails' renderers)
        from omshub.events.models import Event

        # The list of events is cached for anonymous visitors with the pages: a saved or deleted
        # event starts a new content generation once committed, so the list changes at once.
        post_save.connect(page_cache.invalidate, sender=Event, dispatch_uid="page-cache-save-event")
        post_delete.connect(page_cache.invalidate, sender=Event, dispatch_uid="page-cache-delete-event")
