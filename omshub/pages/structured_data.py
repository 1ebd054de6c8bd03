"""schema.org descriptions shared by several page types."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from wagtail.models import Page


def article(page: Page, request: HttpRequest, *, description: str, published: date | datetime | None) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": description,
        "datePublished": published.isoformat() if published else None,
        "inLanguage": page.locale.language_code,
        "url": page.get_full_url(request),
    }
