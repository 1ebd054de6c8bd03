"""Episode videos: the circle's list and upload, deleting one, and the clip and its poster for the circle.

The clip's own address answers 404 to anyone who may not see it, signed in or not: a video is
not a page to sign in for. Its bytes are sent by ranges (video_stream.py), never cached.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from omshub.core import ratelimit
from omshub.core.private import private
from omshub.journal import selectors, sharing, videos
from omshub.journal.audit import audit
from omshub.journal.forms_video import SizeLimitHandler, VideoForm
from omshub.journal.selectors import JournalNotFound
from omshub.journal.video_stream import is_opening, poster_response, video_response
from omshub.journal.views.context import audit_context
from omshub.journal.views.private import journal_view, once_token, spend_once
from omshub.journal.views.share import shared_headers

UPLOADS_PER_HOUR = 30  # storage costs: plenty for a family's episodes, not for a loop


def _page(request: HttpRequest, child, form: VideoForm, status: int = 200) -> HttpResponse:
    context = {
        "child": child,
        "form": form,
        "videos": selectors.videos_of(child),
        "may_edit": child.role in selectors.MAY["edit"],
        "once": once_token(request),
    }
    return render(request, "journal/videos.html", context, status=status)


@csrf_exempt  # the upload handler must be in place before the body is read; CSRF is checked just after
@journal_view
@require_http_methods(["GET", "POST"])
def video_list(request: HttpRequest, child_id: int) -> HttpResponse:
    if request.method == "POST":
        limit = SizeLimitHandler(request)
        request.upload_handlers.insert(0, limit)
        return _upload(request, child_id, limit)
    child = selectors.child_for(request.user, child_id)
    return _page(request, child, VideoForm(child=child))


@csrf_protect
def _upload(request: HttpRequest, child_id: int, limit: SizeLimitHandler) -> HttpResponse:
    child = selectors.child_for(request.user, child_id, may="edit")
    form = VideoForm(request.POST, request.FILES, child=child, too_big=limit.too_big)
    if not form.is_valid():
        return _page(request, child, form, status=413 if limit.too_big else 400)
    if not spend_once(request):
        return redirect("journal:videos", child.pk)  # a second tap: the first kept the clip
    if ratelimit.exceeded("journal-video", str(request.user.pk), limit=UPLOADS_PER_HOUR):
        form.add_error(None, _("You have uploaded many videos in the last hour. Please try again in a little while."))
        return _page(request, child, form, status=429)
    data = form.cleaned_data
    videos.video_add(
        actor=request.user,
        context=audit_context(request),
        child=child,
        upload=data["clip"],
        kind=form.kind,
        filmed_on=data["filmed_on"],
        filmed_at=data["filmed_at"],
        observation=data["observation"],
    )
    messages.success(request, _("The video is saved. Only your care circle and the share links you make can show it."))
    return redirect("journal:videos", child.pk)


@journal_view
@require_http_methods(["GET", "POST"])
def video_delete(request: HttpRequest, child_id: int, video_id: int) -> HttpResponse:
    child, video = selectors.video_for(request.user, child_id, video_id, may="edit")
    if request.method == "POST":
        videos.video_delete(actor=request.user, context=audit_context(request), child=child, video=video)
        messages.success(request, _("The video is deleted."))
        return redirect("journal:videos", child.pk)
    return render(request, "journal/video_delete.html", {"child": child, "video": video})


class MethodRefused(Exception):
    pass


def not_found_privately(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A clip's address answers a bare, private 404 to whoever may not see it: no page, no cached trace."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except (Http404, JournalNotFound):  # its own, or a selector's (before urls.py sees it)
            return private(HttpResponse(status=404))
        except MethodRefused:
            return private(HttpResponseNotAllowed(["GET", "HEAD"]))

    return wrapper


def _safe_only(request: HttpRequest) -> None:
    """Only reading: checked after access, so that a stranger's POST is a 404 like any other."""
    if request.method not in ("GET", "HEAD"):
        raise MethodRefused


def _member_video(request: HttpRequest, child_id: int, video_id: int):
    if not request.user.is_authenticated:
        raise Http404
    found = selectors.video_for(request.user, child_id, video_id)
    _safe_only(request)
    return found


@never_cache
@not_found_privately
def video_file(request: HttpRequest, child_id: int, video_id: int) -> HttpResponse:
    child, video = _member_video(request, child_id, video_id)
    if request.method == "GET" and is_opening(request):
        audit(audit_context(request), "view", child=child, record=video)
    return video_response(request, video)


@never_cache
@not_found_privately
def video_poster(request: HttpRequest, child_id: int, video_id: int) -> HttpResponse:
    _child, video = _member_video(request, child_id, video_id)
    return private(poster_response(video))


def _shared_video(request: HttpRequest, token: str, video_id: int):
    """The clip an active, unlocked link shows; 404 for a revoked, expired or unknown link, or a locked one."""
    link = sharing.link_for_token(token)
    if link is None or not sharing.unlocked(request, link):
        raise Http404
    video = selectors.shared_video(link, video_id)
    _safe_only(request)
    return link, video


@shared_headers
@not_found_privately
def shared_video_file(request: HttpRequest, token: str, video_id: int) -> HttpResponse:
    link, video = _shared_video(request, token, video_id)
    if request.method == "GET" and is_opening(request):
        name = f"share link {link.pk}"
        audit(audit_context(request), "share.video", child=link.child, record=video, actor=name)
    return video_response(request, video)


@shared_headers
@not_found_privately
def shared_video_poster(request: HttpRequest, token: str, video_id: int) -> HttpResponse:
    _link, video = _shared_video(request, token, video_id)
    return poster_response(video)
