"""An authenticator app's secret for the demo admin and for tests, and the code it shows now.

Staff must use two-factor to open the admin. The demo admin that `load_demo` creates gets
an authenticator-app secret it prints once, so a developer can add it to an app (or read
the current code with `manage.py demo_totp`); tests sign staff in the same way.
The row is allauth's public Authenticator model with the shape allauth's TOTP activation
writes (an encrypted base32 secret); a change of that shape fails the sign-in tests loudly.
"""

import base64
import hashlib
import hmac
import secrets
import struct
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt
from django.contrib.auth.models import AbstractBaseUser

PERIOD_SECONDS = 30  # allauth's MFA_TOTP_PERIOD default, which the settings keep
DIGITS = 6


def totp_enable(user: AbstractBaseUser) -> str:
    """Switch on an authenticator app for `user`; returns its base32 secret."""
    secret = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)})
    return secret


def totp_secret(user: AbstractBaseUser) -> str | None:
    authenticator = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
    return decrypt(authenticator.data["secret"]) if authenticator else None


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for `secret` (RFC 6238: HMAC-SHA1, 30 s, 6 digits)."""
    counter = int((time.time() if at is None else at) // PERIOD_SECONDS)
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"
