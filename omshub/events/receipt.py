"""A paid ticket's receipt wording: a ticket is not a gift. What the ticket buys (its fair market
value) is not deductible; the rest of its price and any donation on top are."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from omshub.core.money import format_money as money
from omshub.events.models import Registration


@dataclass(frozen=True)
class ReceiptLine:
    label: str
    amount: str


def receipt_lines(registration: Registration) -> list[ReceiptLine]:
    """Empty for a ticket that cost nothing; else what was paid and what of it is deductible."""
    if not registration.paid_cents:
        return []
    currency = registration.event.currency
    lines = [ReceiptLine(_("Ticket"), money(registration.price_cents, currency))]
    if registration.donation_cents:
        lines.append(ReceiptLine(_("Donation on top of the ticket"), money(registration.donation_cents, currency)))
    lines += [
        ReceiptLine(_("Total paid"), money(registration.paid_cents, currency)),
        ReceiptLine(
            _("Fair market value of the ticket (goods and services you receive, not deductible)"),
            money(registration.fair_market_value_cents, currency),
        ),
        ReceiptLine(_("Tax-deductible part of your payment"), money(registration.deductible_cents, currency)),
    ]
    return lines


def receipt_statement(registration: Registration) -> str:
    currency = registration.event.currency
    return _(
        "A ticket is not a gift: the fair market value of what it buys, %(fmv)s, is not deductible. "
        "The deductible part of your payment of %(paid)s is %(deductible)s."
    ) % {
        "fmv": money(registration.fair_market_value_cents, currency),
        "paid": money(registration.paid_cents, currency),
        "deductible": money(registration.deductible_cents, currency),
    }
