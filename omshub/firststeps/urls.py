from django.urls import path
from django.utils.translation import gettext_lazy as _

from omshub.firststeps import views

app_name = "firststeps"

urlpatterns = [path(_("letter-for-the-doctor/"), views.letter_view, name="letter")]
