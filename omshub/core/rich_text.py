"""The admin's rich-text editor (Draftail), with one change: text it cannot read is no text.

Draftail posts its content as JSON. Wagtail's widget parses it with no guard, so a post the
editor never makes (a forged or truncated form) was a 500. Here such a post reads as empty: a
required rich-text field then says it is required, and the rest of the form keeps what was typed.
"""

from typing import Any

from wagtail.admin.rich_text import DraftailRichTextArea


class ReadableDraftailRichTextArea(DraftailRichTextArea):
    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, AttributeError):  # not JSON, or JSON of another shape
            return None
