"""The card processing fee a donor may choose to cover, so the whole gift reaches the campaign."""

import math

from django.conf import settings


def covering_fee_cents(gift_cents: int) -> int:
    """What to add so that, after the provider's percentage and fixed fee, `gift_cents` remains."""
    basis_points = settings.PROCESSING_FEE_BASIS_POINTS
    total = math.ceil((gift_cents + settings.PROCESSING_FEE_FIXED_CENTS) * 10_000 / (10_000 - basis_points))
    return total - gift_cents
