#!/usr/bin/env bash
# OMS Hub backup: the PostgreSQL database (pg_dump, custom format), MEDIA_ROOT and the private
# journal-videos folder, into DEST/omshub-<UTC time>/ with a SHA-256 manifest.
#
#   scripts/backup.sh [--env /etc/omshub/omshub.env] [--keep N] DEST
#
# --env reads the site's environment file first (as omshub-manage does); without it the
# environment must already hold DATABASE_URL and the rest. --keep N removes all but the
# newest N backups in DEST once this one is complete.
#
# The journal's keys (JOURNAL_ENCRYPTION_KEYS) are never written to the backup: keep them,
# with the environment file, in a secret store apart from it. Only their fingerprints are
# written (KEYS-NEEDED.txt), to tell which keys a restore needs.
set -euo pipefail
umask 077

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
# shellcheck source=scripts/site_folders.sh
. "$ROOT/scripts/site_folders.sh"

usage() { echo "usage: $0 [--env FILE] [--keep N] DEST" >&2; exit 2; }
keep=""
while [ $# -gt 0 ]; do
	case $1 in
		--env) [ $# -ge 2 ] || usage; set -a; . "$2"; set +a; shift 2 ;;
		--keep) [ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]*$ ]] || usage; keep=$2; shift 2 ;;
		-h|--help) usage ;;
		-*) usage ;;
		*) break ;;
	esac
done
[ $# -eq 1 ] || usage
dest=$1

for tool in pg_dump psql tar sha256sum; do
	command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install postgresql-client coreutils tar" >&2; exit 1; }
done
case ${DATABASE_URL:-} in
	postgres://*|postgresql://*) ;;
	*) echo "DATABASE_URL must name the PostgreSQL database (postgres://...)." >&2; exit 1 ;;
esac
pg_env "$DATABASE_URL"
check_client_version
site_folders

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
work="$dest/.omshub-$stamp.partial"
final="$dest/omshub-$stamp"
[ ! -e "$final" ] || { echo "$final exists already." >&2; exit 1; }
trap 'rm -rf "$work"' EXIT
mkdir "$work"

pg_dump --format=custom --compress=6 --file="$work/database.dump"

# A folder that does not exist yet (nothing uploaded) backs up as an empty archive.
archive() {
	local folder=$1 out=$2
	shift 2
	if [ -n "$folder" ] && [ -d "$folder" ]; then
		tar -C "$folder" "$@" -cf "$out" .
	else
		tar "$@" -cf "$out" --files-from=/dev/null
	fi
}
archive "$MEDIA_DIR" "$work/media.tar.gz" --gzip
# Videos are sealed (or are video): compressing them again gains nothing.
archive "$VIDEO_DIR" "$work/journal-videos.tar"

{
	echo "OMS Hub backup $stamp"
	echo "Encrypted journal fields and sealed videos need JOURNAL_ENCRYPTION_KEYS from the secret store."
	echo "Fingerprints (first 16 hex of SHA-256) of the keys in use when it was made, first one encrypting:"
	echo "  ${KEY_FINGERPRINTS:-none}"
	if [ -z "$VIDEO_DIR" ]; then
		echo "Journal videos are not in a local folder here (object storage): back up the bucket separately."
	fi
} >"$work/KEYS-NEEDED.txt"

(cd "$work" && sha256sum database.dump media.tar.gz journal-videos.tar KEYS-NEEDED.txt >SHA256SUMS)
mv "$work" "$final"
trap - EXIT
echo "Backup written to $final"

if [ -n "$keep" ]; then
	# Names sort by time; only complete backups (no .partial) are counted or removed.
	find "$dest" -maxdepth 1 -type d -name 'omshub-[0-9]*Z' -print | sort | head -n "-$keep" | while read -r old; do
		rm -rf -- "$old"
		echo "Removed the older backup $old"
	done
fi
