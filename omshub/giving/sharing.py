"""Share links that need no third-party script, and a QR code of the page drawn as inline SVG."""

from urllib.parse import quote

import segno
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from omshub.core.page_cache import remember


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    text = quote(title)
    target = quote(url, safe="")
    return [
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={target}"),
        ("X", f"https://twitter.com/intent/tweet?url={target}&text={text}"),
        ("WhatsApp", f"https://wa.me/?text={text}%20{target}"),
        (_("Email"), f"mailto:?subject={text}&body={target}"),
    ]


def qr_svg(url: str) -> SafeString:
    def draw() -> str:
        qr = segno.make(url, error="m")
        return qr.svg_inline(scale=4, border=2, dark="#1d1d1b", light="#ffffff", omitsize=True)

    # segno writes the SVG from the URL alone: nothing in it comes from a visitor.
    return mark_safe(remember(f"qr:{url}", draw))  # noqa: S308
