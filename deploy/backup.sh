#!/bin/sh
# A backup with rotation: `flask --app wsgi backup FILE` into BACKUP_DIR, then only the newest
# BACKUP_KEEP files named backup-*.json.gz are kept. Run by trygghetspunkt-backup.service; by
# hand: BACKUP_DIR=/some/folder deploy/backup.sh (in the app's folder, with its environment).
# A failed backup exits non-zero and deletes nothing (backup writes through a temporary file).
set -eu

dir="${BACKUP_DIR:?BACKUP_DIR must name the folder for the backups}"
keep="${BACKUP_KEEP:-14}"
flask="${FLASK:-.venv/bin/flask}"
case "$keep" in
  '' | *[!0-9]* | 0) echo "BACKUP_KEEP must be a whole number from 1, not '$keep'" >&2; exit 2 ;;
esac

"$flask" --app wsgi backup "$dir/backup-$(date -u +%Y%m%dT%H%M%SZ).json.gz"

# The names sort by time: delete from the oldest until BACKUP_KEEP are left.
set -- "$dir"/backup-*.json.gz
while [ "$#" -gt "$keep" ]; do
  rm -f -- "$1"
  echo "Removed the old backup $1"
  shift
done
