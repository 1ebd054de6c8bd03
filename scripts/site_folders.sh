# Sourced by backup.sh and restore.sh: the site's folders as its settings resolve them.
# Sets MEDIA_DIR and VIDEO_DIR (empty when journal videos are not kept in a local folder,
# e.g. an S3 bucket, which is then backed up on its own) and KEY_FINGERPRINTS (not the keys).
site_folders() {
	local out
	out=$("$PYTHON" "$ROOT/manage.py" shell --no-imports -c '
import hashlib
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
videos = storages["journal_videos"]
print(settings.MEDIA_ROOT)
print(videos.location if isinstance(videos, FileSystemStorage) else "")
print(" ".join(hashlib.sha256(key.encode()).hexdigest()[:16] for key in settings.JOURNAL_ENCRYPTION_KEYS))
') || { echo "Could not read the site's settings (is its environment loaded?)." >&2; return 1; }
	MEDIA_DIR=$(sed -n 1p <<<"$out")
	VIDEO_DIR=$(sed -n 2p <<<"$out")
	KEY_FINGERPRINTS=$(sed -n 3p <<<"$out")
}

# The database URL as libpq's variables (PGHOST, PGUSER, PGPASSWORD...), so that no password
# appears among a process's arguments.
pg_env() {
	local exports
	exports=$("$PYTHON" - "$1" <<'PY'
import shlex
import sys
from urllib.parse import parse_qs, unquote, urlsplit

url = urlsplit(sys.argv[1])
values = {
    "PGHOST": unquote(url.hostname or ""),
    "PGPORT": str(url.port or ""),
    "PGUSER": unquote(url.username or ""),
    "PGPASSWORD": unquote(url.password or ""),
    "PGDATABASE": unquote(url.path.lstrip("/")),
    "PGSSLMODE": parse_qs(url.query).get("sslmode", [""])[0],
}
for name, value in values.items():
    if value:
        print(f"export {name}={shlex.quote(value)}")
PY
) || { echo "Could not read the database URL." >&2; return 1; }
	eval "$exports"
	[ -n "${PGDATABASE:-}" ] || { echo "The database URL names no database." >&2; return 1; }
}

# pg_dump and pg_restore cannot read a dump from a newer server: say so before starting.
# Uses the PG* variables that pg_env set.
check_client_version() {
	local client server
	client=$(pg_dump --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')
	server=$(psql -XAtc 'show server_version_num') || { echo "PostgreSQL does not answer at the database URL." >&2; return 1; }
	server=$((server / 10000))
	if [ "$client" -lt "$server" ]; then
		echo "pg_dump $client is older than the server ($server): install postgresql-client-$server (PGDG packages) and put its bin first on PATH." >&2
		return 1
	fi
}
