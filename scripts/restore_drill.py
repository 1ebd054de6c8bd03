"""`make restore-drill`: prove that a backup made by scripts/backup.sh restores, and only with the keys.

On PostgreSQL (DRILL_POSTGRES_URL, by default postgres://postgres@127.0.0.1:5432/postgres) it
migrates a throwaway database, loads the demo foundation (gifts, the demo family's journal) and
a little more journal data (a child, notes, a share link's label, a sealed episode video), runs
scripts/backup.sh, restores with scripts/restore.sh into a second throwaway database and empty
folders, then compares: the rows of every table, the succeeded gifts' total per campaign, every
encrypted journal field decrypted, every video opened. Last it reads the restored copy with
another key and expects nothing to open: the dump alone does not give the journal away.

Prints a table; exits 1 on any mismatch, 0 when it holds. Without pg_dump, pg_restore or psql,
or with no PostgreSQL answering, it says so and exits 0 (skipped), except in CI (CI=true):
there it fails, as `make test` does without PostgreSQL.

Each step runs in a subprocess with production settings and its own environment (as bench/run.py
does); this file re-runs itself with `--inside seed|state` for the steps that need Django.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADMIN_URL = os.environ.get("DRILL_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SOURCE_DB = os.environ.get("DRILL_SOURCE_DB", "omshub_drill_src")
RESTORED_DB = os.environ.get("DRILL_RESTORED_DB", "omshub_drill_restored")
STEP_SECONDS = 240  # the longest one step may take, on a loaded machine
TOOLS = ("pg_dump", "pg_restore", "psql")
SKIPPED = 0
# What the drill adds to the demo: a child whose name, a note and a share link's label are encrypted.
CHILD_NAME = "Lucía Peña (drill)"
NOTE = "Opsoclonus worse after the fever; slept 3 h. Drill note, ñ and é."
LABEL = "Dr. Ana Ruiz, neurología (drill)"
DOCUMENT = b"OMS family leaflet (drill): what to bring to the first visit.\n"
# The first bytes of an MP4 (an ftyp box) and some invented content, 200 KiB: four sealed chunks.
VIDEO = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 800


# --- inside Django (run as a subprocess with the site's environment) ---------------------------


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def inside_seed() -> None:
    """Journal data beyond the demo's, written through the models (so encrypted as the site would)."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents.models import Document

    from omshub.journal import video_files
    from omshub.journal.domains import domain_keys
    from omshub.journal.models import Child, EpisodeVideo, Membership, Observation
    from omshub.journal.models.sharing import ShareLink

    user = get_user_model().objects.create_user(username="drill", email="drill@example.org", password=None)
    # A file in MEDIA_ROOT, as staff uploading a document make one.
    Document.objects.create(title="Drill leaflet", file=ContentFile(DOCUMENT, name="drill-leaflet.txt"))
    child = Child.objects.create(
        name=CHILD_NAME, birth_year=2022, birth_month=3, diagnosed_on=datetime.date(2024, 1, 5), tumour_found="no"
    )
    Membership.objects.create(child=child, user=user, role=Membership.Role.OWNER)
    now = timezone.now()
    observation = Observation.objects.create(
        child=child,
        recorded_by=user,
        observed_at=now,
        scores=dict.fromkeys(domain_keys(), 2),
        notes=NOTE,
        sleep_hours=3,
    )
    ShareLink.objects.create(
        child=child,
        token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
        label=LABEL,
        data_from=now.date() - datetime.timedelta(days=30),
        data_to=now.date(),
        created_by=user,
        expires_at=now + datetime.timedelta(days=7),
    )
    name, size = video_files.store([VIDEO], child.pk, encrypt=True)
    EpisodeVideo.objects.create(
        child=child,
        recorded_by=user,
        filmed_on=now.date(),
        observation=observation,
        format="mp4",
        size=size,
        file=name,
        encrypted=True,
    )


def _digest(items: list[Any]) -> str:
    return hashlib.sha256(json.dumps(sorted(items), ensure_ascii=False).encode()).hexdigest()[:16]


def inside_state() -> dict[str, Any]:
    """What must survive a restore: rows per table, gift totals, the journal's text in clear, the videos."""
    from django.apps import apps
    from django.db import connection
    from django.db.models import Sum

    from omshub.giving.models import Donation
    from omshub.journal import encryption, video_crypto, video_files
    from omshub.journal.models import EpisodeVideo
    from omshub.journal.models.encrypted import EncryptedMixin

    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the catalog
            rows[table] = cursor.fetchone()[0]
    totals = {
        str(row["campaign_id"]): row["total"]
        for row in Donation.objects.filter(status=Donation.Status.SUCCEEDED)
        .values("campaign_id")
        .annotate(total=Sum("amount_cents"))
    }
    fields: dict[str, dict[str, Any]] = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, EncryptedMixin):
                continue
            quote = connection.ops.quote_name
            table, column, key = model._meta.db_table, str(field.column), str(model._meta.pk.column)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote(key)}, {quote(column)} FROM {quote(table)} WHERE {quote(column)} <> ''"  # noqa: S608
                )
                stored = cursor.fetchall()
            opened, failed = [], 0
            for pk, token in stored:
                try:
                    opened.append([pk, encryption.decrypt(token)])
                except encryption.UndecryptableValue:
                    failed += 1
            fields[f"{table}.{column}"] = {"values": len(stored), "undecryptable": failed, "digest": _digest(opened)}
    files = EpisodeVideo.objects.order_by("pk")
    clear, playable = [], 0
    for video in files:
        try:
            data = video_files.read_all(video.file, encrypted=video.encrypted)
        except (video_crypto.SealedFileError, OSError):  # a missing key, an altered file, a missing one
            continue
        playable += video_files.sniff(data[:64]) == video.format
        clear.append([video.pk, hashlib.sha256(data).hexdigest()])
    videos = {"files": len(files), "opened": len(clear), "playable": playable, "digest": _digest(clear)}
    return {"rows": rows, "totals": totals, "fields": fields, "videos": videos}


# --- the drill ----------------------------------------------------------------------------------


def _database_url(name: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _env(var_dir: Path, database: str, key: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OMSHUB_ENV", "MEDIA_ROOT")}
    env.update(
        DJANGO_SETTINGS_MODULE="omshub.config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        JOURNAL_ENCRYPTION_KEYS=key,
        JOURNAL_VIDEO_ENCRYPT="true",
        EMAIL_HOST="localhost",  # required; nothing is sent
        EMAIL_PORT="25",
        EMAIL_USE_TLS="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000",
        TASKS_BACKEND="immediate",
        OMSHUB_VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
        JOURNAL_VIDEO_ROOT=str(var_dir / "private" / "journal-videos"),
        DATABASE_URL=_database_url(database),
        PYTHON=PYTHON,
        LOG_LEVEL="WARNING",
    )
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=STEP_SECONDS, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def _states(*envs: dict[str, str], step: str = "state") -> list[dict[str, Any]]:
    """The state each environment sees, read side by side (one process each)."""
    command = [PYTHON, __file__, "--inside", step]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for env in envs
    ]
    states = []
    for process in processes:
        out, err = process.communicate(timeout=STEP_SECONDS)
        if process.returncode != 0:
            raise RuntimeError(f"reading the state failed:\n{err[-3000:]}")
        states.append(json.loads(out.splitlines()[-1]))
    return states


def _admin(sql: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3) as connection:
        connection.execute(sql)


def _say(started: float, text: str) -> None:
    print(f"  [{time.monotonic() - started:3.0f} s] {text}", flush=True)


def _skip(reason: str) -> int:
    if os.environ.get("CI") == "true":
        print(f"CI: the restore drill must run, but {reason}")
        return 1
    print(f"Restore drill SKIPPED: {reason}")
    return SKIPPED


def _version(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=10).stdout.strip()


def _compare(before: dict[str, Any], after: dict[str, Any], locked: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(what, figures, holds) for each check."""
    checks = []
    rows_a, rows_b = before["rows"], after["rows"]
    differ = [t for t in sorted(set(rows_a) | set(rows_b)) if rows_a.get(t) != rows_b.get(t)]
    checks.append(
        (
            "rows of every table",
            f"{len(rows_a)} tables, {sum(rows_a.values())} rows; differ: {differ or 'none'}",
            not differ,
        )
    )
    same_totals = before["totals"] == after["totals"] and bool(before["totals"])
    total = sum(before["totals"].values())
    checks.append(
        ("succeeded gifts per campaign", f"{len(before['totals'])} campaigns, {total / 100:,.2f} USD", same_totals)
    )
    for name, field in before["fields"].items():
        restored = after["fields"][name]
        holds = field == restored and field["undecryptable"] == 0
        checks.append((f"decrypts: {name}", f"{field['values']} values, digest {restored['digest']}", holds))
    seeded = [
        before["fields"][f] for f in ("journal_child.name", "journal_observation.notes", "journal_sharelink.label")
    ]
    checks.append(
        ("the drill's encrypted values exist", "child name, note, share label", all(f["values"] for f in seeded))
    )
    videos, restored_videos = before["videos"], after["videos"]
    checks.append(
        (
            "episode videos open and play",
            f"{restored_videos['opened']}/{videos['files']} opened, {restored_videos['playable']} recognised as video",
            videos == restored_videos and videos["files"] > 0 and videos["playable"] == videos["files"],
        )
    )
    encrypted = sum(f["values"] for f in locked["fields"].values())
    refused = sum(f["undecryptable"] for f in locked["fields"].values())
    checks.append(
        (
            "without the key: fields stay shut",
            f"{refused}/{encrypted} undecryptable",
            encrypted > 0 and refused == encrypted,
        )
    )
    checks.append(
        (
            "without the key: videos stay shut",
            f"{locked['videos']['opened']}/{locked['videos']['files']} opened",
            locked["videos"]["files"] > 0 and locked["videos"]["opened"] == 0,
        )
    )
    return checks


def _files(folder: Path) -> dict[str, str]:
    """Each file under a folder, by its path there, with its SHA-256."""
    if not folder.is_dir():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _key_absent(backup: Path, key: str) -> bool:
    """The key appears nowhere in the backup: not in the dump's SQL, nor any archive, nor the text files."""
    sql = subprocess.run(
        ["pg_restore", "--file=-", str(backup / "database.dump")], capture_output=True, check=True, timeout=60
    ).stdout
    files = [sql, (backup / "KEYS-NEEDED.txt").read_bytes()]
    for archive in ("media.tar.gz", "journal-videos.tar"):
        files.append(subprocess.run(["tar", "-xOf", str(backup / archive)], capture_output=True, timeout=60).stdout)
    return not any(key.encode() in blob for blob in files)


def _refuses(env: dict[str, str], backup: Path, message: str) -> bool:
    """restore.sh stops, with this message, before writing anything."""
    done = subprocess.run(
        ["bash", "scripts/restore.sh", str(backup)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    return done.returncode != 0 and message in done.stderr


def _altered_copy(backup: Path, into: Path) -> Path:
    """The backup with one byte of its dump changed."""
    shutil.copytree(backup, into)
    dump = into / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    return into


def drill() -> int:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return _skip(f"{', '.join(missing)} not found (apt-get install postgresql-client).")
    try:
        with psycopg.connect(ADMIN_URL, connect_timeout=3) as connection:
            server = connection.execute("show server_version").fetchone()[0]  # type: ignore[index]
            server_major = connection.info.server_version // 10000
    except psycopg.Error as exc:
        return _skip(f"no PostgreSQL answers at {ADMIN_URL} ({exc.__class__.__name__}).")
    client = _version(["pg_dump", "--version"])
    client_major = int(client.split()[2].split(".")[0])
    print(f"Restore drill: {client} against server {server}")
    if client_major < server_major:
        print(f"FAIL: pg_dump {client_major} is older than the server ({server_major}) and cannot dump it.")
        print(f"Install postgresql-client-{server_major} (PGDG packages) and put its bin first on PATH.")
        return 1

    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="omshub-drill-") as tmp:
        folder = Path(tmp)
        source = _env(folder / "source", SOURCE_DB, key)
        restored = _env(folder / "restored", RESTORED_DB, key)
        locked = {**restored, "JOURNAL_ENCRYPTION_KEYS": Fernet.generate_key().decode()}
        for name in (SOURCE_DB, RESTORED_DB):
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _admin(f'CREATE DATABASE "{name}"')
        try:
            _say(started, f"migrating {SOURCE_DB}, loading the demo and the drill's journal data")
            _run(source, PYTHON, "manage.py", "migrate", "--no-input", "-v", "0", "--skip-checks")
            _run(source, PYTHON, "manage.py", "load_demo", "--skip-checks")
            (before,) = _states(source, step="seed")  # then reads the source's state, in the same process
            _say(started, "backing up with scripts/backup.sh")
            _run(source, "bash", "scripts/backup.sh", str(folder / "backups"))
            (backup,) = (folder / "backups").glob("omshub-*")
            _say(started, f"restoring with scripts/restore.sh into {RESTORED_DB} and empty folders")
            _run(restored, "bash", "scripts/restore.sh", "--database", RESTORED_DB, str(backup))
            _say(started, "reading the restored copy with the key, then with another key")
            after, without_key = _states(restored, locked)
            checks = _compare(before, after, without_key)
            checks.append(
                (
                    "restore refuses a used database",
                    "a second restore into the restored one",
                    _refuses(restored, backup, "restore only into a new, empty database"),
                )
            )
            altered = _altered_copy(backup, folder / "altered")
            checks.append(
                (
                    "restore refuses an altered backup",
                    "one byte of the dump changed",
                    _refuses(restored, altered, "does not match its manifest"),
                )
            )
            media = _files(folder / "source" / "media")
            checks.append(
                (
                    "media files identical",
                    f"{len(media)} files",
                    bool(media) and media == _files(folder / "restored" / "media"),
                )
            )
            checks.append(
                ("the backup holds no key", "searched the dump's SQL and every file", _key_absent(backup, key))
            )
        finally:
            for name in (SOURCE_DB, RESTORED_DB):
                _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    width = max(len(what) for what, _, _ in checks)
    for what, figures, holds in checks:
        print(f"  {'ok  ' if holds else 'FAIL'} {what:<{width}}  {figures}")
    failed = [what for what, _, holds in checks if not holds]
    print(
        f"Restore drill {'FAILED: ' + ', '.join(failed) if failed else 'passed'} in {time.monotonic() - started:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--inside"]:
        _setup_django()
        if sys.argv[2] == "seed":
            inside_seed()
        print(json.dumps(inside_state()))
        sys.exit(0)
    sys.exit(drill())
