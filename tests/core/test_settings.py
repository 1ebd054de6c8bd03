"""Production settings refuse unsafe configuration and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _run(
    args: list[str], tmp_path: Path, settings_module: str | None = "omshub.config.settings.production", **env: str
) -> subprocess.CompletedProcess[str]:
    # DATABASE_URL stays, so that the checks meet the database the suite runs on.
    unwanted = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "WAGTAILADMIN_BASE_URL",
        "JOURNAL_ENCRYPTION_KEYS",
        "FIELD_ENCRYPTION_SALTS",
        "EMAIL_HOST",
        "OMSHUB_ENV",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    if settings_module:
        clean["DJANGO_SETTINGS_MODULE"] = settings_module
    clean.update(OMSHUB_VAR_DIR=str(tmp_path), **env)
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


def test_production_refuses_to_start_without_a_mail_relay(tmp_path):
    """The console backend would mark receipts sent that nobody receives."""
    result = _run(
        ["manage.py", "check"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
        JOURNAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode != 0
    assert "Set EMAIL_HOST to the mail relay" in result.stderr


def test_development_settings_refuse_to_run_where_omshub_env_says_production(tmp_path):
    result = _run(
        ["manage.py", "check"], tmp_path, settings_module="omshub.config.settings.dev", OMSHUB_ENV="production"
    )
    assert result.returncode != 0
    assert "OMSHUB_ENV=production, but DJANGO_SETTINGS_MODULE names the development settings" in result.stderr


def test_a_servers_environment_without_omshub_env_stops_manage_py(tmp_path):
    """manage.py's own default is development: a public host name in ALLOWED_HOSTS stops it."""
    result = _run(["manage.py", "send_outbox"], tmp_path, settings_module=None, ALLOWED_HOSTS="omshub.example.org")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS names omshub.example.org, a public host" in result.stderr
    assert "put OMSHUB_ENV=production in the environment file" in result.stderr


def test_production_settings_refuse_to_run_where_omshub_env_says_development(tmp_path):
    result = _run(["manage.py", "check"], tmp_path, OMSHUB_ENV="development", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "OMSHUB_ENV=development, but DJANGO_SETTINGS_MODULE names the production settings" in result.stderr


@pytest.mark.parametrize(
    ("hosts", "omshub_env", "refused"),
    [
        (["localhost", "127.0.0.1", "[::1]", "app.localhost", "192.168.1.20", "10.0.0.7"], "", False),
        (["omshub.example.org"], "", True),
        (["*"], "", True),
        (["omshub.example.org"], "development", False),
        (["localhost"], "production", True),
    ],
)
def test_which_environments_the_development_settings_accept(monkeypatch, hosts, omshub_env, refused):
    from django.core.exceptions import ImproperlyConfigured

    from omshub.config.guard import refuse_production_environment

    monkeypatch.setenv("OMSHUB_ENV", omshub_env)
    if refused:
        with pytest.raises(ImproperlyConfigured):
            refuse_production_environment("development", hosts)
    else:
        refuse_production_environment("development", hosts)


def test_manage_py_and_gunicorn_choose_the_settings_omshub_env_names(monkeypatch):
    from omshub.config.env import default_settings_module

    monkeypatch.setenv("OMSHUB_ENV", "production")
    assert default_settings_module("omshub.config.settings.dev") == "omshub.config.settings.production"
    monkeypatch.setenv("OMSHUB_ENV", "development")
    assert default_settings_module("omshub.config.settings.production") == "omshub.config.settings.dev"
    monkeypatch.delenv("OMSHUB_ENV")
    assert default_settings_module("omshub.config.settings.dev") == "omshub.config.settings.dev"
    monkeypatch.setenv("OMSHUB_ENV", "prod")
    with pytest.raises(ValueError, match="OMSHUB_ENV must be production or development"):
        default_settings_module("omshub.config.settings.dev")


def test_check_deploy_is_clean(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
        JOURNAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        EMAIL_HOST="localhost",
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
        EMAIL_HOST="localhost",
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "False"], result.stderr


def test_env_booleans_reject_nonsense(monkeypatch):
    from omshub.config.env import env_bool

    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ValueError, match="SOME_FLAG must be true or false"):
        env_bool("SOME_FLAG")
