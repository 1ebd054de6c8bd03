"""Giving speaks the provider contract's neutral words, never Stripe's (payments/provider.py).

Stripe's object and event names belong in payments/stripe_provider.py and payments/events.py
(and the local provider that plays Stripe); a gift's code that names them would break the day
another provider, or a new Stripe API version, words things differently. Plain English stays
allowed ("nothing was charged"); what is looked for are Stripe's identifiers.
"""

import re
from pathlib import Path

import omshub

GIVING = Path(omshub.__file__).parent / "giving"
STRIPE_WORDS = re.compile(
    r"checkout\.session|payment_intent|\bcharge[_.]|_charge\b|ChargeState|\bcharge\.|invoice\.paid"
    r"|customer\.subscription|billing_reason|subscription_create|requires_payment_method"
    r"|no_payment_required|payment_status|amount_refunded"
)


def _files() -> list[Path]:
    found = [p for p in GIVING.rglob("*") if p.suffix in (".py", ".html", ".txt")]
    return sorted(p for p in found if "migrations" not in p.parts)


def test_giving_names_no_stripe_words():
    assert len(_files()) > 30
    found = [
        f"{path.relative_to(GIVING)}:{number}: {line.strip()}"
        for path in _files()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if STRIPE_WORDS.search(line)
    ]
    assert found == []


def test_the_pattern_finds_what_it_is_for():
    for line in ('"checkout.session.completed"', "donation.payment_intent_id", "fetch_charge(", "x.charge_id"):
        assert STRIPE_WORDS.search(line), line
    assert not STRIPE_WORDS.search("Nothing was charged. Please try again.")
