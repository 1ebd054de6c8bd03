#!/usr/bin/env bash
# OMS Hub restore: a backup made by backup.sh into an EMPTY database and EMPTY folders.
#
#   scripts/restore.sh [--env /etc/omshub/omshub.env] [--database NAME|URL] BACKUP_FOLDER
#
# The database is DATABASE_URL, or --database: a name (the same server, user and password as
# DATABASE_URL) or a whole URL. Create it first (createdb --owner omshub NAME);
# the folders are MEDIA_ROOT and JOURNAL_VIDEO_ROOT as the settings resolve them. It checks the
# manifest first and refuses a database that has tables or a folder that has files, so it never
# mixes a backup with live data. The restored site reads the journal only with the keys named
# in KEYS-NEEDED.txt, from the secret store, in JOURNAL_ENCRYPTION_KEYS.
set -euo pipefail
# Files come back with the modes they were backed up with (tar -p); new folders are readable
# by the web server, as MEDIA_ROOT must be.
umask 022

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
# shellcheck source=scripts/site_folders.sh
. "$ROOT/scripts/site_folders.sh"

usage() { echo "usage: $0 [--env FILE] [--database NAME|URL] BACKUP_FOLDER" >&2; exit 2; }
target=""
while [ $# -gt 0 ]; do
	case $1 in
		--env) [ $# -ge 2 ] || usage; set -a; . "$2"; set +a; shift 2 ;;
		--database) [ $# -ge 2 ] || usage; target=$2; shift 2 ;;
		-h|--help) usage ;;
		-*) usage ;;
		*) break ;;
	esac
done
[ $# -eq 1 ] || usage
backup=$1
if [ -n "$target" ] && [[ $target != *://* ]]; then
	# A database name: DATABASE_URL with that name instead of its own (its options kept).
	[[ $target =~ ^[A-Za-z0-9_]+$ ]] || { echo "A database name has only letters, digits and _." >&2; exit 2; }
	base=${DATABASE_URL:-}
	base=${base%%\?*}
	target="${base%/*}/$target${DATABASE_URL#"$base"}"
fi
target=${target:-${DATABASE_URL:-}}
export DATABASE_URL=$target

for tool in pg_restore psql tar sha256sum; do
	command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install postgresql-client coreutils tar" >&2; exit 1; }
done
case $target in
	postgres://*|postgresql://*) ;;
	*) echo "Name the PostgreSQL database to restore into (DATABASE_URL, or --database NAME)." >&2; exit 1 ;;
esac

echo "Checking the backup's manifest"
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || { echo "The backup does not match its manifest: not restored." >&2; exit 1; }
pg_env "$target"
check_client_version
tables=$(psql -XAtc "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")
[ "$tables" = 0 ] || { echo "The target database has $tables tables: restore only into a new, empty database." >&2; exit 1; }
site_folders
for folder in "$MEDIA_DIR" "$VIDEO_DIR"; do
	if [ -n "$folder" ] && [ -d "$folder" ] && [ -n "$(ls -A "$folder")" ]; then
		echo "$folder is not empty: restore into empty folders (move the old ones aside first)." >&2
		exit 1
	fi
done

echo "Restoring the database"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$PGDATABASE" "$backup/database.dump"
echo "Restoring the media files into $MEDIA_DIR"
mkdir -p "$MEDIA_DIR"
tar -C "$MEDIA_DIR" -xpzf "$backup/media.tar.gz"
if [ -n "$VIDEO_DIR" ]; then
	echo "Restoring the journal videos into $VIDEO_DIR"
	mkdir -p "$VIDEO_DIR"
	tar -C "$VIDEO_DIR" -xpf "$backup/journal-videos.tar"
else
	echo "Journal videos are kept in object storage here: restore the bucket separately."
fi
needed=$(sed -n 4p "$backup/KEYS-NEEDED.txt")
echo "Restored. The journal opens only with these keys in JOURNAL_ENCRYPTION_KEYS:$needed"
for fingerprint in $needed; do
	case " $KEY_FINGERPRINTS " in
		*" $fingerprint "*) ;;
		*) echo "WARNING: the key $fingerprint is not in this site's JOURNAL_ENCRYPTION_KEYS: take it from the secret store, or the journal's text and videos stay shut." >&2 ;;
	esac
done
