"""Which provider takes payments: Stripe when its keys are set, else the local test provider."""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from omshub.payments.provider import PaymentProvider


class PaymentsClosed(ImproperlyConfigured):
    """No provider may run here: no Stripe keys, and the local one is not allowed."""


@lru_cache(maxsize=4)
def _stripe(secret_key: str, webhook_secret: str, base_url: str, timeout: float) -> PaymentProvider:
    from omshub.payments.stripe_provider import StripeProvider

    return StripeProvider(
        secret_key=secret_key, webhook_secret=webhook_secret, base_url=base_url, timeout_seconds=timeout
    )


def get_provider(name: str | None = None) -> PaymentProvider:
    """The active provider, or the one named (to refund a gift taken by it)."""
    if name == "local" or (name is None and not settings.STRIPE_SECRET_KEY):
        if not settings.LOCAL_PAYMENTS_ALLOWED:
            raise PaymentsClosed("Set STRIPE_SECRET_KEY, or LOCAL_PAYMENTS_ALLOWED=true for a test site.")
        from omshub.payments.local_provider import LocalProvider

        return LocalProvider()
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentsClosed("STRIPE_SECRET_KEY is not set.")
    return _stripe(
        settings.STRIPE_SECRET_KEY,
        settings.STRIPE_WEBHOOK_SECRET,
        settings.STRIPE_API_BASE,
        settings.STRIPE_TIMEOUT_SECONDS,
    )
