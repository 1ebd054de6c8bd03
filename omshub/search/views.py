"""The site search page: results in the visitor's language, or help when nothing matches."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from omshub.core.navigation import active_language
from omshub.firststeps.models import ChecklistPage
from omshub.pages.models import TopicPage
from omshub.search.query import parse
from omshub.search.selectors import search_pages


@require_safe
def search_view(request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("q", "").strip()[:200]
    language = active_language()
    query = parse(typed, language)
    hits = search_pages(query=query, language=language, request=request) if typed else []
    context = {"typed": typed, "query": query, "hits": hits}
    if typed and not hits:
        context["suggestions"] = (
            TopicPage.objects.live().public().filter(locale__language_code=language).order_by("path")[:6]
        )
        context["help_page"] = ChecklistPage.objects.live().public().filter(locale__language_code=language).first()
    return render(request, "search/search.html", context)
