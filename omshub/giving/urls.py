from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from omshub.core import converters  # noqa: F401  (registers <token:...>)
from omshub.giving import views

app_name = "giving"
urlpatterns = [
    path(_("give/receipt/<token:token>/"), views.receipt_view, name="receipt_pdf"),
    # The monthly-only links of old receipts and emails lead to the donor's own page now.
    path(_("give/monthly/"), RedirectView.as_view(url=reverse_lazy("donors:start"))),
    path(_("give/monthly/<token:token>/"), RedirectView.as_view(url=reverse_lazy("donors:start"))),
]
