"""The short session a spent link opens: the donor's email, signed with a time stamp in the
session, good for SESSION_SECONDS. Signing means a stale or edited value opens nothing."""

from django.core import signing
from django.http import HttpRequest

SESSION_KEY = "donor-portal"
SALT = "donors.session"
SESSION_SECONDS = 30 * 60


def session_open(request: HttpRequest, email: str) -> None:
    request.session.cycle_key()  # a new session id: nobody who knew the old one follows in
    request.session[SESSION_KEY] = signing.dumps(email.lower(), salt=SALT)


def session_email(request: HttpRequest) -> str | None:
    value = request.session.get(SESSION_KEY)
    if not value:
        return None
    try:
        return str(signing.loads(value, salt=SALT, max_age=SESSION_SECONDS))
    except signing.BadSignature:
        return None


def session_close(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
