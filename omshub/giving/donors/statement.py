"""A donor's year-end statement as a PDF: the same gifts and total as the statement email
(selectors.donor_year: counted, real gifts, net of refunds), drawn like the receipt."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from omshub.core.pdf import html_to_pdf
from omshub.giving.receipts import foundation
from omshub.giving.selectors import donor_year


def statement_context(*, email: str, year: int) -> dict[str, Any]:
    gifts = donor_year(email=email, year=year)
    return {
        "gifts": gifts,
        "year": year,
        "total_cents": sum(gift.net_cents for gift in gifts),
        "currency": gifts[0].currency if gifts else "usd",
        "donor_name": gifts[-1].donor_name if gifts else "",
        "foundation": foundation(),
    }


def statement_pdf(*, email: str, year: int, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string("donors/statement_document.html", statement_context(email=email, year=year))
    return html_to_pdf(html, stylesheet="giving/receipt.css")
