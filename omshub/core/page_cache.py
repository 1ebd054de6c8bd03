"""Whole-page cache for anonymous visitors, and small content caches, cleared on publish.

A response is stored only when it is safe to share: a GET or HEAD without a query string
from a visitor with no session cookie, answered 200 with HTML, no cookie of its own, no
private or no-store cache header and no per-response CSP nonce. Keys carry a generation
token that any change to published content replaces (after the change commits), so every
app-server process sharing the cache stops using older entries at once. The token is
random, never counted up: if the cache loses it, the next one is new and old entries
can only miss, never come back.

The small content caches (`remember()`, template fragments) live in each process's own memory
(the "template_fragments" cache, which Django's `{% cache %}` tag uses when it exists): their
keys carry the generation, read from the shared cache, so a process never uses an entry older
than the last publish, and reading one costs no file or network trip. A request reads the
generation once (the middleware keeps it for the request).
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.context_processors import csp as csp_context
from django.utils.functional import SimpleLazyObject

GENERATION_KEY = "page-cache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/readyz", "/metrics", "/static/", "/media/", "/payments/")


LOCAL_CACHE = "template_fragments"  # Django's {% cache %} tag takes this alias when it exists
# The generation as this request first read it ([None] until then); unset outside requests.
_request_generation: ContextVar[list[str | None] | None] = ContextVar("request_generation", default=None)


def current_generation() -> str:
    kept = _request_generation.get()
    if kept is not None and kept[0] is not None:
        return kept[0]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    if kept is not None:
        kept[0] = str(generation)
    return str(generation)


def remember[T](key: str, compute: Callable[[], T]) -> T:
    """Cache `compute()` until published content next changes (same generation as pages)."""
    full_key = f"content:{current_generation()}:{key}"
    content = caches[LOCAL_CACHE]
    value = content.get(full_key)
    if value is None:
        value = compute()
        content.set(full_key, value, settings.PAGE_CACHE_SECONDS)
    return value


def in_preview(request: HttpRequest | None) -> bool:
    """True while Wagtail renders a draft (preview, shared draft): nothing of it may be remembered."""
    return bool(getattr(request, "is_preview", False))


def content_cache(request: HttpRequest) -> dict[str, Any]:
    """Context processor for `{% cache content_cache_seconds name content_generation ... %}` fragments.

    The generation (read lazily, only by a template that caches a fragment) retires every
    fragment when published content changes, like whole pages. A draft's preview gets a
    generation of its own and a lifetime of 0: it never reads a visitor's fragment, and its
    own are never stored, so no draft reaches a visitor.
    """
    if in_preview(request):
        return {"content_generation": f"preview-{uuid4().hex}", "content_cache_seconds": 0}
    return {
        "content_generation": SimpleLazyObject(current_generation),
        "content_cache_seconds": settings.PAGE_CACHE_SECONDS,
    }


def _new_generation() -> None:
    generation = uuid4().hex
    cache.set(GENERATION_KEY, generation, timeout=None)
    kept = _request_generation.get()
    if kept is not None:  # the rest of the request that made the change sees it too
        kept[0] = generation


def invalidate(**_: Any) -> None:
    """Signal receiver: retire every stored page once the change is committed."""
    transaction.on_commit(_new_generation)


def _invalidate_when_live_page_created(instance: Any, created: bool, **_: Any) -> None:
    from wagtail.models import Page

    # e.g. an alias, which is live without being published. Saves are signalled with the
    # concrete page type as sender, hence no sender filter on the connection.
    if created and isinstance(instance, Page) and instance.live:
        invalidate()


def connect_invalidation() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from omshub.core.models import FoundationSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="page-cache-page-delete")
    post_save.connect(_invalidate_when_live_page_created, dispatch_uid="page-cache-page-live")
    for model in (FoundationSettings, Locale, Site, PageViewRestriction):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")


def _key(request: HttpRequest, generation: str) -> str:
    return f"page-cache:{generation}:{request.get_host()}:{request.path}"


def _may_use_cache(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")  # no page uses one; keeps random strings out
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
        # A nonce is per response: a page that used one cannot be shared. (The nonce as
        # templates get it: Django's csp() context processor; true once it was generated.)
        and not csp_context(request)["csp_nonce"]
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        scope = _request_generation.set([None])
        try:
            return self._answer(request)
        finally:
            _request_generation.reset(scope)

    def _answer(self, request: HttpRequest) -> HttpResponse:
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request, current_generation())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _may_store(request, response):
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
