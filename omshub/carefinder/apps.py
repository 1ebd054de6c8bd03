from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CareFinderConfig(AppConfig):
    name = "omshub.carefinder"
    verbose_name = "Care finder"

    def ready(self) -> None:
        from omshub.carefinder.cache import directory_changed
        from omshub.carefinder.models import CareService, WaitReport

        # Staff edit services in the admin and moderate reports: both change public pages.
        for model in (CareService, WaitReport):
            post_save.connect(directory_changed, sender=model, dispatch_uid=f"carefinder-save-{model.__name__}")
            post_delete.connect(directory_changed, sender=model, dispatch_uid=f"carefinder-delete-{model.__name__}")
        m2m_changed.connect(
            directory_changed, sender=CareService.languages.through, dispatch_uid="carefinder-languages"
        )
