"""Typed readers for environment variables: the one place settings come from."""

import os

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


# Which settings a process runs. OMSHUB_ENV, set once in the environment file that every
# process of a site reads (docs/deployment.md), decides for manage.py and gunicorn alike, so
# a cron job or task worker can never fall back to the development settings on a server.
ENVIRONMENTS = {
    "production": "omshub.config.settings.production",
    "development": "omshub.config.settings.dev",
}


def omshub_env() -> str:
    """OMSHUB_ENV: "production", "development", or "" when it is not set."""
    value = env_str("OMSHUB_ENV").strip().lower()
    if value and value not in ENVIRONMENTS:
        raise ValueError(f"OMSHUB_ENV must be production or development, not {value!r}")
    return value


def default_settings_module(entry_point_default: str) -> str:
    """The settings module when DJANGO_SETTINGS_MODULE is not set: OMSHUB_ENV's, else the entry point's."""
    environment = omshub_env()
    return ENVIRONMENTS[environment] if environment else entry_point_default
