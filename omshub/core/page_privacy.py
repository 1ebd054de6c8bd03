"""Wagtail's view-restriction check, without its two queries on pages nobody restricted.

Wagtail asks every page it serves for `get_view_restrictions()`: one query for the page's
ancestors (to resolve aliases), one for the restrictions. Almost no page has any, so each
page remembers whether it has, until published content next changes (adding, changing or
removing a restriction, moving a page or creating an alias start a new generation:
core/page_cache.py). A page that has one gets Wagtail's own answer, queried as before.
"""

from typing import Any

from wagtail.models import PageViewRestriction

from omshub.core.page_cache import remember


class RememberedPrivacyMixin:
    """For Page subclasses: list it before `Page` in the class's bases."""

    pk: Any

    def get_view_restrictions(self) -> Any:
        wagtails = super().get_view_restrictions  # type: ignore[misc]
        if self.pk is None:
            return wagtails()
        # Looked up lazily: Wagtail's method runs its ancestors query as soon as it is called.
        restricted = remember(f"restricted:{self.pk}", lambda: wagtails().exists())
        return wagtails() if restricted else PageViewRestriction.objects.none()
