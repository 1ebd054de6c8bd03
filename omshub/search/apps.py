from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "omshub.search"
    label = "sitesearch"
    verbose_name = "Site search"

    def ready(self) -> None:
        from omshub.search import indexing

        indexing.connect_signals()
