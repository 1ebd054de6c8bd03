"""Money columns: stored as whole cents, typed and shown in dollars in every model form.

The Wagtail admin builds its forms from the model's fields, so a campaign's goal or a preset
amount declared with one of these is edited as "250,000" (parsed by the active language's
rules, omshub/core/money.py) while the column keeps 25000000.
"""

from typing import Any

from django import forms
from django.db import models

from omshub.core.money import MoneyField

# $10 million: more than any gift or goal here, well inside what the columns hold.
MAX_CENTS = 1_000_000_000


class DollarsInForms:
    """For a positive integer model field: its form field is a MoneyField (dollars in, cents out)."""

    def formfield(self, **kwargs: Any) -> forms.Field:
        assert isinstance(self, models.Field)
        kwargs.pop("min_value", None)
        kwargs.pop("max_value", None)
        kwargs.setdefault("min_cents", 1)
        kwargs.setdefault("max_cents", MAX_CENTS)
        # Field.formfield (not IntegerField's): it adds number bounds that MoneyField words itself.
        field = models.Field.formfield(self, form_class=MoneyField, **kwargs)
        assert field is not None
        return field


class CentsField(DollarsInForms, models.PositiveBigIntegerField):
    pass


class SmallCentsField(DollarsInForms, models.PositiveIntegerField):
    pass
