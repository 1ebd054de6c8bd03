from django.urls import path
from django.utils.translation import gettext_lazy as _

from omshub.firststeps import views

app_name = "firststeps"

urlpatterns = [
    path(_("letter-for-the-doctor/"), views.letter_view, name="letter"),
    path(_("letter-for-the-doctor/your-letter/"), views.letter_ready_view, name="letter_ready"),
    path(_("letter-for-the-doctor/your-letter/pdf/"), views.letter_pdf_view, name="letter_pdf"),
    path(_("letter-for-the-doctor/start-again/"), views.letter_forget_view, name="letter_forget"),
]
