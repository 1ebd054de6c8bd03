"""Money in templates: integer cents shown as the donor reads them ("$250,000", "$12.50")."""

from django import template

register = template.Library()

SYMBOLS = {"usd": "$"}


@register.filter
def money(cents: int | None, currency: str = "usd") -> str:
    if cents is None:
        return ""
    units, remainder = divmod(int(cents), 100)
    text = f"{units:,}" if remainder == 0 else f"{units:,}.{remainder:02d}"
    return f"{SYMBOLS.get(currency.lower(), currency.upper() + ' ')}{text}"
