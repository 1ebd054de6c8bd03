"""The letter form: prefilled from the checklist, answered with a print view or a PDF."""

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from omshub.core.navigation import active_language
from omshub.firststeps.forms import LetterForm
from omshub.firststeps.letter import letter_from_form, letter_html, letter_pdf

logger = logging.getLogger(__name__)


@never_cache
@sensitive_post_parameters()  # what a parent types never reaches an error report
@require_http_methods(["GET", "POST"])
def letter_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        initial = {"signs": request.GET.getlist("signs"), "letter_language": active_language()}
        return render(request, "firststeps/letter_form.html", {"form": LetterForm(initial=initial)})
    form = LetterForm(request.POST)
    if request.POST.get("format") == "edit":
        # Back from the letter to the questions, with every answer kept.
        return render(
            request,
            "firststeps/letter_form.html",
            {"form": LetterForm(initial=request.POST.dict() | {"signs": request.POST.getlist("signs")})},
        )
    if not form.is_valid():
        return render(request, "firststeps/letter_form.html", {"form": form}, status=400)
    letter = letter_from_form(form.cleaned_data, site_url=request.build_absolute_uri("/"), today=timezone.localdate())
    context = {
        "answers": _answers(form.cleaned_data),
        "letter_body": letter_html(letter, standalone=False),
        "letter": letter,
    }
    if request.POST.get("format") == "pdf":
        try:
            pdf = letter_pdf(letter)
        except Exception:  # e.g. WeasyPrint's system libraries missing: the printable letter instead
            logger.exception("PDF letter could not be made")
            return render(request, "firststeps/letter_ready.html", context | {"no_pdf": True})
        response = HttpResponse(pdf, content_type="application/pdf")
        with translation.override(letter.language):
            filename = _("letter-for-the-doctor")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    return render(request, "firststeps/letter_ready.html", context)


def _answers(cleaned: dict[str, Any]) -> list[tuple[str, str]]:
    """The answers as hidden fields, so the PDF button and "change my answers" keep them."""
    return [(name, value) for name, data in cleaned.items() for value in (data if isinstance(data, list) else [data])]
