from django.apps import AppConfig


class GivingConfig(AppConfig):
    name = "omshub.giving"
    verbose_name = "Giving"

    def ready(self) -> None:
        from omshub.giving import emails, payment_events  # noqa: F401 - registers event handlers and email renderers
        from omshub.giving.models import CampaignPage
        from omshub.giving.views import CAMPAIGN_ROUTES

        # The page's routes call views through this hook, so models.py never imports views.py.
        CampaignPage.routes = CAMPAIGN_ROUTES
