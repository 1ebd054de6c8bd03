"""Money in one place: amounts shown in the active language, parsed as typed, and a form field.

Integer cents everywhere; never floats. `format_money` is the one way an amount becomes text
(templates use it through the `money` filter, omshub/core/templatetags/money.py; emails and PDFs
render those templates). Spreadsheets are the exception on purpose: a CSV column holds a plain
number ("1234.56", omshub/core/spreadsheet.py) so a spreadsheet can add it up in any locale.

Which notation? The active language's, with Django's own locale formats (`number_format`):
English "$1,234.56"; Spanish "1.234,56 US$", the CLDR pattern for Spanish (amount, then the
symbol). "US$" rather than "$" because to a reader from Mexico or Colombia "$" alone means
pesos. Django's Spanish locale groups thousands with a space; omshub/config/formats/es sets
the point that CLDR and most Spanish-speaking readers use, which the parser also reads back.
Parsing accepts both habits in Spanish wherever only one reading makes sense for money
(which never has three decimals): one or two digits after the last mark are cents, three are
thousands. English parsing is stricter about the marks an English reader would not use, and
asks instead of guessing.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Beyond this the text is not an amount anyone gives; it also keeps the arithmetic small.
MAX_DIGITS = 12
_ONLY_MARKS_AND_DIGITS = re.compile(r"[0-9.,]+")
_GROUPS = re.compile(r"[.,]")


class AmountError(ValueError):
    """The text is not an amount we can charge; `message` says why, in the language asked for."""

    def __init__(self, message: str, readings: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.readings = readings


class MalformedAmount(AmountError):
    """Not an amount at all: letters, exponents, signs, misplaced marks, more than two decimals."""


class AmbiguousAmount(AmountError):
    """More than one amount could be meant; `readings` holds them (cents), most likely first."""


# Where the symbol goes and which symbol, by base language (CLDR's patterns for USD).
_PATTERNS = {"en": "{symbol}{amount}", "es": "{amount}\u00a0{symbol}"}
_SYMBOLS = {"en": {"usd": "$"}, "es": {"usd": "US$"}}


@dataclass(frozen=True)
class MoneyNotation:
    """How the active language writes money, for the scripts that redraw an amount as it is typed."""

    decimal: str
    group: str
    pattern: str  # "{amount}" stands for the number


def money_notation(currency: str = "usd", language: str | None = None) -> MoneyNotation:
    language = language or translation.get_language() or "en"
    base = _base_language(language)
    return MoneyNotation(
        decimal=str(formats.get_format("DECIMAL_SEPARATOR", language, use_l10n=True)),
        group=str(formats.get_format("THOUSAND_SEPARATOR", language, use_l10n=True)),
        pattern=_PATTERNS.get(base, _PATTERNS["en"]).replace("{symbol}", _symbol(currency, base)),
    )


def format_money(cents: int | None, currency: str = "usd", language: str | None = None) -> str:
    """The amount with its currency, as a reader of `language` (default: the active one) writes it.

    Whole amounts drop the cents ("$250,000", "250.000 US$"); others show two ("$12.50", "12,50 US$").
    """
    if cents is None:
        return ""
    language = language or translation.get_language() or "en"
    base = _base_language(language)
    sign = "-" if cents < 0 else ""
    text = _PATTERNS.get(base, _PATTERNS["en"]).format(
        symbol=_symbol(currency, base), amount=_number(abs(int(cents)), language)
    )
    return sign + text


def _symbol(currency: str, base: str) -> str:
    symbols = _SYMBOLS.get(base, _SYMBOLS["en"])
    if currency.lower() in symbols:
        return symbols[currency.lower()]
    # A currency code before the number needs a space ("EUR 1"); after it, the pattern has one.
    return currency.upper() + (" " if _PATTERNS.get(base, _PATTERNS["en"]).startswith("{symbol}") else "")


def _number(cents: int, language: str) -> str:
    """ "1,234.56" / "1.234,56": Django's own locale formats for `language`, grouped, cents only when there are some."""
    with translation.override(language):
        return formats.number_format(
            Decimal(cents) / 100, decimal_pos=2 if cents % 100 else 0, use_l10n=True, force_grouping=True
        )


@dataclass(frozen=True)
class _Split:
    groups: list[str]  # runs of digits
    marks: list[str]  # the "." or "," between them


def parse_amount(text: str, language: str) -> int:
    """Whole cents for an amount in dollars as typed by someone reading the site in `language`.

    Raises MalformedAmount or AmbiguousAmount (both ValueError) with a message in `language`.
    """
    with translation.override(language):
        return _parse(text, _base_language(language))


def format_amount(cents: int, language: str) -> str:
    """The amount as a person would type it back into a form field, without the currency.

    In the language's notation ("1,025.50" in English, "1.025,50" in Spanish; "25", "0.50"):
    `parse_amount` in the same language reads it back unchanged.
    """
    if cents < 0:
        raise ValueError("amounts are never negative")
    return _number(cents, language)


def _base_language(language: str) -> str:
    return (language or "en").split("-")[0].lower()


def _strip_currency(text: str) -> str:
    cleaned = text.strip().replace("\u00a0", " ")
    upper = cleaned.upper()
    for prefix in ("US$", "USD", "$"):
        if upper.startswith(prefix):
            cleaned, upper = cleaned[len(prefix) :].strip(), upper[len(prefix) :].strip()
            break
    for suffix in ("US$", "USD", "$"):
        if upper.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
            break
    return cleaned


def _malformed() -> MalformedAmount:
    return MalformedAmount(gettext("Enter an amount in dollars, like 25 or 25.50."))


def _parse(text: str, language: str) -> int:
    body = _strip_currency(text)
    if body.startswith(("-", "−", "(")):
        raise MalformedAmount(gettext("Enter the amount without a minus sign, like 25 or 25.50."))
    if not body or not _ONLY_MARKS_AND_DIGITS.fullmatch(body):
        raise _malformed()
    split = _Split(groups=_GROUPS.split(body), marks=_GROUPS.findall(body))
    if sum(len(g) for g in split.groups) > MAX_DIGITS:
        raise _malformed()
    if not split.marks:
        return int(body) * 100
    if any(g == "" for g in split.groups[1:]) or (split.groups[0] == "" and len(split.marks) > 1):
        raise _malformed()  # "25.", "1..5", ".1.5": marks without digits on both sides
    last_mark, last_group = split.marks[-1], split.groups[-1]
    if len(last_group) > 3:
        raise MalformedAmount(gettext("An amount has at most two digits after the decimal point, like 25.50."))
    if len(split.marks) > 1:
        return _parse_several_marks(split)
    whole = split.groups[0]
    if len(last_group) <= 2:
        cents = _cents(whole, last_group)
        if language == "en" and last_mark == ",":
            # "25,50": a decimal comma, or a thousands comma in the wrong place?
            raise _ambiguous(cents, int(whole + last_group) * 100)
        return cents
    # Three digits after a single mark.
    if whole in ("", "0"):
        raise MalformedAmount(gettext("An amount has at most two digits after the decimal point, like 25.50."))
    thousands = int(whole + last_group) * 100
    if language == "en" and last_mark == ".":
        # "1.000" reads as a thousand to much of the world, and as one dollar to a calculator.
        decimal = [_cents(whole, last_group[:2])] if last_group.endswith("0") else []
        raise _ambiguous(thousands, *decimal)
    return thousands


def _parse_several_marks(split: _Split) -> int:
    """ "1,000,000", "1.000,50", "1,025.50": groups of three, and perhaps a different last mark for cents."""
    first, *middle, last = split.groups
    *grouping_marks, last_mark = split.marks
    if not first or len(first) > 3 or first == "0" or any(len(g) != 3 for g in middle):
        raise _malformed()
    if any(m != grouping_marks[0] for m in grouping_marks):
        raise _malformed()
    whole = first + "".join(middle)
    if last_mark == grouping_marks[0]:
        if len(last) != 3:
            raise _malformed()  # "1,000,50": the cents need the other mark
        return int(whole + last) * 100
    if len(last) > 2:
        raise _malformed()
    return _cents(whole, last)


def _cents(whole: str, fraction: str) -> int:
    return int(whole or "0") * 100 + int(fraction.ljust(2, "0"))


def _ambiguous(*readings: int) -> AmbiguousAmount:
    shown = [format_money(c) for c in readings]
    typed = [format_amount(c, "en").replace(",", "") for c in readings]
    if len(readings) == 1:
        message = gettext("Did you mean %(first)s? If so, type %(first_typed)s.") % {
            "first": shown[0],
            "first_typed": typed[0],
        }
    else:
        message = gettext("Did you mean %(first)s or %(second)s? Type %(first_typed)s or %(second_typed)s.") % {
            "first": shown[0],
            "second": shown[1],
            "first_typed": typed[0],
            "second_typed": typed[1],
        }
    return AmbiguousAmount(message, readings)


class MoneyField(forms.Field):
    """Dollars typed in the active language, whole cents out, within [min_cents, max_cents].

    Its range errors name both ends ("from $5 to $25,000"); pass error_messages with "range",
    or "below" and "above" (placeholders %(min)s and %(max)s) to word them for a particular form.
    """

    widget = forms.TextInput
    default_error_messages = {
        "range": _("Enter an amount from %(min)s to %(max)s."),
    }

    def __init__(self, *, min_cents: int, max_cents: int, max_length: int = 20, **kwargs: Any) -> None:
        if not 0 <= min_cents <= max_cents:
            raise ValueError("min_cents must be between 0 and max_cents")
        self.min_cents, self.max_cents, self.max_length = min_cents, max_cents, max_length
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # A text field, not type=number: number inputs drop "25,50" and accept "1e3".
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": str(self.max_length)})
        return attrs

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int):
            return value
        text = str(value)
        if len(text) > self.max_length:
            raise forms.ValidationError(gettext("Enter an amount in dollars, like 25 or 25.50."), code="invalid")
        try:
            return parse_amount(text, translation.get_language() or "en")
        except AmbiguousAmount as error:
            raise forms.ValidationError(error.message, code="ambiguous") from None
        except AmountError as error:
            raise forms.ValidationError(error.message, code="invalid") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not self.min_cents <= value <= self.max_cents:
            side = "below" if value < self.min_cents else "above"
            raise forms.ValidationError(
                self.error_messages.get(side, self.error_messages["range"]),
                code=side,
                params={"min": format_money(self.min_cents), "max": format_money(self.max_cents)},
            )

    def prepare_value(self, value: Any) -> Any:
        # Whole cents (an initial value) are shown as typed; text typed by the person stays as it was.
        if isinstance(value, int) and not isinstance(value, bool):
            return format_amount(value, translation.get_language() or "en")
        return value
