import pytest

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
