"""URL map: health checks and the admin first, then every page through Wagtail, with Spanish under /es/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from omshub.accounts import admin_access
from omshub.core import health, security, views
from omshub.core.observability.metrics import metrics_view
from omshub.newsletter.webhooks import mailgun_tracking
from omshub.pages.sitemap import sitemap

# A database that cannot be reached is a 503 page with Retry-After; anything else, the 500 page.
handler500 = "omshub.core.views.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("omshub.payments.urls")),
    # The email provider's tracking events (bounces, complaints): verified by anymail, see webhooks.py.
    path("email/events/mailgun/tracking/", mailgun_tracking, name="mailgun_tracking"),
    # Before Wagtail's own: its login would take a password alone (admin_access.py says why).
    path("admin/login/", admin_access.login_elsewhere),
    re_path(r"^admin/password_reset/", admin_access.admin_password_reset),
    # Signed-in staff get the admin's own CSP (inline code allowed); anyone else, the strict one.
    path("admin/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, security.staff_admin_policy))),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("omshub.firststeps.urls")),
    path("", include("omshub.carefinder.urls")),
    path("", include("omshub.search.urls")),
    path("", include("omshub.giving.urls")),
    path("", include("omshub.giving.donors.urls")),
    path("", include("omshub.fundraising.urls")),
    path("", include("omshub.events.urls")),
    path("", include("omshub.newsletter.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("omshub.journal.urls")),
    path("_util/login/", admin_access.login_elsewhere),  # Wagtail's private-page login: see admin_access.py
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
