#!/usr/bin/env bash
# OMS Hub restore: a backup made by backup.sh into an EMPTY database and EMPTY folders.
#
#   scripts/restore.sh [--env /etc/omshub/omshub.env] [--database URL] BACKUP_FOLDER
#
# The database is DATABASE_URL (or --database): create it first (createdb --owner omshub NAME);
# the folders are MEDIA_ROOT and JOURNAL_VIDEO_ROOT as the settings resolve them. It checks the
# manifest first and refuses a database that has tables or a folder that has files, so it never
# mixes a backup with live data. The restored site reads the journal only with the keys named
# in KEYS-NEEDED.txt, from the secret store, in JOURNAL_ENCRYPTION_KEYS.
set -euo pipefail
umask 027

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
# shellcheck source=scripts/site_folders.sh
. "$ROOT/scripts/site_folders.sh"

usage() { echo "usage: $0 [--env FILE] [--database URL] BACKUP_FOLDER" >&2; exit 2; }
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
target=${target:-${DATABASE_URL:-}}
export DATABASE_URL=$target

for tool in pg_restore psql tar sha256sum; do
	command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install postgresql-client coreutils tar" >&2; exit 1; }
done
case $target in
	postgres://*|postgresql://*) ;;
	*) echo "Name the PostgreSQL database to restore into (--database postgres://...)." >&2; exit 1 ;;
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
tar -C "$MEDIA_DIR" -xzf "$backup/media.tar.gz"
if [ -n "$VIDEO_DIR" ]; then
	echo "Restoring the journal videos into $VIDEO_DIR"
	mkdir -p "$VIDEO_DIR"
	tar -C "$VIDEO_DIR" -xf "$backup/journal-videos.tar"
else
	echo "Journal videos are kept in object storage here: restore the bucket separately."
fi
echo "Restored. The journal opens only with these keys in JOURNAL_ENCRYPTION_KEYS:"
sed -n 4p "$backup/KEYS-NEEDED.txt"
