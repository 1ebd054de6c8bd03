"""Tests: fast hashing, mail kept in memory, no page cache unless a test turns it on."""

from omshub.config.guard import refuse_production_environment

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, VAR_DIR

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
refuse_production_environment("test", ALLOWED_HOSTS)  # the suite flushes tables: never on a server
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PAGE_CACHE_ENABLED = False
AXES_ENABLED = True
CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# Close connections after each request, so the browser tests' server leaves none open
# when the test database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file so that `--reuse-db` keeps the migrated database between runs.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
# The site-wide checkout ceiling would trip in tests that start dozens of gifts in a minute;
# its own tests (tests/giving/test_checkout_ceiling.py) set the figure they need.
CHECKOUTS_SITE_WIDE_PER_MINUTE = 10_000
