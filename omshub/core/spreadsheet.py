"""CSV cells that a spreadsheet cannot mistake for formulas."""


def spreadsheet_safe(text: str) -> str:
    """Typed text that a spreadsheet would read as a formula ("=HYPERLINK(...)") stays text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
