"""The container files (Dockerfile, compose.yaml, deploy/), checked without a container engine:
the image's stages, the services compose starts, and that every app, worker and job service
reads an environment file that runs, and passes `check --deploy` with, the production settings."""

import base64
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "compose.yaml"
ENV_EXAMPLE = ROOT / "deploy" / "omshub.env.example"
ENV_FILE = "deploy/omshub.env"
PRODUCTION = "omshub.config.settings.production"


def _stages() -> list[str]:
    """The Dockerfile's stages, each from its FROM line on, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    stages: list[list[str]] = []
    for line in lines:
        if line.startswith("FROM "):
            stages.append([])
        if stages:
            stages[-1].append(line)
    return ["\n".join(stage) for stage in stages]


def _instructions(stage: str, name: str) -> list[str]:
    return [line.removeprefix(f"{name} ") for line in stage.splitlines() if line.startswith(f"{name} ")]


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return loaded


def _services() -> dict[str, dict[str, Any]]:
    services: dict[str, dict[str, Any]] = _compose()["services"]
    return services


def _site_services() -> dict[str, dict[str, Any]]:
    """The services that run the site's own image: app servers, workers, jobs, migrate."""
    services = _services().items()
    return {name: s for name, s in services if s.get("build") == "." or s.get("image", "").startswith("omshub")}


def _command(service: dict[str, Any]) -> list[str]:
    """What the container runs: the service's command, else the image's CMD."""
    if "command" in service:
        command = service["command"]
        return shlex.split(command) if isinstance(command, str) else list(command)
    (cmd,) = _instructions(_stages()[-1], "CMD")
    parsed: list[str] = yaml.safe_load(cmd)  # a JSON array
    return parsed


def test_the_image_builds_on_python_312_slim_in_two_stages():
    stages = _stages()
    assert len(stages) >= 2
    assert "ARG PYTHON_IMAGE=python:3.12-slim-bookworm" in DOCKERFILE.read_text()
    assert all(stage.startswith("FROM ${PYTHON_IMAGE}") for stage in stages)


def test_the_build_stage_installs_the_pinned_requirements_with_their_hashes():
    build = _stages()[0]
    (install,) = [run for run in _instructions(build, "RUN") if "pip install" in run]
    assert "--require-hashes" in install.split() and "requirements/base.txt" in install
    assert "COPY --from=build /opt/venv /opt/venv" in _stages()[-1]


def test_the_final_stage_runs_gunicorn_as_a_user_who_is_not_root():
    final = _stages()[-1]
    (user,) = _instructions(final, "USER")
    assert user.split(":")[0] not in {"root", "0"}
    command = _command({})
    assert command[:2] == ["gunicorn", "omshub.config.wsgi"]
    assert "--no-control-socket" in command
    # Every RUN comes before USER: only the build steps ran as root.
    lines = final.splitlines()
    user_at = next(i for i, line in enumerate(lines) if line.startswith("USER "))
    assert not any(line.startswith("RUN ") for line in lines[user_at:])


def test_the_final_stage_has_a_healthcheck_on_healthz_without_curl():
    (healthcheck,) = _instructions(_stages()[-1], "HEALTHCHECK")
    assert "/healthz" in healthcheck and "urllib.request" in healthcheck
    assert "curl" not in DOCKERFILE.read_text()
    # /healthz answers only hosts in ALLOWED_HOSTS: the probe sends one.
    assert "ALLOWED_HOSTS" in healthcheck


def test_the_final_stage_installs_the_libraries_weasyprint_needs():
    (line,) = [line for line in (ROOT / "Makefile").read_text().splitlines() if line.startswith("PDF_PACKAGES :=")]
    packages = line.split(":=", 1)[1].split()
    (apt,) = [run for run in _instructions(_stages()[-1], "RUN") if "apt-get install" in run]
    assert set(packages) <= set(apt.split()), packages


def test_static_files_are_collected_into_the_image_with_the_production_settings():
    final = _stages()[-1]
    (collect,) = [run for run in _instructions(final, "RUN") if "collectstatic" in run]
    assert "OMSHUB_ENV=production" in collect
    # Build-only values live in that one command, never in the image's environment.
    for name in ("SECRET_KEY", "JOURNAL_ENCRYPTION_KEYS", "EMAIL_HOST"):
        assert not any(name in env for env in _instructions(final, "ENV")), name


def test_compose_runs_the_database_redis_two_app_servers_caddy_workers_jobs_and_migrate():
    services = _services()
    assert services["db"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["caddy"]["image"].startswith("caddy:2")
    apps = [name for name, s in _site_services().items() if _command(s)[0] == "gunicorn"]
    assert len(apps) == 2, apps
    assert _command(services["migrate"]) == ["python", "manage.py", "migrate", "--no-input"]
    assert "run-jobs.sh" in " ".join(_command(services["jobs"]))


def test_each_task_queue_has_a_worker_of_its_own():
    queues = []
    for service in _site_services().values():
        command = _command(service)
        if command[1:3] == ["manage.py", "db_worker"]:
            queues.append(command[command.index("--queue-name") + 1])
    assert sorted(queues) == sorted(settings.TASK_QUEUES)


def test_the_app_servers_wait_for_migrations_and_caddy_for_healthy_app_servers():
    services = _services()
    apps = [name for name, s in _site_services().items() if _command(s)[0] == "gunicorn"]
    for name in apps:
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "ports" not in services[name], "only Caddy is reachable from outside"
        assert services["caddy"]["depends_on"][name]["condition"] == "service_healthy"
    assert "migrate" not in services["migrate"]["depends_on"]


def test_every_site_service_reads_the_environment_file_and_nothing_else_chooses_the_settings():
    for name, service in _site_services().items():
        env_files = service["env_file"]
        assert (env_files if isinstance(env_files, list) else [env_files]) == [ENV_FILE], name
        assert "DJANGO_SETTINGS_MODULE" not in str(service.get("environment", "")), name
        assert "--settings" not in _command(service), name
    assert "OMSHUB_ENV=production" in ENV_EXAMPLE.read_text().splitlines()


def test_the_volumes_hold_the_database_media_and_the_private_videos_apart():
    services = _services()
    text = DOCKERFILE.read_text()
    media_root = re.search(r"MEDIA_ROOT=(\S+)", text)
    video_root = re.search(r"JOURNAL_VIDEO_ROOT=(\S+)", text)
    assert media_root and video_root
    assert "db:/var/lib/postgresql/data" in services["db"]["volumes"]
    for name, service in _site_services().items():
        assert f"media:{media_root.group(1)}" in service["volumes"], name
        assert f"journal-videos:{video_root.group(1)}" in service["volumes"], name
    # Caddy serves media, read-only, and never sees the journal's videos.
    assert "media:/srv/media:ro" in services["caddy"]["volumes"]
    assert not any("journal-videos" in volume for volume in services["caddy"]["volumes"])
    assert {"db", "media", "journal-videos"} <= set(_compose()["volumes"])


def test_caddy_proxies_to_both_app_servers_with_health_checks_and_no_trusted_proxies():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    apps = [name for name, s in _site_services().items() if _command(s)[0] == "gunicorn"]
    (upstreams,) = re.findall(r"^\s*reverse_proxy (.+) \{$", caddyfile, flags=re.MULTILINE)
    assert sorted(upstreams.split()) == sorted(f"{name}:8000" for name in apps)
    assert re.search(r"^\s*health_uri /healthz$", caddyfile, flags=re.MULTILINE)
    # Caddy then sets X-Forwarded-For to the one address it saw, which TRUSTED_PROXY_COUNT=1 reads.
    code = "\n".join(line for line in caddyfile.splitlines() if not line.strip().startswith("#"))
    assert "trusted_proxies" not in code and "X-Forwarded-For" not in code


def test_the_job_runner_runs_every_job_the_systemd_timers_run():
    doc = (ROOT / "docs" / "deployment.md").read_text()
    timers = set(re.findall(r"^# /etc/systemd/system/omshub-job@(\w+)\.timer$", doc, flags=re.MULTILINE))
    script = (ROOT / "deploy" / "run-jobs.sh").read_text()
    assert timers and {job for job in timers if not re.search(rf"\brun {job}\b", script)} == set()
    assert subprocess.run(["sh", "-n", str(ROOT / "deploy" / "run-jobs.sh")], check=False).returncode == 0


def _example_environment(tmp_path: Path) -> dict[str, str]:
    """deploy/omshub.env.example as compose reads it, each `<placeholder>` filled in."""
    environment = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, value = line.split("=", 1)
        if name == "JOURNAL_ENCRYPTION_KEYS":
            value = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        environment[name] = re.sub(r"<[^>]*>", lambda _: secrets.token_urlsafe(50), value)
    environment["OMSHUB_VAR_DIR"] = str(tmp_path)
    return environment


def test_the_example_names_every_variable_production_requires():
    doc = (ROOT / "docs" / "deployment.md").read_text()
    required = set(re.findall(r"^\| `(\w+)` \| — \(required", doc, flags=re.MULTILINE))
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "JOURNAL_ENCRYPTION_KEYS", "EMAIL_HOST", "WAGTAILADMIN_BASE_URL"} <= required
    names = {line.split("=", 1)[0] for line in ENV_EXAMPLE.read_text().splitlines() if "=" in line and line[0] != "#"}
    assert required | {"OMSHUB_ENV", "DATABASE_URL", "REDIS_URL", "TASKS_BACKEND", "BEHIND_TLS_PROXY"} <= names


def test_the_example_points_at_the_compose_services():
    environment = _example_environment(Path("/unused"))
    assert environment["DATABASE_URL"].split("@", 1)[1].startswith("db:5432/")
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")
    assert environment["TASKS_BACKEND"] == "database" and environment["BEHIND_TLS_PROXY"] == "true"


def _run(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Like a container: the environment file and hardly anything else (no settings of the suite's).
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(ROOT), **environment}
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)


def test_the_filled_example_runs_the_production_settings_and_passes_check_deploy(tmp_path):
    environment = _example_environment(tmp_path)
    result = _run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    show = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    result = _run([sys.executable, "-c", f"import omshub.config.wsgi; {show}"], environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{PRODUCTION} False"


def test_docker_compose_accepts_the_file(tmp_path):
    version = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, check=False)
    if version.returncode != 0:
        pytest.skip("the docker compose plugin is not installed here: compose.yaml is checked by parsing it")
    for name in ("omshub", "postgres"):
        (tmp_path / "deploy").mkdir(exist_ok=True)
        (tmp_path / "deploy" / f"{name}.env").write_text((ROOT / "deploy" / f"{name}.env.example").read_text())
    (tmp_path / "compose.yaml").write_text(COMPOSE.read_text())
    result = subprocess.run(
        ["docker", "compose", "-f", str(tmp_path / "compose.yaml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
