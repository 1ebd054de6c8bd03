import pytest
from django.utils import translation

from omshub.core.money import format_money, money_notation
from omshub.core.templatetags.money import money


@pytest.mark.parametrize(
    ("cents", "currency", "shown"),
    [
        (25_000_000, "usd", "$250,000"),
        (1250, "usd", "$12.50"),
        (5, "usd", "$0.05"),
        (100, "eur", "EUR 1"),
        (None, "usd", ""),
    ],
)
def test_money(cents, currency, shown):
    assert money(cents, currency) == shown


@pytest.mark.parametrize(
    ("cents", "currency", "shown"),
    [
        (25_000_000, "usd", "250.000\u00a0US$"),
        (123_456, "usd", "1.234,56\u00a0US$"),
        (1250, "usd", "12,50\u00a0US$"),
        (5, "usd", "0,05\u00a0US$"),
        (100, "eur", "1\u00a0EUR"),
        (None, "usd", ""),
    ],
)
def test_money_in_spanish_uses_spanish_separators(cents, currency, shown):
    with translation.override("es"):
        assert money(cents, currency) == shown


def test_format_money_takes_a_language_over_the_active_one():
    with translation.override("es"):
        assert format_money(123_456, language="en") == "$1,234.56"
    assert format_money(123_456, language="es") == "1.234,56\u00a0US$"
    assert format_money(-150, language="en") == "-$1.50"


@pytest.mark.parametrize(
    ("language", "decimal", "group", "pattern"),
    [("en", ".", ",", "${amount}"), ("es", ",", ".", "{amount}\u00a0US$")],
)
def test_money_notation_for_scripts(language, decimal, group, pattern):
    notation = money_notation(language=language)
    assert (notation.decimal, notation.group, notation.pattern) == (decimal, group, pattern)


@pytest.mark.parametrize("language", ["en", "es"])
def test_shown_amounts_parse_back(language):
    for cents in (5, 2550, 100_000, 102_550, 123_456_789):
        assert parse_amount(format_money(cents, language=language), language) == cents


# Amounts typed by people: omshub/core/money.py

from django import forms  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from omshub.core.money import (  # noqa: E402
    AmbiguousAmount,
    AmountError,
    MalformedAmount,
    MoneyField,
    format_amount,
    parse_amount,
)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("25,50", 2550),
        ("25,5", 2550),
        ("25.50", 2550),  # the US habit, which most US Latino families share
        ("1.000", 100_000),
        ("1,000", 100_000),
        ("1.000,50", 100_050),
        ("1,025.50", 102_550),
        ("$ 1.234.567", 123_456_700),
        ("25", 2500),
        ("0,50", 50),
        (",50", 50),
        ("US$25", 2500),
        ("25 $", 2500),
    ],
)
def test_spanish_amounts(text, cents):
    assert parse_amount(text, "es") == cents


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1,000", 100_000),
        ("25.50", 2550),
        ("$1,025.50", 102_550),
        ("25.5", 2550),
        ("  $25 ", 2500),
        ("1,000,000", 100_000_000),
        ("1.000,50", 100_050),  # two different marks leave one reading
        (".50", 50),
        ("USD 12", 1200),
    ],
)
def test_english_amounts(text, cents):
    assert parse_amount(text, "en") == cents


@pytest.mark.parametrize(
    ("text", "readings", "message"),
    [
        ("25,50", (2550, 255_000), "Did you mean $25.50 or $2,550? Type 25.50 or 2550."),
        ("25,5", (2550, 25_500), "Did you mean $25.50 or $255?"),
        ("1.000", (100_000, 100), "Did you mean $1,000 or $1?"),
        ("12.345", (1_234_500,), "Did you mean $12,345? If so, type 12345."),
    ],
)
def test_english_asks_when_two_amounts_could_be_meant(text, readings, message):
    with pytest.raises(AmbiguousAmount) as caught:
        parse_amount(text, "en")
    assert caught.value.readings == readings
    assert message in str(caught.value)


def test_the_question_is_asked_in_the_language_given():
    with translation.override("en"), pytest.raises(AmbiguousAmount) as caught:
        parse_amount("25,50", "en-us")
    assert "Did you mean" in caught.value.message
    with pytest.raises(MalformedAmount) as caught_es:
        parse_amount("mucho", "es")
    assert "Escriba" in caught_es.value.message


@pytest.mark.parametrize(
    "text",
    [
        "1e3",
        "1E3",
        "-5",
        "−5",
        "(5)",
        "+5",
        "nan",
        "NaN",
        "inf",
        "Infinity",
        "",
        "   ",
        "$",
        "25.505.",
        "25.",
        "1..5",
        "1,0000",
        "25.5055",
        "1,000,50",
        "1.000.50",
        "1,000.000",
        "12,34,567",
        "1.000,5.5",
        "0.500",
        "0,500",
        "٢٥",  # digits of another script
        "２５",
        "25 50",
        "0x19",
        "1_000",
        "9" * 13,
        "twenty",
    ],
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_what_is_not_an_amount_is_refused(text, language):
    with pytest.raises(MalformedAmount):
        parse_amount(text, language)


def test_errors_are_value_errors():
    assert issubclass(AmountError, ValueError)
    assert issubclass(AmbiguousAmount, AmountError)
    assert issubclass(MalformedAmount, AmountError)


@pytest.mark.parametrize(
    ("cents", "en", "es"),
    [(2550, "25.50", "25,50"), (100_000, "1,000", "1.000"), (102_550, "1,025.50", "1.025,50"), (5, "0.05", "0,05")],
)
def test_format_amount_is_what_a_person_types_back(cents, en, es):
    assert format_amount(cents, "en") == en
    assert format_amount(cents, "es") == es


cents_values = st.integers(min_value=0, max_value=10**11)
languages = st.sampled_from(["en", "es"])


@given(cents=cents_values, language=languages)
def test_format_then_parse_gives_the_same_cents(cents, language):
    assert parse_amount(format_amount(cents, language), language) == cents


@given(cents=cents_values, language=languages)
def test_what_is_shown_is_read_back_as_the_same_amount(cents, language):
    # A person who types exactly what a page shows ("$1,025.50") is charged that amount.
    assert parse_amount(money(cents), language) == cents


@given(text=st.text(alphabet="0123456789.,$ -e", max_size=14), language=languages)
def test_any_accepted_text_is_charged_as_shown(text, language):
    try:
        cents = parse_amount(text, language)
    except AmountError:
        return
    assert cents >= 0
    assert parse_amount(money(cents), language) == cents


@given(cents=st.integers(min_value=500, max_value=2_500_000), language=languages)
def test_money_field_gives_back_the_cents_it_shows(cents, language):
    field = MoneyField(min_cents=500, max_cents=2_500_000)
    with translation.override(language):
        assert field.clean(field.prepare_value(cents)) == cents


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Enter an amount from $5 to $25,000."), ("es", "Escriba un monto de 5\u00a0US$ a 25.000\u00a0US$.")],
)
@pytest.mark.parametrize("typed", ["4.99", "25000.01", "0"])
def test_money_field_names_the_smallest_and_largest_amount(language, message, typed):
    field = MoneyField(min_cents=500, max_cents=2_500_000)
    with translation.override(language):
        with pytest.raises(forms.ValidationError) as caught:
            field.clean(typed)
        assert caught.value.messages == [message]


def test_money_field_reads_by_the_active_language():
    field = MoneyField(min_cents=1, max_cents=10**9, required=False)
    with translation.override("es"):
        assert field.clean("25,50") == 2550
        assert field.clean("") is None
    with translation.override("en"), pytest.raises(forms.ValidationError) as caught:
        field.clean("25,50")
    assert caught.value.code == "ambiguous"
    assert "$25.50 or $2,550" in caught.value.messages[0]


def test_money_field_input_is_a_text_field_for_decimals():
    class Form(forms.Form):
        amount = MoneyField(min_cents=1, max_cents=100)

    html = str(Form()["amount"])
    # type=number would drop "25,50" and take "1e3".
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
