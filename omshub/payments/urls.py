from django.urls import path

from omshub.core import converters  # noqa: F401  (registers <token:...>)
from omshub.payments import views

app_name = "payments"
urlpatterns = [
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("payments/test-checkout/<token:checkout_id>/", views.local_checkout, name="local_checkout"),
    path("payments/test-portal/<token:token>/", views.local_portal, name="local_portal"),
]
