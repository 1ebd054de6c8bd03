"""Absolute links for emails and documents, which have no request to build them from."""

from django.conf import settings


def absolute(path: str) -> str:
    """The site's public address (WAGTAILADMIN_BASE_URL) followed by `path`."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
