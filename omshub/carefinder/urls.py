from django.urls import path
from django.utils.translation import gettext_lazy as _

from omshub.carefinder import views

app_name = "carefinder"

urlpatterns = [
    path(_("find-care/"), views.finder, name="finder"),
    path(_("find-care/<int:service_id>/"), views.service, name="service"),
    path(_("find-care/<int:service_id>/report-a-wait/"), views.report_wait, name="report_wait"),
    path(_("find-care/getting-seen-sooner/"), views.sooner, name="sooner"),
    path(_("find-care/getting-seen-sooner/print/"), views.sooner_print, name="sooner_print"),
]
