"""Delete photos kept for page forms that were never finished (run daily, like send_outbox)."""

from datetime import timedelta
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from omshub.fundraising.forms import KEPT_FOLDER

KEPT_FOR = timedelta(days=1)  # the signed name in the form stops working after a day too


class Command(BaseCommand):
    help = "Delete photos kept for fundraising page forms left unfinished for more than a day."

    def handle(self, *args: Any, **options: Any) -> None:
        if not default_storage.exists(KEPT_FOLDER):
            return
        cutoff = timezone.now() - KEPT_FOR
        _, files = default_storage.listdir(KEPT_FOLDER)
        deleted = 0
        for name in files:
            path = f"{KEPT_FOLDER}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
        self.stdout.write(f"Deleted {deleted} kept photo(s).")
