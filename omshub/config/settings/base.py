"""Settings shared by every environment, each read from the environment with a safe default.

The defaults run the whole site on one laptop: SQLite, local-memory cache, tasks run
immediately, email to the console and the local test payment provider. Setting
DATABASE_URL, REDIS_URL, EMAIL_HOST or STRIPE_SECRET_KEY switches on the real parts.
"""

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

from omshub.config.env import env_bool, env_int, env_list, env_str
from omshub.core.observability.logs import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("OMSHUB_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")  # old keys during a rotation
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "omshub.core",
    "omshub.pages",
    "omshub.giving",
    "omshub.giving.donors",
    "omshub.fundraising",
    "omshub.events",
    "omshub.matching",
    "omshub.accounts",
    "omshub.journal",
    "omshub.payments",
    "omshub.firststeps",
    "omshub.carefinder",
    "omshub.search",
    "omshub.newsletter",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks_db",
    "anymail",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.humanize",  # allauth's passkey list (mfa/webauthn) loads it: without it that page fails
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Search vectors on PostgreSQL (ours and Wagtail's); harmless on SQLite.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First: every log line below, and the tasks a request starts, carry the request's id.
    "omshub.core.observability.request_id.RequestIdMiddleware",
    "omshub.core.observability.metrics.MetricsMiddleware",
    # Outermost: it sees every cookie the middleware below sets or clears.
    "omshub.core.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "omshub.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "omshub.core.links.ServedAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
    "omshub.accounts.admin_access.StaffTwoFactorMiddleware",
]

ROOT_URLCONF = "omshub.config.urls"
WSGI_APPLICATION = "omshub.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "omshub.core.page_cache.content_cache",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, its health check a look at the socket before a round trip (core/postgresql).
    DATABASES["default"]["ENGINE"] = "omshub.core.postgresql"
    # Fail fast while the database restarts: a request waits at most this long to connect, then
    # the visitor gets the "back in a moment" page (503) and a webhook a 5xx, which Stripe retries.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 3)
    # Parameters sent apart from the SQL (Django's public option), so psycopg prepares a statement
    # a connection has run 5 times: Wagtail's site, locale and page look-ups on every request are
    # then planned once, not per request (+7 to 10 % on the uncached home page, servers alternated
    # by hand: decision 0014).
    # Turn it off behind a pooler in transaction mode, which cannot keep prepared statements.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = env_bool("DATABASE_SERVER_SIDE_BINDING", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and one writer work side by side (several gunicorn workers).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else this process's memory. Django's Redis backend,
# except that a Redis that cannot be reached (refused, or silent for 2 s) is a cache that
# keeps nothing rather than an error: pages are served uncached (omshub/core/redis_cache.py).
REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "omshub.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "omshub",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Fragments and values that only published content decides, each in the memory of the process
# that computed it: their keys carry the shared cache's generation (core/page_cache.py). Django's
# {% cache %} tag takes the "template_fragments" cache when there is one.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template_fragments",
    "OPTIONS": {"MAX_ENTRIES": env_int("CONTENT_CACHE_ENTRIES", 5000)},
}

# Whole-page cache for anonymous visitors; see omshub/core/page_cache.py.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

# Background work: tasks run at once unless TASKS_BACKEND=database, which queues them
# in the database for `manage.py db_worker` (several workers may run side by side). Payment
# events have a queue of their own, so they never wait behind emails and PDFs; a worker's run
# of them waits PAYMENT_EVENTS_LINGER_SECONDS for more before it ends (payments/events.py).
TASK_QUEUES = ["default", "payments"]
if env_str("TASKS_BACKEND", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
    PAYMENT_EVENTS_LINGER_SECONDS = float(env_int("PAYMENT_EVENTS_LINGER_SECONDS", 2))
else:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
    PAYMENT_EVENTS_LINGER_SECONDS = 0.0
# A worker that dies holding a batch of payment events gives it back after this (payments/events.py).
PAYMENT_EVENTS_LEASE_SECONDS = env_int("PAYMENT_EVENTS_LEASE_SECONDS", 300)

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# django-axes: lock a username from one address after repeated failed logins.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Sign-ins post an email: count failures per account and address, so one family on a
# shared network (hospital Wi-Fi) is not locked out for another's mistakes.
AXES_USERNAME_CALLABLE = "omshub.accounts.admin_access.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_CLIENT_IP_CALLABLE = "omshub.core.security.client_ip"

# Behind a TLS-terminating proxy, the client's address is the one the proxy appends to
# X-Forwarded-For (the last entry for one proxy), not REMOTE_ADDR (the proxy itself).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)

# Languages: English at /, Spanish at /es/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True
# Django's locale formats, with the few Spanish ones we change (omshub/config/formats/es).
FORMAT_MODULE_PATH = ["omshub.config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# Email: the console by default; SMTP when EMAIL_HOST is set; Mailgun's API through
# django-anymail when MAILGUN_API_KEY is set (docs/deployment.md, "Email delivery"), whose
# verified tracking webhook suppresses bounced and complaining addresses (newsletter/webhooks.py).
MAILGUN_API_KEY = env_str("MAILGUN_API_KEY")
ANYMAIL: dict[str, Any] = {
    "MAILGUN_API_KEY": MAILGUN_API_KEY,
    "MAILGUN_SENDER_DOMAIN": env_str("MAILGUN_SENDER_DOMAIN"),
    # https://api.eu.mailgun.net/v3 for a domain in Mailgun's EU region
    "MAILGUN_API_URL": env_str("MAILGUN_API_URL", "https://api.mailgun.net/v3"),
    "MAILGUN_WEBHOOK_SIGNING_KEY": env_str("MAILGUN_WEBHOOK_SIGNING_KEY"),
    # "user:password" that the webhook URL carries (https://user:password@host/...): basic auth
    "WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET") or None,
}
MAILERS: dict[str, dict[str, Any]]
if MAILGUN_API_KEY:
    MAILERS = {"default": {"BACKEND": "anymail.backends.mailgun.EmailBackend"}}
elif env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OMS Hub <hello@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The newsletter: its sender, the domain in its List-Id header, and messages per task run.
NEWSLETTER_FROM_EMAIL = env_str("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_LIST_DOMAIN = env_str("NEWSLETTER_LIST_DOMAIN", "localhost")
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100)
NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = env_int("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", 10)
NEWSLETTER_SIGNUPS_PER_EMAIL_PER_HOUR = env_int("NEWSLETTER_SIGNUPS_PER_EMAIL_PER_HOUR", 3)

# Payments: the local test provider stands in for Stripe until keys are set.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
LOCAL_PAYMENTS_ALLOWED = True

# Security headers that hold everywhere; production.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Old browsers: no framing at all. Modern ones follow CSP frame-ancestors, which allows
# our own origin so that Wagtail's preview panel can show pages (it sets its own XFO).
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Nothing is allowed unless listed: each kind of resource the site uses, from where it comes.
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com"
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    # Videos play from YouTube's privacy-enhanced domain, and only after a click (core/js/video.js).
    "frame-src": [YOUTUBE_PLAYER],
    # Wagtail's preview panel shows our pages in a same-origin frame.
    "frame-ancestors": [CSP.SELF],
    # The donation form's answer redirects to Stripe Checkout, which form-action also governs.
    "form-action": [CSP.SELF, "https://checkout.stripe.com"],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Browser features the site never uses are switched off, for it and for any frame in it. The
# video player keeps what its frame asks for; passkeys need WebAuthn; the gift link is copied
# with the clipboard (allowed for the site itself by default). Stripe Checkout is a redirect,
# so the Payment Request API is off too.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "autoplay": ["self", YOUTUBE_PLAYER],
    "camera": [],
    "display-capture": [],
    "encrypted-media": ["self", YOUTUBE_PLAYER],
    "fullscreen": ["self", YOUTUBE_PLAYER],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", YOUTUBE_PLAYER],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Signed-in staff only (core/security.py): Wagtail's admin needs inline scripts and styles,
# blob: images for uploads, and frames its own preview of our pages.
SECURE_CSP_ADMIN: dict[str, list[str]] = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF, YOUTUBE_PLAYER],
    "form-action": [CSP.SELF],
}

WAGTAIL_SITE_NAME = "OMS Hub"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Absolute links start with the address a request was served at (development, where the
# port changes) rather than WAGTAILADMIN_BASE_URL; see omshub/core/links.py.
LINKS_FOLLOW_REQUEST_HOST = env_bool("LINKS_FOLLOW_REQUEST_HOST", False)
# The admin loads nothing from other sites: no Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's Draftail editor, except that a post it cannot read is a form error, not a 500.
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "omshub.core.rich_text.ReadableDraftailRichTextArea"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]

# Logs: readable lines by default, one JSON object per line with LOG_FORMAT=json (production's
# default); every line carries the request id (omshub/core/observability/).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = logging_config(LOG_FORMAT, env_str("LOG_LEVEL", "INFO"))
# Prometheus metrics at /metrics for a scraper sending "Authorization: Bearer <METRICS_TOKEN>";
# without the setting the address does not exist (404).
METRICS_TOKEN = env_str("METRICS_TOKEN")

# Giving: Stripe's API address (a local fake in tests and benchmarks), limits on a gift,
# the processing fee a donor may cover, and the card-testing defences.
STRIPE_API_BASE = env_str("STRIPE_API_BASE")
STRIPE_TIMEOUT_SECONDS = float(env_int("STRIPE_TIMEOUT_SECONDS", 20))
DONATION_MIN_CENTS = env_int("DONATION_MIN_CENTS", 500)
DONATION_MAX_CENTS = env_int("DONATION_MAX_CENTS", 2_500_000)
PROCESSING_FEE_BASIS_POINTS = env_int("PROCESSING_FEE_BASIS_POINTS", 290)
PROCESSING_FEE_FIXED_CENTS = env_int("PROCESSING_FEE_FIXED_CENTS", 30)
CHECKOUTS_PER_IP_PER_HOUR = env_int("CHECKOUTS_PER_IP_PER_HOUR", 20)
CHECKOUTS_PER_EMAIL_PER_HOUR = env_int("CHECKOUTS_PER_EMAIL_PER_HOUR", 8)
FAILED_PAYMENTS_BEFORE_BLOCK = env_int("FAILED_PAYMENTS_BEFORE_BLOCK", 3)
# Site-wide, whatever the address or email: card testers rotate both (giving/checkout_ceiling.py).
CHECKOUTS_SITE_WIDE_PER_MINUTE = env_int("CHECKOUTS_SITE_WIDE_PER_MINUTE", 20)
TURNSTILE_SITE_KEY = env_str("TURNSTILE_SITE_KEY")
TURNSTILE_SECRET_KEY = env_str("TURNSTILE_SECRET_KEY")
if TURNSTILE_SITE_KEY:
    # Switched on by its keys only: the widget is Cloudflare's script in Cloudflare's frame.
    SECURE_CSP["script-src"] = [*SECURE_CSP["script-src"], "https://challenges.cloudflare.com"]
    SECURE_CSP["frame-src"] = [*SECURE_CSP["frame-src"], "https://challenges.cloudflare.com"]

# Family accounts (django-allauth): sign in by email, verified before use, two-factor with
# an authenticator app, recovery codes or a passkey; signing in again before changing the
# email or two-factor settings. Login attempts are rate-limited by allauth's defaults.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Emails in the foundation's name (its site settings) and from the site's address; limits
# count the client behind the proxy.
ACCOUNT_ADAPTER = "omshub.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
# One sign-in for everyone: the admin's login and password reset are allauth's
# (omshub/accounts/admin_access.py), so two-factor, verification and limits hold there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
LOGIN_REDIRECT_URL = "journal:home"
# The care journal's encrypted fields (docs/decisions/0008-journal-encryption-at-rest.md):
# Fernet keys of their own, not SECRET_KEY; the first encrypts, all decrypt. Rotation:
# docs/deployment.md. The default (base64 of "dev-only journal key: not secret") is for
# development and tests only; production refuses it.
DEV_JOURNAL_ENCRYPTION_KEY = "ZGV2LW9ubHkgam91cm5hbCBrZXk6IG5vdCBzZWNyZXQ="
JOURNAL_ENCRYPTION_KEYS = env_list("JOURNAL_ENCRYPTION_KEYS", [DEV_JOURNAL_ENCRYPTION_KEY])
# Decrypt only: values written before those keys were encrypted with keys derived from
# SECRET_KEY (or a fallback) and these salts. Needed only until migration journal.0007 has run.
JOURNAL_LEGACY_SALTS = env_list("FIELD_ENCRYPTION_SALTS", ["omshub-journal-dev-salt"])

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "OMS Hub"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # passkeys on http://127.0.0.1 during development only

# Care-journal episode videos: at most JOURNAL_VIDEO_MAX_MB each, kept in the
# "journal_videos" storage (a folder outside MEDIA_ROOT, never served directly; S3-compatible
# in production: docs/deployment.md), encrypted at rest unless JOURNAL_VIDEO_ENCRYPT is off.
JOURNAL_VIDEO_MAX_MB = env_int("JOURNAL_VIDEO_MAX_MB", 100)
JOURNAL_VIDEO_ENCRYPT = env_bool("JOURNAL_VIDEO_ENCRYPT", True)
STORAGES["journal_videos"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": env_str("JOURNAL_VIDEO_ROOT", str(VAR_DIR / "private" / "journal-videos"))},
}
