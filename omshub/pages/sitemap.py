"""sitemap.xml for every language: each page with its translations as hreflang alternates."""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    def items(self) -> Any:
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
        )

    def _urls(self, page: int, protocol: str, domain: str) -> list[dict[str, Any]]:
        pages = list(self.paginator.page(page).object_list)
        locations = {p.pk: p.get_full_url(self.request) for p in pages}
        translations: dict[Any, list[Page]] = defaultdict(list)
        for p in pages:
            translations[p.translation_key].append(p)
        urls = []
        for p in pages:
            group = translations[p.translation_key]
            alternates = [{"lang_code": q.locale.language_code, "location": locations[q.pk]} for q in group]
            default = next((q for q in group if q.locale.language_code == settings.LANGUAGE_CODE), None)
            if len(group) > 1 and default is not None:
                alternates.append({"lang_code": "x-default", "location": locations[default.pk]})
            urls.append(
                {
                    "item": p,
                    "location": locations[p.pk],
                    "lastmod": p.last_published_at or p.latest_revision_created_at,
                    "alternates": alternates if len(group) > 1 else [],
                }
            )
        self.latest_lastmod = max((u["lastmod"] for u in urls if u["lastmod"]), default=None)
        return urls


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    return django_sitemap(request, sitemaps={"pages": LocalizedSitemap(request)})
