"""`manage.py rebuild_search`: rebuild every page's search document (after an import, say)."""

from typing import Any

from django.core.management.base import BaseCommand

from omshub.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the site search index from the live pages."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Indexed {reindex_all()} pages.")
