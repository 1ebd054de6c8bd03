"""Fixed-window rate limits in the shared cache, for forms that cost money or send mail.

When the shared cache cannot count (Redis stopped: omshub/core/redis_cache.py keeps nothing
then), each process counts on its own in memory: the limits hold per process (a few times the
limit across the app servers) instead of falling open, so nobody can guess a share passcode or
test stolen cards while Redis is down. Alerts then go out once per process and window.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest

from omshub.core.security import client_ip

# This process's own counts, used when the shared cache cannot count.
_local = LocMemCache("omshub-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the visitor's address: enough to count attempts, not to find the person."""
    return hashed(client_ip(request) or "unknown")


def hashed(value: str) -> str:
    """A keyed hash of an email address or another identifier, so the shared cache holds none."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def exceeded(scope: str, key: str, *, limit: int, window_seconds: int = 3600) -> bool:
    """Count one attempt; True once more than `limit` were made in the current window."""
    bucket = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{scope}:{hashed(key)}:{bucket}"  # the cache never holds an address
    cache.add(cache_key, 0, window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr, or the shared cache cannot be reached
        count = _count_locally(cache_key, window_seconds)
    return count > limit


def _count_locally(cache_key: str, window_seconds: int) -> int:
    _local.add(cache_key, 0, window_seconds)
    try:
        return _local.incr(cache_key)
    except ValueError:  # culled between add and incr
        _local.set(cache_key, 1, window_seconds)
        return 1


def first_in_window(scope: str, key: str, *, window_seconds: int) -> bool:
    """True for the first caller in the current window only: one alert per window, not one per attempt."""
    bucket = int(time.time() // window_seconds)
    cache_key = f"ratelimit-once:{scope}:{key}:{bucket}"
    # This process's first, then the site's: an unreachable shared cache says yes to every add.
    return bool(_local.add(cache_key, 1, window_seconds) and cache.add(cache_key, 1, window_seconds))


def window_start(window_seconds: int) -> int:
    """The current window's start, in seconds since the epoch (it names the window in keys and alerts)."""
    return int(time.time() // window_seconds) * window_seconds


def seconds_left(window_seconds: int) -> int:
    """Whole seconds until the current window ends (for Retry-After)."""
    return max(1, window_seconds - int(time.time() % window_seconds))
