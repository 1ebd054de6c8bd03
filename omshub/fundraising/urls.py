"""Short addresses to share (/f/<page>/, /t/<team>/, the same in Spanish under /es/), and the
supporter's own pages under "fundraise/"."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from omshub.core import converters  # noqa: F401  (registers <token:...>)
from omshub.fundraising import views

app_name = "fundraising"
urlpatterns = [
    path("f/<slug:slug>/", views.page_view, name="page"),
    path("f/<slug:slug>/give/", views.give, name="give"),
    path("f/<slug:slug>/photo.jpg", views.photo_view, name="photo"),
    path(_("f/<slug:slug>/report/"), views.report, name="report"),
    path("t/<slug:slug>/", views.team_view, name="team"),
    path(_("t/<slug:slug>/report/"), views.report, {"kind": "team"}, name="team_report"),
    path(_("fundraise/"), views.start, name="start"),
    path(_("fundraise/mine/"), views.mine, name="mine"),
    path(_("fundraise/mine/<slug:slug>/"), views.dashboard, name="dashboard"),
    path(_("fundraise/mine/<slug:slug>/edit/"), views.edit, name="edit"),
    path(_("fundraise/mine/<slug:slug>/close/"), views.close, name="close"),
    path(_("fundraise/mine/<slug:slug>/thank/<token:reference>/"), views.thank, name="thank"),
]
