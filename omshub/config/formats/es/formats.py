"""Spanish number formats that differ from Django's own (every other format falls through to Django's).

Django groups Spanish thousands with a non-breaking space (the RAE's advice); CLDR, and most of
our Spanish readers, use a point: "1.234,56 US$". Money is the only grouped number on the site.
"""

THOUSAND_SEPARATOR = "."
