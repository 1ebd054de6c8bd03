"""The demo foundation that the suite loads once per process (tests/conftest.py, demo_site)."""

from wagtail.models import Page


def demo_ensure(demo_site: dict[str, int]) -> None:
    """Load the demo again when a transactional test (a migration, a task worker) flushed every
    table as it ended; the keys then name the new pages."""
    from omshub.pages.demo import demo_foundation_load

    if Page.objects.filter(pk__in=demo_site.values()).count() == len(demo_site):
        return
    demo_site.clear()
    demo_site.update({key: page.pk for key, page in demo_foundation_load().items()})
