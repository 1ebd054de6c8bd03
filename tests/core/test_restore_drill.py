"""The restore drill (scripts/restore_drill.py): a backup restores into a fresh database with equal
rows, gift totals, journal text and videos, and the journal stays shut without the key.

It needs PostgreSQL and its client tools, and runs in the PostgreSQL pass of `make test` only;
without them it is skipped with the reason, except in CI (CI=true), where it fails as `make
test` does when no PostgreSQL answers.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def _admin_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0] + "/postgres"
    return DEFAULT_URL


def _unavailable(url: str) -> str | None:
    missing = [tool for tool in ("pg_dump", "pg_restore", "psql") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not found (apt-get install postgresql-client)"
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return f"no PostgreSQL answers at {url}"
    return None


# About 50 s of CPU (migrations, the demo, four Django processes); a loaded machine stretches it.
@pytest.mark.timeout(600)
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="the restore drill runs in the PostgreSQL pass of make test (it needs no SQLite test database)",
)
def test_restore_drill_restores_everything_and_only_with_the_key():
    url = _admin_url()
    reason = _unavailable(url)
    if reason and os.environ.get("CI") == "true":
        pytest.fail(f"CI: the restore drill must run, but {reason}")
    if reason:
        pytest.skip(f"restore drill: {reason}")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DRILL_POSTGRES_URL=url,
        # Its own databases: two suites at once (SQLite and PostgreSQL passes, xdist) never share them.
        DRILL_SOURCE_DB=f"omshub_drill_src_{os.getpid()}",
        DRILL_RESTORED_DB=f"omshub_drill_restored_{os.getpid()}",
    )
    done = subprocess.run(
        [sys.executable, "scripts/restore_drill.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Restore drill passed" in done.stdout, done.stdout
    assert "FAIL" not in done.stdout
    assert "without the key: fields stay shut" in done.stdout
    with psycopg.connect(url) as connection:
        left = connection.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"omshub_drill_%_{os.getpid()}"]
        ).fetchall()
    assert left == []  # both throwaway databases dropped


def test_the_documented_backup_and_restore_commands_use_options_the_scripts_take():
    doc = (ROOT / "docs" / "deployment.md").read_text()
    section = doc.split("## Backups and restore\n", 1)[1].split("\n## ", 1)[0]
    for script in ("backup.sh", "restore.sh"):
        usage = subprocess.run(
            ["bash", f"scripts/{script}", "--help"], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert usage.returncode == 2
        documented = re.findall(rf"scripts/{re.escape(script)}((?:\\\n|[^`\n])*)", section)
        assert documented, script
        for options in documented:
            for option in re.findall(r"--[a-z-]+", options):
                assert option in usage.stderr, (script, option)
