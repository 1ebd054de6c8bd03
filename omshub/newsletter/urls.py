from django.urls import path

from omshub.newsletter import views

app_name = "newsletter"
urlpatterns = [
    path("newsletter/", views.signup, name="signup"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/preferences/<str:token>/", views.preferences, name="preferences"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
