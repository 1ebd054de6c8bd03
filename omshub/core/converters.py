"""Path converters for what the project puts in its addresses: tokens, receipt references, checkout ids.

Each is made of URL-safe characters (secrets.token_urlsafe, Django's signing, provider ids), so an
address holding anything else (a NUL byte, a space, a letter of another alphabet) is simply no
address of ours: 404 from the resolver, before a view or a database sees it. PostgreSQL refuses a
NUL in a query, which used to surface as a server error.
"""

from django.urls import register_converter


class TokenConverter:
    regex = r"[A-Za-z0-9_.:-]{1,200}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")
