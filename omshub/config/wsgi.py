"""WSGI entry point for gunicorn: the settings OMSHUB_ENV names, else production."""

import os

from django.core.wsgi import get_wsgi_application

from omshub.config.env import default_settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module("omshub.config.settings.production"))

application = get_wsgi_application()
