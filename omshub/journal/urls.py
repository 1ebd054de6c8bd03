from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, register_converter
from django.urls import path as django_path
from django.utils.translation import gettext_lazy as _

from omshub.core import converters  # noqa: F401  (registers <token:...>)
from omshub.journal.selectors import JournalNotFound
from omshub.journal.views import dashboard, entries, mydata, people, report, share, videos

app_name = "journal"


class KindConverter:
    """The kinds of entry (kinds.KINDS), by their slug."""

    regex = "observations|treatments|events|scores"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "kind")


def not_found_as_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The one place a selector's JournalNotFound becomes a 404, for every journal view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except JournalNotFound as missing:
            raise Http404 from missing

    return wrapper


def path(route: Any, view: Callable[..., HttpResponse], name: str) -> URLPattern:
    return django_path(route, not_found_as_404(view), name=name)


urlpatterns = [
    path(_("journal/"), people.home, name="home"),
    path(_("journal/children/new/"), people.child_add, name="child_add"),
    path(_("journal/children/<int:child_id>/"), dashboard.child, name="child"),
    path(_("journal/children/<int:child_id>/edit/"), entries.child_edit, name="child_edit"),
    path(_("journal/children/<int:child_id>/delete/"), mydata.child_delete, name="child_delete"),
    path(_("journal/children/<int:child_id>/circle/"), people.circle, name="circle"),
    path(_("journal/children/<int:child_id>/entries/"), entries.history, name="entries"),
    path(_("journal/children/<int:child_id>/<kind:kind>/new/"), entries.record_add, name="record_add"),
    path(_("journal/children/<int:child_id>/<kind:kind>/<int:record_id>/"), entries.record_edit, name="record_edit"),
    path(
        _("journal/children/<int:child_id>/<kind:kind>/<int:record_id>/delete/"),
        entries.record_delete,
        name="record_delete",
    ),
    path(_("journal/children/<int:child_id>/steps/<int:step_id>/delete/"), entries.step_delete, name="step_delete"),
    path(_("journal/children/<int:child_id>/report/"), report.report, name="report"),
    path(_("journal/children/<int:child_id>/share/"), share.manage, name="share"),
    path(_("journal/children/<int:child_id>/share/<int:link_id>/revoke/"), share.revoke, name="share_revoke"),
    path(_("journal/children/<int:child_id>/activity/"), mydata.activity, name="activity"),
    path(_("journal/children/<int:child_id>/videos/"), videos.video_list, name="videos"),
    path(_("journal/children/<int:child_id>/videos/<int:video_id>/"), videos.video_file, name="video_file"),
    path(_("journal/children/<int:child_id>/videos/<int:video_id>/poster/"), videos.video_poster, name="video_poster"),
    path(_("journal/children/<int:child_id>/videos/<int:video_id>/delete/"), videos.video_delete, name="video_delete"),
    path(_("journal/my-data/"), mydata.my_data, name="my_data"),
    path(_("journal/my-data/export/"), mydata.export, name="export"),
    path(_("journal/my-data/delete-account/"), mydata.account_delete, name="account_delete"),
    path(_("journal/invitations/<token:token>/"), people.invitation, name="invitation"),
    path(_("shared/<token:token>/"), share.shared, name="shared"),
    path(_("shared/<token:token>/videos/<int:video_id>/"), videos.shared_video_file, name="shared_video"),
    path(_("shared/<token:token>/videos/<int:video_id>/poster/"), videos.shared_video_poster, name="shared_poster"),
]
