from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "omshub.core"
    verbose_name = "Site"

    def ready(self) -> None:
        from omshub.core import page_cache

        page_cache.connect_invalidation()
