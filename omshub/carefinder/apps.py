from django.apps import AppConfig


class CareFinderConfig(AppConfig):
    name = "omshub.carefinder"
    verbose_name = "Care finder"
