from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "omshub.pages"
    verbose_name = "Pages"
