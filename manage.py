#!/usr/bin/env python
"""Django's command-line utility: the settings OMSHUB_ENV names, else development (omshub/config/guard.py)."""

import os
import sys

if __name__ == "__main__":
    from omshub.config.env import default_settings_module

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module("omshub.config.settings.dev"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
