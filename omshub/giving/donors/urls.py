from django.urls import path
from django.utils.translation import gettext_lazy as _

from omshub.core import converters  # noqa: F401  (registers <token:...>)
from omshub.giving.donors import views

app_name = "donors"
urlpatterns = [
    path(_("my-giving/"), views.start, name="start"),
    path(_("my-giving/link/<token:token>/"), views.open_link, name="open"),
    path(_("my-giving/gifts/"), views.home, name="home"),
    path(_("my-giving/receipts/<token:reference>/"), views.receipt, name="receipt"),
    path(_("my-giving/statements/<int:year>/"), views.statement, name="statement"),
    path(_("my-giving/monthly/<int:plan_id>/"), views.monthly, name="monthly"),
    path(_("my-giving/sign-out/"), views.sign_out, name="sign_out"),
]
