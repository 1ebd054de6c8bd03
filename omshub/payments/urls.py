from django.urls import path

from omshub.payments import views

app_name = "payments"
urlpatterns = [
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("payments/test-checkout/<str:checkout_id>/", views.local_checkout, name="local_checkout"),
    path("payments/test-portal/<str:token>/", views.local_portal, name="local_portal"),
]
