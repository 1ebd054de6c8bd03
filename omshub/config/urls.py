"""URL map: health checks and the admin first, then every page through Wagtail, with Spanish under /es/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from omshub.core import health, views
from omshub.pages.sitemap import sitemap

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("omshub.payments.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("omshub.firststeps.urls")),
    path("", include("omshub.search.urls")),
    path("", include("omshub.giving.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("omshub.journal.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
