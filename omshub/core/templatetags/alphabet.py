"""An A to Z list: items grouped under the first letter of a field, for a jump list of letters."""

import unicodedata
from typing import Any

from django import template

register = template.Library()
OTHER = "#"  # entries that start with a digit or a symbol


def _folded(text: str) -> str:
    """Lower case without accents, so "Órgano" files under O and sorts beside "Oído"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@register.simple_tag
def by_initial(items: Any, key: str) -> list[tuple[str, list[Any]]]:
    """(letter, values) pairs, letters A to Z then #; each value is a block's value or the item."""
    values = [getattr(item, "value", item) for item in items]
    groups: dict[str, list[Any]] = {}
    for value in sorted(values, key=lambda v: _folded(str(v[key]))):
        first = _folded(str(value[key]))[:1].upper()
        groups.setdefault(first if "A" <= first <= "Z" else OTHER, []).append(value)
    return sorted(groups.items(), key=lambda group: (group[0] == OTHER, group[0]))
