"""Browser fixtures: Debian's Chromium driven by Playwright against the app on a live port.

Every journey runs at a phone width and a desktop width. Console errors (a script or
style the CSP blocked, a missing file) fail the test, and `assert_accessible` runs
axe-core with the WCAG 2.0/2.1/2.2 A and AA rules.
"""

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from playwright.sync_api import Browser, Page, sync_playwright

from tests.demo import demo_ensure

CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool


VIEWPORTS = [Viewport("phone", 375, 812, True), Viewport("desktop", 1280, 800, False)]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it (apt: chromium), or set CHROMIUM.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=VIEWPORTS, ids=lambda viewport: viewport.name)
def viewport(request: pytest.FixtureRequest) -> Viewport:
    """Both widths; a test may narrow it with `parametrize("viewport", ["desktop"], indirect=True)`."""
    param = request.param
    return param if isinstance(param, Viewport) else next(v for v in VIEWPORTS if v.name == param)


@pytest.fixture(scope="session")
def site(demo_site, django_db_blocker) -> Iterator[str]:
    """The demo foundation (committed once per process) served on a live port; its base URL.

    Not pytest-django's live_server: that one flushes the database after every test, and
    loading the demo again each time would cost seconds per test.
    """
    server = LiveServerThread("127.0.0.1", _StaticFilesHandler, port=0)
    server.daemon = True
    with django_db_blocker.unblock():  # the server's threads read the database
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        yield f"http://127.0.0.1:{server.port}"
        server.terminate()


@pytest.fixture(autouse=True)
def _demo_still_loaded(demo_site, django_db_blocker) -> None:
    """The served demo is whole again after a transactional test of this process flushed it."""
    with django_db_blocker.unblock():
        demo_ensure(demo_site)


@pytest.fixture
def console_errors() -> list[str]:
    """Errors the browser reported; a test that expects one (a 404 page) removes it."""
    return []


@pytest.fixture
def tab(browser: Browser, viewport: Viewport, console_errors: list[str]) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height},
        is_mobile=viewport.mobile,
        has_touch=viewport.mobile,
        locale="en-US",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    yield page
    context.close()
    assert not console_errors, f"browser console errors: {console_errors}"
