"""Whole-page cache for anonymous visitors, and small content caches, cleared on publish.

A response is stored only when it is safe to share: a GET or HEAD from a visitor with no
session cookie, answered 200 with HTML and no cookie of its own and no private or
no-store cache header. Keys carry a generation number that publishing, unpublishing,
moving or deleting a page (or saving the site settings) bumps, so every app-server
process sharing the cache sees the change at once.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "page-cache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/readyz", "/static/", "/media/")


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return int(generation)


def remember[T](key: str, compute: Callable[[], T], timeout: int | None = None) -> T:
    """Cache `compute()` until published content next changes (same generation as pages)."""
    full_key = f"content:{current_generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout or settings.PAGE_CACHE_SECONDS)
    return value


def invalidate(**_: Any) -> None:
    """Make every stored page stale (signal receiver, hence the keyword catch-all)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def connect_invalidation() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from omshub.core.models import FoundationSettings

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="page-cache-page-delete")
    for model in (FoundationSettings, Locale):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")


def _key(request: HttpRequest, generation: int) -> str:
    return f"page-cache:{generation}:{request.get_host()}:{request.get_full_path()}"


def _may_use_cache(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def _may_store(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request, current_generation())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _may_store(response):
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
