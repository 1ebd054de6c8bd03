"""The letter: a form, then (after a redirect) the letter with its PDF, emergency card first.

Triage cannot be bypassed: whatever route a parent takes to the letter, an emergency sign
ticked on the form puts the 911 card above the letter, and the PDF button on the form
leads there first instead of downloading.
"""

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from omshub.core.navigation import active_language
from omshub.firststeps.answers import answers_forget, answers_get, answers_keep
from omshub.firststeps.forms import LetterForm
from omshub.firststeps.letter import Letter, letter_from_answers, letter_html, letter_pdf
from omshub.firststeps.red_flags import RULES, Urgency
from omshub.firststeps.triage import Triage, triage

logger = logging.getLogger(__name__)


def _triage(answers: dict[str, Any]) -> Triage:
    """The letter's signs graded like the checklist's; "in the last few hours" is itself a sign."""
    return triage([*answers["signs"], *(["hours_onset"] if answers["onset"] == "hours" else [])])


def _letter(request: HttpRequest, answers: dict[str, Any]) -> Letter:
    return letter_from_answers(answers, site_url=request.build_absolute_uri("/"), today=timezone.localdate())


@never_cache
@sensitive_post_parameters()  # what a parent types never reaches an error report
@require_http_methods(["GET", "POST"])
def letter_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        kept = answers_get(request.session) if "edit" in request.GET else None
        initial = kept or {
            "signs": request.GET.getlist("signs"),
            "letter_language": active_language(),
            "recipient": "scheduling" if request.GET.get("recipient") == "scheduling" else "doctor",
        }
        return render(request, "firststeps/letter_form.html", {"form": LetterForm(initial=initial)})
    form = LetterForm(request.POST)
    if not form.is_valid():
        return render(request, "firststeps/letter_form.html", {"form": form}, status=400)
    answers_keep(request.session, form.cleaned_data)
    wants_pdf = request.POST.get("format") == "pdf"
    if wants_pdf and _triage(form.cleaned_data).urgency < Urgency.EMERGENCY:
        return redirect("firststeps:letter_pdf")
    return redirect("firststeps:letter_ready")


@never_cache
@require_GET
def letter_ready_view(request: HttpRequest) -> HttpResponse:
    answers = answers_get(request.session)
    if answers is None:  # a bookmark, or answers forgotten: start from the questions
        return redirect("firststeps:letter")
    return _ready_page(request, answers)


@never_cache
@require_GET
def letter_pdf_view(request: HttpRequest) -> HttpResponse:
    answers = answers_get(request.session)
    if answers is None:
        return redirect("firststeps:letter")
    letter = _letter(request, answers)
    try:
        pdf = letter_pdf(letter)
    except Exception:  # e.g. WeasyPrint's system libraries missing: the printable letter instead
        logger.exception("PDF letter could not be made")
        return _ready_page(request, answers, no_pdf=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    with translation.override(letter.language):
        filename = _("letter-for-the-doctor")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def _ready_page(request: HttpRequest, answers: dict[str, Any], *, no_pdf: bool = False) -> HttpResponse:
    letter = _letter(request, answers)
    result = _triage(answers)
    context = {
        "letter_body": letter_html(letter, standalone=False),
        "letter": letter,
        "triage": result,
        "result": result.urgency,
        "rules": RULES,
        "emergency": result.urgency == Urgency.EMERGENCY,
        "no_pdf": no_pdf,
    }
    return render(request, "firststeps/letter_ready.html", context)


@never_cache
@require_POST
def letter_forget_view(request: HttpRequest) -> HttpResponse:
    answers_forget(request.session)
    return redirect("firststeps:letter")
