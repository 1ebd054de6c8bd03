"""Fixtures of the fuzz tests: the world to probe, and a probe that notes every server error."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.test import Client

from tests.fuzz.world import World, world_build


@dataclass
class Probe:
    """Sends requests and keeps a line for each answer of 500 or more and each unhandled exception."""

    failures: list[str] = field(default_factory=list)
    sent: int = 0
    _raised: list[BaseException] = field(default_factory=list)

    def __call__(self, client: Client, method: str, path: str, data: Any = None, **extra: Any) -> Any:
        self.sent += 1
        self._raised.clear()
        response = getattr(client, method)(path, data if data is not None else {}, **extra)
        if response.status_code >= 500 or self._raised:
            error = repr(self._raised[0]) if self._raised else ""
            self.failures.append(f"{method.upper()} {path} {_short(data)} -> {response.status_code} {error}"[:600])
        return response

    def raised(self, sender: Any, request: Any = None, **kwargs: Any) -> None:
        import sys

        exception = sys.exc_info()[1]
        if exception is not None:
            self._raised.append(exception)

    def rate_limits_reset(self) -> None:
        """Rate limits count in the cache: forget them, so a later request reaches the code behind them."""
        cache.clear()


def _short(data: Any) -> str:
    text = repr(data) if data else ""
    return text if len(text) < 300 else text[:300] + "…"


@pytest.fixture
def probe() -> Iterator[Probe]:
    found = Probe()
    got_request_exception.connect(found.raised)
    try:
        yield found
    finally:
        got_request_exception.disconnect(found.raised)


@pytest.fixture
def world(demo, settings, tmp_path) -> World:
    """Uploads (supporters' photos, episode videos) go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "journal_videos": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "journal-videos"},
        },
    }
    return world_build(demo)
