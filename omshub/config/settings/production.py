"""Production: refuses to start without a real secret key and host names; HTTPS only."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from omshub.config.env import env_bool, env_int, env_list, env_str
from omshub.config.guard import refuse_in_development, require_real_email_transport
from omshub.core.observability.logs import logging_config
from omshub.core.observability.sentry import init_sentry

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    ANYMAIL,
    BEHIND_TLS_PROXY,
    CACHES,
    DEV_JOURNAL_ENCRYPTION_KEY,
    MAILERS,
    REDIS_URL,
    SECRET_KEY,
    STORAGES,
    VAR_DIR,
)

refuse_in_development()

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, separated by commas.")
if not env_str("WAGTAILADMIN_BASE_URL"):
    raise ImproperlyConfigured("Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. https://example.org.")
JOURNAL_ENCRYPTION_KEYS = env_list("JOURNAL_ENCRYPTION_KEYS")
if not JOURNAL_ENCRYPTION_KEYS or DEV_JOURNAL_ENCRYPTION_KEY in JOURNAL_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "Set JOURNAL_ENCRYPTION_KEYS to a key of the care journal's own (not SECRET_KEY), made with: "
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())". '
        "During a rotation: the new key first, then the old ones, comma-separated."
    )
for _number, _key in enumerate(JOURNAL_ENCRYPTION_KEYS, start=1):
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured(
            f"JOURNAL_ENCRYPTION_KEYS: key {_number} is not a Fernet key (44 characters of URL-safe base64)."
        ) from None
# Only a site that stored journal values before JOURNAL_ENCRYPTION_KEYS existed sets these.
JOURNAL_LEGACY_SALTS = env_list("FIELD_ENCRYPTION_SALTS")
# Receipts, sign-in links and staff alerts are marked sent once the backend takes them: a
# backend that prints or keeps mail would mark them sent while nobody receives them.
require_real_email_transport(MAILERS, ANYMAIL)

DEBUG = False
LINKS_FOLLOW_REQUEST_HOST = False  # every link starts with WAGTAILADMIN_BASE_URL, whatever the Host
if not REDIS_URL:
    # Several app-server processes must share one page cache, so that publishing a
    # page clears it for all of them: on one machine, files do; beyond, set REDIS_URL.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000  # hashed file names make long caching safe

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# The local test payment provider must be switched on explicitly in production.
LOCAL_PAYMENTS_ALLOWED = env_bool("LOCAL_PAYMENTS_ALLOWED", False)
if env_str("STRIPE_SECRET_KEY") and not env_str("STRIPE_WEBHOOK_SECRET"):
    raise ImproperlyConfigured("Set STRIPE_WEBHOOK_SECRET with STRIPE_SECRET_KEY: gifts are confirmed by webhooks.")

# Logs as JSON lines unless LOG_FORMAT=text; error reports to Sentry only when SENTRY_DSN is set,
# stripped of everything a family or donor typed (omshub/core/observability/sentry.py).
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING = logging_config(LOG_FORMAT, env_str("LOG_LEVEL", "INFO"))
init_sentry(
    env_str("SENTRY_DSN"), environment=env_str("SENTRY_ENVIRONMENT", "production"), release=env_str("SENTRY_RELEASE")
)
