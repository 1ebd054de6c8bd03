"""Keeps search documents in step with published pages, through the tasks framework."""

from typing import Any

from django.db import connection, transaction
from django.tasks import task
from wagtail.models import Page

from omshub.search.models import SearchDocument
from omshub.search.text import fold, page_text

POSTGRES_CONFIG = {"en": "english", "es": "spanish"}


def search_config(language: str) -> str:
    return POSTGRES_CONFIG.get(language, "simple")


def document_vector(language: str) -> Any:
    """PostgreSQL: the folded title (weight A) and text (weight B) as one tsvector."""
    from django.contrib.postgres.search import SearchVector

    config = search_config(language)
    return SearchVector("folded_title", weight="A", config=config) + SearchVector(
        "folded_text", weight="B", config=config
    )


def page_index(*, page: Page) -> None:
    """Write (or drop) the page's search document; one transaction."""
    page = page.specific
    if not page.live or page.depth < 2 or page.get_view_restrictions().exists():
        SearchDocument.objects.filter(page_id=page.pk).delete()  # only what anyone may read
        return
    text = page_text(page)
    language = page.locale.language_code
    with transaction.atomic():
        SearchDocument.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "language": language,
                "title": page.title,
                "text": text,
                "folded_title": fold(page.title),
                "folded_text": fold(text),
            },
        )
        if connection.vendor == "postgresql":
            SearchDocument.objects.filter(page_id=page.pk).update(vector=document_vector(language))


@task()
def index_page_task(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        SearchDocument.objects.filter(page_id=page_id).delete()
    else:
        page_index(page=page)


def _schedule(instance: Any, **_: Any) -> None:
    page_id = instance.pk
    transaction.on_commit(lambda: index_page_task.enqueue(page_id))


def _schedule_restricted_tree(instance: Any, **_: Any) -> None:
    """A view restriction covers a page and everything below it: index them all again."""
    page_ids = list(Page.objects.descendant_of(instance.page, inclusive=True).values_list("pk", flat=True))
    transaction.on_commit(lambda: [index_page_task.enqueue(page_id) for page_id in page_ids])


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_schedule, dispatch_uid=f"search-index-{id(signal)}")
    for model_signal in (post_save, post_delete):
        model_signal.connect(
            _schedule_restricted_tree, sender=PageViewRestriction, dispatch_uid=f"search-restriction-{id(model_signal)}"
        )


@transaction.atomic
def reindex_all() -> int:
    """Rebuild every document (after an import, or on a new database); returns the count.

    One transaction, so searches meanwhile see the old index, never an empty one.
    """
    SearchDocument.objects.all().delete()
    pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
    for page in pages:
        page_index(page=page)
    return pages.count()
