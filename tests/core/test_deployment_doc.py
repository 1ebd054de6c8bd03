"""docs/deployment.md, followed as written: its environment file passes `check --deploy`, and
every process its systemd units start (gunicorn, task workers, scheduled jobs) runs the
production settings because that file says so, with nothing else choosing them."""

import base64
import re
import secrets
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deployment.md"
ENV_FILE = "/etc/omshub/omshub.env"
PRODUCTION = "omshub.config.settings.production"


def _blocks() -> list[str]:
    """The page's code blocks, those inside list items too."""
    found = re.findall(r"^( *)```[a-z]*\n(.*?)^\1```", DOC.read_text(), flags=re.MULTILINE | re.DOTALL)
    return [textwrap.dedent(block) for _, block in found]


def _block_named(path: str) -> str:
    """The block whose first comment line (after any #!) names that file."""
    (block,) = [b for b in _blocks() if any(line.startswith(f"# {path}") for line in b.splitlines()[:2])]
    return block


def _filled(placeholder: re.Match[str]) -> str:
    """A value for `<…>`: a Fernet key where the page asks for one, else random characters."""
    if "fernet" in placeholder.group(0).lower():
        return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return secrets.token_urlsafe(50)


def documented_environment(tmp_path: Path) -> dict[str, str]:
    """The environment file as systemd reads it, with each `<placeholder>` filled in."""
    environment = {}
    for line in _block_named(ENV_FILE).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, value = line.split("=", 1)
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        environment[name] = re.sub(r"<[^>]*>", _filled, value)
    # The documented folder is the server's; here, a temporary one. Nothing else is changed.
    environment["OMSHUB_VAR_DIR"] = str(tmp_path)
    return environment


def units() -> dict[str, str]:
    """Every systemd service unit the page gives, by file name."""
    found = {}
    for block in _blocks():
        match = re.match(r"# /etc/systemd/system/(\S+\.service)\n", block)
        if match:
            found[match.group(1)] = block
    return found


def _run(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Like systemd: the unit's environment file and hardly anything else (no settings of the suite's).
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(ROOT), **environment}
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)


def test_the_documented_environment_passes_check_deploy_without_a_warning(tmp_path):
    result = _run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], documented_environment(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_the_documented_units_are_the_web_server_the_workers_and_each_job():
    assert set(units()) == {"omshub-web.service", "omshub-worker@.service", "omshub-job@.service"}
    timers = {m for b in _blocks() for m in re.findall(r"^# /etc/systemd/system/omshub-job@(\w+)\.timer$", b, re.M)}
    assert timers == {
        "send_outbox",
        "resume_newsletters",
        "apply_payment_events",
        "reconcile_payments",
        "send_year_end_statements",
        "fundraising_forget_kept_photos",
        "events_release_seats",
        "events_send_reminders",
    }


@pytest.mark.parametrize("name", ["omshub-web.service", "omshub-worker@.service", "omshub-job@.service"])
def test_each_unit_reads_the_environment_file_and_nothing_else_chooses_the_settings(name):
    unit = units()[name]
    assert f"EnvironmentFile={ENV_FILE}" in unit.splitlines()
    assert "DJANGO_SETTINGS_MODULE" not in unit and "--settings" not in unit
    assert "DJANGO_SETTINGS_MODULE" not in _block_named(ENV_FILE)


def _command(name: str) -> list[str]:
    (exec_start,) = [line for line in units()[name].splitlines() if line.startswith("ExecStart=")]
    return shlex.split(exec_start.removeprefix("ExecStart="))


def _settings_of(command: list[str], environment: dict[str, str]) -> str:
    """Which settings the documented command's entry point chooses in that environment."""
    program = Path(command[0]).name
    show = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    if program == "gunicorn":
        app_module = command[1]
        args = [sys.executable, "-c", f"import {app_module}; {show}"]
    else:
        assert program == "python" and command[1] == "manage.py", command
        args = [sys.executable, "manage.py", "shell", "--no-imports", "-c", show]
    result = _run(args, environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("name", ["omshub-web.service", "omshub-worker@.service", "omshub-job@.service"])
def test_each_documented_process_runs_the_production_settings(name, tmp_path):
    assert _settings_of(_command(name), documented_environment(tmp_path)) == f"{PRODUCTION} False"


def test_the_one_off_command_wrapper_reads_the_same_file_with_the_shell(tmp_path):
    """`omshub-manage` sources the file with sh: the documented values must read the same there."""
    environment = documented_environment(tmp_path)
    env_file = tmp_path / "omshub.env"
    lines = [line for line in _block_named(ENV_FILE).splitlines() if line and not line.startswith("#")]
    filled = [f"{name}={environment[name]}" if name != "DEFAULT_FROM_EMAIL" else line
              for line in lines for name in [line.split("=", 1)[0]]]  # fmt: skip
    env_file.write_text("\n".join(filled) + "\n")
    wrapper = _block_named("/usr/local/bin/omshub-manage")
    assert f". {ENV_FILE}" in wrapper and "cd /srv/omshub" in wrapper
    script = tmp_path / "omshub-manage"
    script.write_text(wrapper.replace(ENV_FILE, str(env_file)).replace("cd /srv/omshub", f"cd {ROOT}"))
    show = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEFAULT_FROM_EMAIL)"
    result = _run(["sh", str(script), "shell", "--no-imports", "-c", show], {})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{PRODUCTION} OMS Hub <hello@omshub.example.org>"
