"""HTML to PDF with WeasyPrint, fetching nothing: the stylesheet is handed over by path."""

from typing import Any

from django.contrib.staticfiles import finders


def _fetch_nothing(url: str) -> dict[str, Any]:
    """A document names no file or address worth fetching; refusing keeps PDFs self-contained."""
    raise ValueError(f"refusing to fetch {url}")


def html_to_pdf(html: str, *, stylesheet: str) -> bytes:
    """`stylesheet` is a static file's name, e.g. "firststeps/letter.css"."""
    from weasyprint import CSS, HTML

    css = CSS(filename=finders.find(stylesheet))
    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf(stylesheets=[css])
