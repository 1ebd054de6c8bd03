from django.apps import AppConfig


class FirstStepsConfig(AppConfig):
    name = "omshub.firststeps"
    verbose_name = "First steps"
