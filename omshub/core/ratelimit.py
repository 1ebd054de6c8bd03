"""Fixed-window rate limits in the shared cache, for forms that cost money or send mail."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from omshub.core.security import client_ip


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the visitor's address: enough to count attempts, not to find the person."""
    address = client_ip(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def exceeded(scope: str, key: str, *, limit: int, window_seconds: int = 3600) -> bool:
    """Count one attempt; True once more than `limit` were made in the current window."""
    bucket = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, window_seconds)
        count = 1
    return count > limit


def first_in_window(scope: str, key: str, *, window_seconds: int) -> bool:
    """True for the first caller in the current window only: one alert per window, not one per attempt."""
    bucket = int(time.time() // window_seconds)
    return bool(cache.add(f"ratelimit-once:{scope}:{key}:{bucket}", 1, window_seconds))


def window_start(window_seconds: int) -> int:
    """The current window's start, in seconds since the epoch (it names the window in keys and alerts)."""
    return int(time.time() // window_seconds) * window_seconds


def seconds_left(window_seconds: int) -> int:
    """Whole seconds until the current window ends (for Retry-After)."""
    return max(1, window_seconds - int(time.time() % window_seconds))
