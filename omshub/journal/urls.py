from django.urls import path
from django.utils.translation import gettext_lazy as _

from omshub.journal import views

app_name = "journal"
urlpatterns = [
    path(_("journal/"), views.home, name="home"),
    path(_("journal/children/new/"), views.child_add, name="child_add"),
    path(_("journal/children/<int:child_id>/"), views.child, name="child"),
    path(_("journal/children/<int:child_id>/circle/"), views.circle, name="circle"),
    path(_("journal/invitations/<str:token>/"), views.invitation, name="invitation"),
]
