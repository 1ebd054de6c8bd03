from django.apps import AppConfig


class GivingConfig(AppConfig):
    name = "omshub.giving"
    verbose_name = "Giving"
