from django.urls import path

from omshub.core import converters  # noqa: F401  (registers <token:...>)
from omshub.events import door_views

app_name = "events_door"
urlpatterns = [
    path("<int:event_id>/", door_views.door_list, name="list"),
    path("<int:event_id>/<token:reference>/", door_views.door_ticket, name="ticket"),
]
