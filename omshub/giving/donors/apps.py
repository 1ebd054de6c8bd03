from django.apps import AppConfig


class DonorsConfig(AppConfig):
    name = "omshub.giving.donors"
    label = "donors"
    verbose_name = "Donor self-service"

    def ready(self) -> None:
        from omshub.giving.donors import emails  # noqa: F401 - registers the email renderers
