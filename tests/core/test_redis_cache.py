"""Django's Redis cache; a Redis that cannot be reached is a cache that keeps nothing, not a 500."""

import logging
import uuid

import pytest
import redis

from omshub.core import redis_cache
from omshub.core.redis_cache import RedisCache

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once
LOCAL = "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(LOCAL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def unreachable(monkeypatch) -> RedisCache:
    monkeypatch.setattr(redis_cache, "_warned_at", float("-inf"))
    return RedisCache(UNREACHABLE, {"OPTIONS": {"socket_connect_timeout": 1}})


def test_an_unreachable_redis_misses_stores_nothing_and_warns_once(unreachable, caplog):
    with caplog.at_level(logging.WARNING, logger="omshub.core.redis_cache"):
        assert unreachable.get("page", "default") == "default"
        assert unreachable.get_many(["a", "b"]) == {}
        assert unreachable.has_key("page") is False
        assert unreachable.set("page", "html") is None
        assert unreachable.set_many({"a": 1, "b": 2}) == ["a", "b"]  # Django's answer: the keys not stored
        assert unreachable.get_or_set("computed", lambda: 42) == 42
        assert unreachable.touch("page") is False
        assert unreachable.delete("page") is False
        unreachable.delete_many(["a", "b"])
        unreachable.clear()
    warnings = [record.getMessage().split(":")[0] for record in caplog.records]
    assert warnings == ["Redis cannot be reached, serving without the cache"]


def test_an_unreachable_redis_lets_the_work_a_flag_guards_be_done_and_counts_nothing(unreachable):
    # `add` as a "queued already" flag: the caller queues the work rather than trusting a flag nobody set.
    assert unreachable.add("payments:apply-queued", True) is True
    with pytest.raises(ValueError, match="not found"):  # as after an eviction: the rate limit starts again
        unreachable.incr("ratelimit:checkout")


def test_pages_are_served_uncached_while_redis_cannot_be_reached(client, demo, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "omshub.core.redis_cache.RedisCache", "LOCATION": UNREACHABLE},
    }
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = client.get("/about/")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"  # nothing could be stored


@pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_a_reachable_redis_is_django_s_cache():
    cache = RedisCache(LOCAL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    try:
        assert cache.add("count", 1) is True and cache.add("count", 1) is False
        assert cache.incr("count", 2) == 3
        cache.set("page", {"html": "<p>"})
        assert cache.get("page") == {"html": "<p>"}
    finally:
        cache.delete_many(["count", "page"])


def test_rate_limits_count_in_the_process_while_redis_cannot_be_reached(settings):
    from omshub.core import ratelimit

    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "omshub.core.redis_cache.RedisCache", "LOCATION": UNREACHABLE},
    }
    key = uuid.uuid4().hex
    answers = [ratelimit.exceeded("share-passcode-link", key, limit=3) for _ in range(5)]
    assert answers == [False, False, False, True, True]  # limited, not open
    assert ratelimit.first_in_window("checkout-ceiling", key, window_seconds=60) is True
    assert ratelimit.first_in_window("checkout-ceiling", key, window_seconds=60) is False  # one alert, not one a try


@pytest.mark.skipif(not _redis_answers(), reason="needs the Redis at 127.0.0.1:6379")
def test_with_redis_the_site_counts_together_and_alerts_once(settings):
    from django.core.cache import caches

    from omshub.core import ratelimit

    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "omshub.core.redis_cache.RedisCache", "LOCATION": LOCAL},
    }
    key = uuid.uuid4().hex
    assert [ratelimit.exceeded("checkout-ip", key, limit=2) for _ in range(3)] == [False, False, True]
    bucket = int(__import__("time").time() // 3600)
    assert caches["default"].get(f"ratelimit:checkout-ip:{ratelimit.hashed(key)}:{bucket}") == 3
    assert ratelimit.first_in_window("alert", key, window_seconds=60) is True
    ratelimit._local.clear()  # another process: its own first try, but the site alerted already
    assert ratelimit.first_in_window("alert", key, window_seconds=60) is False
