"""Production settings refuse unsafe configuration and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # DATABASE_URL stays, so that the checks meet the database the suite runs on.
    unwanted = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "WAGTAILADMIN_BASE_URL",
        "JOURNAL_ENCRYPTION_KEYS",
        "FIELD_ENCRYPTION_SALTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    clean.update(DJANGO_SETTINGS_MODULE="omshub.config.settings.production", OMSHUB_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(["manage.py", "check"], tmp_path, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_its_public_address(tmp_path):
    result = _run(["manage.py", "check"], tmp_path, SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "Set WAGTAILADMIN_BASE_URL" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = _run(["manage.py", "check"], tmp_path, SECRET_KEY=secrets.token_urlsafe(60))
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_journal_key_of_its_own(tmp_path):
    """No key, the development key, or a string that is no Fernet key: each stops the start, naming the setting."""
    from omshub.config.settings.base import DEV_JOURNAL_ENCRYPTION_KEY

    required = {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "example.org",
        "WAGTAILADMIN_BASE_URL": "https://example.org",
    }
    for keys, message in [
        (None, "Set JOURNAL_ENCRYPTION_KEYS"),
        (DEV_JOURNAL_ENCRYPTION_KEY, "Set JOURNAL_ENCRYPTION_KEYS"),
        (f"{Fernet.generate_key().decode()},not-a-key", "JOURNAL_ENCRYPTION_KEYS: key 2 is not a Fernet key"),
    ]:
        given = {"JOURNAL_ENCRYPTION_KEYS": keys} if keys else {}
        result = _run(["manage.py", "check"], tmp_path, **required, **given)
        assert result.returncode != 0
        assert message in result.stderr, result.stderr[-2000:]
        assert "not-a-key" not in result.stderr, "a key is never echoed"


def test_check_deploy_is_clean(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
        JOURNAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = _run(
        ["-c", f"import django; django.setup(); {code}"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
        JOURNAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "False"], result.stderr


def test_env_booleans_reject_nonsense(monkeypatch):
    import pytest

    from omshub.config.env import env_bool

    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ValueError, match="SOME_FLAG must be true or false"):
        env_bool("SOME_FLAG")
