"""The set-up of an in-process bench (bench/journal.py, bench/carefinder.py): Django on a fresh
database of its own, migrated, reached through the test client.

The database is SQLite in a temporary folder, or the URL given as the script's first argument.
"""

import os
import sys
import tempfile


def django_ready(prefix: str) -> None:
    var_dir = tempfile.mkdtemp(prefix=f"omshub-{prefix}-bench-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="omshub.config.settings.dev", OMSHUB_VAR_DIR=var_dir, LOG_LEVEL="WARNING", DEBUG="false"
    )
    if len(sys.argv) > 1:
        os.environ["DATABASE_URL"] = sys.argv[1]
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
