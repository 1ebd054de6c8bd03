"""WSGI entry point for gunicorn: the settings OMSHUB_ENV names, else production."""

import gc
import os

from django.core.wsgi import get_wsgi_application

from omshub.config.env import default_settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module("omshub.config.settings.production"))

application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, the apps: some 230,000 objects) lives as long as the
# process: moved out of the garbage collector's reach, its full passes no longer walk it in the
# middle of a request (gc.freeze, Python's documented use after start-up).
gc.collect()
gc.freeze()
