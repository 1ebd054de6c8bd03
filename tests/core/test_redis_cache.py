"""The Redis cache builds one redis-py client per connection pool, not one per call."""

from omshub.core.redis_cache import RedisCache


def test_every_cache_call_reuses_the_same_client():
    cache = RedisCache("redis://127.0.0.1:1/0", {})  # a client connects only when it sends a command
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client("any key") is client  # one server: reads share the writers' pool
    assert client.connection_pool is cache._cache._get_connection_pool(True)  # type: ignore[attr-defined]
