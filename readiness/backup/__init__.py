"""Whole-database backup and restore: one versioned, checksummed, gzip-compressed JSON document.

`document` reads and writes the file, `codec` turns column values into JSON and back,
`services` ties them to a database (the CLI commands `backup` and `restore` call it).
"""

from readiness.backup.document import FORMAT_VERSION, BackupError
from readiness.backup.services import Schema, backup_to_path, restore_from_path

__all__ = ["FORMAT_VERSION", "BackupError", "Schema", "backup_to_path", "restore_from_path"]
