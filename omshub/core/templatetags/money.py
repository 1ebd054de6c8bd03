"""Money in templates: `{{ cents|money }}` shows integer cents in the active language.

The formatting itself is omshub.core.money.format_money, the one helper for every amount.
"""

from django import template

from omshub.core.money import MoneyNotation, format_money, money_notation

register = template.Library()


@register.filter
def money(cents: int | None, currency: str = "usd") -> str:
    return format_money(cents, currency)


@register.simple_tag
def money_format(currency: str = "usd") -> MoneyNotation:
    """`{% money_format as notation %}`: separators and pattern, for scripts that redraw amounts."""
    return money_notation(currency)
