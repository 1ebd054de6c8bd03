"""Local development: debug on, a throwaway key, localhost only."""

from omshub.config.env import env_bool, env_str
from omshub.config.guard import refuse_production_environment

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS

refuse_production_environment("development", ALLOWED_HOSTS)

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
# `make run PORT=…` serves another port than WAGTAILADMIN_BASE_URL's: links follow the request.
LINKS_FOLLOW_REQUEST_HOST = env_bool("LINKS_FOLLOW_REQUEST_HOST", True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
