"""`make run PORT=…` on a port other than 8000: the links the site hands out point at that port.

The real thing, as a developer runs it: `make run` in a subprocess (its own SQLite database
in a temporary folder, the demo family it prints), then Chromium signs in as that family,
makes a care-journal share link and reads the page's canonical address. The browser asks
for `localhost` while `make run` configured `127.0.0.1`, so the links must follow the
request, not only the configured address.
"""

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import VIEWPORTS

ROOT = Path(__file__).resolve().parents[2]
# Settings the test suite or a developer's shell may hold, which `make run` must not inherit.
UNWANTED = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "WAGTAILADMIN_BASE_URL", "REDIS_URL", "TASKS_BACKEND"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert port != 8000
    return port


def _wait_until_up(url: str, server: subprocess.Popen[str], log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"make run stopped early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (an http:// address of this test)
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"make run did not answer at {url} within {seconds} s")


def _runserver_environment(group: int) -> dict[str, str]:
    """The environment of the runserver that `make run` started (Linux's /proc)."""
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit() or os.getpgid(int(proc.name)) != group:
                continue
            if b"runserver" in (proc / "cmdline").read_bytes():
                pairs = (proc / "environ").read_bytes().split(b"\0")
                return dict(pair.decode().split("=", 1) for pair in pairs if b"=" in pair)
        except (OSError, ProcessLookupError):
            continue  # a process that ended meanwhile
    raise AssertionError("no runserver process found under make run")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, dict[str, str]]]:
    """`make run PORT=<free port>`, its output in a log file; stopped at the end."""
    port = _free_port()
    folder = tmp_path_factory.mktemp("make-run")
    log = folder / "make-run.log"
    env = {k: v for k, v in os.environ.items() if k not in UNWANTED}
    env["OMSHUB_VAR_DIR"] = str(folder)
    # -o: the shared virtualenv and the Debian packages are the suite's business, not this test's.
    command = ["make", "--no-print-directory", "-o", ".venv/.base-installed", "-o", "pdf-deps", "run", f"PORT={port}"]
    with log.open("w") as output:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, text=True, start_new_session=True
        )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/healthz", server, log)
        yield port, log, _runserver_environment(server.pid)
    finally:
        os.killpg(server.pid, 15)  # make and the runserver it started, which is its own process group
        server.wait(timeout=30)


@pytest.mark.parametrize("viewport", [VIEWPORTS[1]], indirect=True, ids=["desktop"])
def test_make_run_on_another_port_links_to_that_port(served, browser: Browser, viewport) -> None:
    port, log, runserver_env = served
    # Emails sent by background tasks have no request: they use the configured address.
    assert runserver_env["WAGTAILADMIN_BASE_URL"] == f"http://127.0.0.1:{port}"
    printed = log.read_text()
    family = re.search(r"email: (family@example\.org)\s+password: (\S+)", printed)
    assert family, printed
    site = f"http://localhost:{port}"
    context = browser.new_context(viewport={"width": viewport.width, "height": viewport.height}, locale="en-US")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    try:
        tab.goto(site + "/learn/what-is-oms/")
        assert tab.locator("link[rel=canonical]").get_attribute("href") == f"{site}/learn/what-is-oms/"
        assert tab.locator("meta[property='og:image']").get_attribute("content") == f"{site}/static/core/img/share.png"

        tab.goto(site + "/accounts/login/")
        tab.locator("input[name=login]").fill(family.group(1))
        tab.locator("input[name=password]").fill(family.group(2))
        tab.locator("main button.button--primary[type=submit]").click()
        child = tab.locator("main a[href*='/journal/children/']").first.get_attribute("href")
        assert child
        tab.goto(site + re.match(r"(/journal/children/\d+/)", child).group(1) + "share/")  # type: ignore[union-attr]
        tab.get_by_label("Who is it for? (optional)").fill("Dr Rivera")
        tab.get_by_role("button", name="Make the link").click()
        address = tab.locator("input[readonly]").first.input_value()
        assert address.startswith(f"{site}/shared/"), address
        assert ":8000" not in address
        opened = context.new_page().goto(address)
        assert opened is not None and opened.status == 200
    finally:
        context.close()
