"""The site search page: results in the visitor's language (and the other's, with a note),
"Get help now" first for a worried query, and help when nothing matches."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from omshub.core.navigation import active_language
from omshub.search import selectors
from omshub.search.query import parse, worried


@require_safe
def search_view(request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("q", "").strip()[:200]
    language = active_language()
    query = parse(typed, language)
    hits = selectors.search_pages(query=query, language=language, request=request) if typed else []
    context = {"typed": typed, "query": query, "hits": hits}
    if typed:
        context["other_languages"] = selectors.search_other_languages(
            typed=typed, query=query, language=language, found=bool(hits), request=request
        )
        if worried(typed):
            context["help_first"] = selectors.help_page(language)
        if not hits and not context["other_languages"]:
            context["suggestions"] = selectors.popular_topics(language)
            context["help_page"] = selectors.help_page(language)
    return render(request, "search/search.html", context)
