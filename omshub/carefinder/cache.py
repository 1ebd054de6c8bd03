"""Pages that show the directory are stored by the whole-page cache (a service's page, the
finder's first screen): any change to a service or a report retires them, once committed."""

from typing import Any

from omshub.core import page_cache


def directory_changed(**_: Any) -> None:
    page_cache.invalidate()
