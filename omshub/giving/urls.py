from django.urls import path
from django.utils.translation import gettext_lazy as _

from omshub.giving import views

app_name = "giving"
urlpatterns = [
    path(_("give/receipt/<str:token>/"), views.receipt_view, name="receipt_pdf"),
    path(_("give/monthly/"), views.manage_start, name="manage_start"),
    path(_("give/monthly/<str:token>/"), views.manage_portal, name="manage_portal"),
]
