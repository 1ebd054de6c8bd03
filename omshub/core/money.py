"""Amounts typed by people, read the way they meant them: parse, format back and a form field.

Integer cents everywhere; never floats. Display in templates stays with the `money` filter
(omshub/core/templatetags/money.py), which this module reuses for every amount it names.

Which notation for Spanish? Our Spanish readers are US Latino families. Most come from Mexico,
Central America and the Caribbean, where, as on every US price tag, the point is the decimal
mark ("$25.50", "$1,000"). Families from South America or Spain write "25,50" and "1.000".
So amounts are *shown* the US way in both languages, and Spanish *parsing* accepts both
habits wherever only one reading makes sense for money (which never has three decimals):
one or two digits after the last mark are cents, three are thousands. English parsing is
stricter about the marks an English reader would not use, and asks instead of guessing.
"""

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from omshub.core.templatetags.money import money

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
    """The amount as a person would type it back into a form field, without the dollar sign.

    The same notation in both languages (see the module's note): "1,025.50", "25", "0.50".
    Spanish parsing reads it back unchanged because one or two digits after the last mark are
    always cents and three are always thousands.
    """
    if cents < 0:
        raise ValueError("amounts are never negative")
    return money(cents).removeprefix("$")


def _base_language(language: str) -> str:
    return (language or "en").split("-")[0].lower()


def _strip_currency(text: str) -> str:
    cleaned = text.strip().replace("\u00a0", " ")
    upper = cleaned.upper()
    for prefix in ("US$", "USD", "$"):
        if upper.startswith(prefix):
            cleaned, upper = cleaned[len(prefix) :].strip(), upper[len(prefix) :].strip()
            break
    for suffix in ("USD", "$"):
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
    shown = [money(c) for c in readings]
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
                params={"min": money(self.min_cents), "max": money(self.max_cents)},
            )

    def prepare_value(self, value: Any) -> Any:
        # Whole cents (an initial value) are shown as typed; text typed by the person stays as it was.
        if isinstance(value, int) and not isinstance(value, bool):
            return format_amount(value, translation.get_language() or "en")
        return value
