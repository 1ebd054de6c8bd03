"""Django's Redis cache, except that an unreachable Redis is an empty cache rather than an error.

Django's backend raises redis-py's errors, and everything goes through the cache: Wagtail's
site lookup, sessions, the page cache. So a Redis outage would make every page a 500. Here,
while Redis cannot be reached, the cache keeps nothing: a read misses, a write stores nothing,
`add` says it stored (so whoever uses it as a "queued already" flag does the work rather than
leave it), and `incr` finds no key, as after an eviction. Pages are then served uncached, from
the database. Only the cache's public methods are overridden (the others, and the async ones,
call these); the warning is logged at most once a minute per process.
"""

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60.0
_warned_at = float("-inf")


def _warn(error: RedisError) -> None:
    global _warned_at
    now = time.monotonic()
    if now - _warned_at >= WARN_EVERY_SECONDS:
        _warned_at = now
        logger.warning("Redis cannot be reached, serving without the cache: %s", error)


def _or[T](call: Callable[[], T], fallback: T) -> T:
    try:
        return call()
    except RedisError as error:
        _warn(error)
        return fallback


class RedisCache(django_redis.RedisCache):
    # super() with its arguments: the calls are made inside lambdas.
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return _or(lambda: super(RedisCache, self).get(key, default, version), default)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return _or(lambda: super(RedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return _or(lambda: super(RedisCache, self).has_key(key, version), False)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        _or(lambda: super(RedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return _or(lambda: super(RedisCache, self).set_many(data, timeout, version), list(data))

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return _or(lambda: super(RedisCache, self).add(key, value, timeout, version), True)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return _or(lambda: super(RedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return _or(lambda: super(RedisCache, self).delete(key, version), False)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        _or(lambda: super(RedisCache, self).delete_many(keys, version), None)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            _warn(error)
            raise ValueError(f"Key '{key}' not found: Redis cannot be reached") from error

    def clear(self) -> None:
        _or(lambda: super(RedisCache, self).clear(), None)
