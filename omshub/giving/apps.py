from django.apps import AppConfig


class GivingConfig(AppConfig):
    name = "omshub.giving"
    verbose_name = "Giving"

    def ready(self) -> None:
        from omshub.giving import emails, payment_events  # noqa: F401 - registers event handlers and email renderers
