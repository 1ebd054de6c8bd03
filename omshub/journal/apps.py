from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "omshub.journal"
    verbose_name = "Care journal"

    def ready(self) -> None:
        from omshub.journal import emails  # noqa: F401 - registers the invitation email
