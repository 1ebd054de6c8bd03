from django.urls import path

from omshub.newsletter import views

app_name = "newsletter"
urlpatterns = [
    path("newsletter/", views.signup, name="signup"),
    path("newsletter/confirm/<token:token>/", views.confirm, name="confirm"),
    path("newsletter/preferences/<token:token>/", views.preferences, name="preferences"),
    path("newsletter/unsubscribe/<token:token>/", views.unsubscribe, name="unsubscribe"),
]
