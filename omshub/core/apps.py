from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "omshub.core"
    verbose_name = "Site"

    def ready(self) -> None:
        from omshub.core import page_cache
        from omshub.core.observability.request_id import connect_task_signals

        page_cache.connect_invalidation()
        connect_task_signals()
