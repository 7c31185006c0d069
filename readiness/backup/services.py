"""Back up every table of the schema into one file, and restore such a file into an empty
database in one transaction. Tables come from the SQLAlchemy metadata, never from a list here,
so a table a later issue adds is backed up without touching this module."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata as package_metadata
from pathlib import Path
from typing import BinaryIO

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, Table, func, inspect, select, text, update
from sqlalchemy import table as bare_table
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.schema import sort_tables_and_constraints

from readiness.backup.codec import RowCodec, UnsupportedType
from readiness.backup.document import BackupError, DocumentWriter, read_document

_BATCH = 1000
_ALEMBIC_TABLE = "alembic_version"


@dataclass(frozen=True)
class Schema:
    """The schema this code runs against: its Alembic head and every revision it knows."""

    head: str
    known: frozenset[str]

    @classmethod
    def from_migrations(cls, directory: str) -> Schema:
        scripts = ScriptDirectory(directory)
        return cls(
            head=scripts.get_current_head(),
            known=frozenset(s.revision for s in scripts.walk_revisions()),
        )


@dataclass
class Summary:
    meta: dict
    rows: dict[str, int] = field(default_factory=dict)
    size: int = 0  # bytes of the file

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def app_version() -> str:
    try:
        return package_metadata.version("readiness")
    except package_metadata.PackageNotFoundError:
        return "unknown"


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _tables(metadata: MetaData) -> list[Table]:
    """Every table, each after the tables its foreign keys point to (cycles: see _deferred)."""
    return [
        table
        for table, _ in sort_tables_and_constraints(metadata.tables.values())
        if table is not None
    ]


def _deferred(metadata: MetaData) -> dict[str, list[str]]:
    """Nullable foreign-key columns that cannot be filled on insert: a key to the same table
    (a row may point to a later one) or one that closes a cycle between tables. They are
    inserted as NULL and set once every row is in."""
    cyclic = next(
        (
            fks
            for table, fks in sort_tables_and_constraints(metadata.tables.values())
            if table is None
        ),
        [],
    )
    found: dict[str, list[str]] = {}
    for table in metadata.tables.values():
        for constraint in table.foreign_key_constraints:
            if constraint in cyclic or constraint.referred_table is table:
                found.setdefault(table.name, []).extend(
                    column.key for column in constraint.columns if column.nullable
                )
    return found


def _order_by(table: Table) -> list:
    return list(table.primary_key.columns) or list(table.columns)


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only connection that sees one moment of the database across all its reads."""
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with engine.connect().execution_options(**options) as connection, connection.begin():
            yield connection
        return
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # The driver opens no transaction for reads: without one each SELECT sees its own
            # moment. A deferred BEGIN holds one snapshot (WAL) from the first read on.
            connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            connection.rollback()


def write_backup(
    engine: Engine, out: BinaryIO, *, metadata: MetaData, schema: Schema, version: str
) -> Summary:
    """Write every table of `metadata` into `out` (a binary file object) as one document."""
    tables = _tables(metadata)
    try:
        codecs = {table.name: RowCodec(list(table.columns)) for table in tables}
    except UnsupportedType as error:
        raise BackupError(
            f"Cannot back up column {error}: the backup does not know its type."
        ) from None
    with _snapshot(engine) as connection:
        revision = _revision(connection)
        if revision != schema.head:
            raise BackupError(
                f"The database is at schema revision {revision or 'none'}, but this version of "
                f"the register expects {schema.head}: run `flask --app wsgi init-db` first."
            )
        counts = {
            table.name: connection.scalar(select(func.count()).select_from(table))
            for table in tables
        }
        now = datetime.now(UTC)
        meta = {
            "created_at": now.isoformat(),
            "app_version": version,
            "schema_revision": revision,
            "database": engine.dialect.name,
            "row_counts": counts,
        }
        summary = Summary(meta=meta)
        writer = DocumentWriter(out, meta, mtime=int(now.timestamp()))
        for table in tables:
            codec = codecs[table.name]
            writer.begin_table(table.name, [column.name for column in table.columns])
            rows = connection.execution_options(yield_per=_BATCH).execute(
                select(*codec.selectables()).order_by(*_order_by(table))
            )
            written = 0
            for row in rows:
                writer.row(codec.encode(row))
                written += 1
            writer.end_table()
            if written != counts[table.name]:  # a snapshot should make this impossible
                raise BackupError(f"Table {table.name} changed during the backup: try again.")
            summary.rows[table.name] = written
        meta["sha256"] = writer.finish()
    return summary


def backup_to_path(
    engine: Engine, path: Path, *, metadata: MetaData, schema: Schema, version: str | None = None
) -> Summary:
    """Write the backup to `path` atomically: a temporary file beside it (mode 0600: it holds
    password hashes), renamed over `path` only once complete and on disk."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} is a folder; give the backup file's name.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            summary = write_backup(
                engine, out, metadata=metadata, schema=schema, version=version or app_version()
            )
            out.flush()
            os.fsync(out.fileno())
            summary.size = out.tell()
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return summary


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# Restore.


def _check_tables(metadata: MetaData, name: str, columns: list, seen: set[str]) -> None:
    table = metadata.tables.get(name)
    if table is None:
        raise BackupError(f"The backup has a table {name!r} that this schema does not have.")
    if name in seen:
        raise BackupError(f"The backup has table {name!r} twice.")
    expected = {column.name for column in table.columns}
    if len(columns) != len(set(columns)) or set(columns) != expected:
        raise BackupError(
            f"The backup's table {name!r} has columns {sorted(map(str, columns))}; this schema "
            f"has {sorted(expected)}."
        )


def verify_backup(source: BinaryIO, metadata: MetaData) -> dict:
    """Read the whole file once: format, version, structure, checksum, row counts, and tables
    and columns against `metadata`. Returns the file's meta."""
    meta: dict = {}
    counts: dict[str, int] = {}
    current = None
    width = 0
    for kind, item in read_document(source):
        if kind == "meta":
            meta = item
        elif kind == "table":
            current, columns = item
            _check_tables(metadata, current, columns, set(counts))
            counts[current], width = 0, len(columns)
        else:
            if not isinstance(item, list) or len(item) != width:
                raise BackupError(f"A row of table {current!r} does not have {width} values.")
            counts[current] += 1
    missing = sorted(set(metadata.tables) - set(counts))
    if missing:
        raise BackupError(f"The backup lacks table(s) {', '.join(missing)} of this schema.")
    if meta.get("row_counts") != counts:
        raise BackupError("The backup's row counts do not match its rows: the file is damaged.")
    return meta


def _check_revision(meta: dict, schema: Schema) -> None:
    revision = meta.get("schema_revision")
    if revision == schema.head:
        return
    made_by = meta.get("app_version", "unknown")
    if revision in schema.known:
        raise BackupError(
            f"The backup is of schema revision {revision}; this version of the register needs "
            f"{schema.head}. Restore it with the register version that made it ({made_by}): "
            "init-db and restore there, then install this version and run init-db to upgrade "
            "the data (and back up again)."
        )
    raise BackupError(
        f"The backup is of schema revision {revision}, which this version of the register "
        f"does not know (it needs {schema.head}): it comes from a newer version ({made_by}). "
        "Upgrade this installation to that version or later, run init-db, then restore."
    )


def _check_target(connection: Connection, schema: Schema) -> None:
    revision = _revision(connection)
    if revision != schema.head:
        raise BackupError(
            f"The target database is at schema revision {revision or 'none (no schema)'}, not "
            f"{schema.head}: run `flask --app wsgi init-db` on it first, then restore."
        )
    filled = [
        name
        for name in sorted(inspect(connection).get_table_names())
        if name != _ALEMBIC_TABLE
        and connection.execute(select(text("1")).select_from(bare_table(name)).limit(1)).first()
    ]
    if filled:
        raise BackupError(
            f"The target database is not empty: {len(filled)} table(s) have rows "
            f"({', '.join(filled[:8])}{', …' if len(filled) > 8 else ''}). Restore only goes "
            "into an empty database: create a new one, run init-db on it, then restore."
        )


def _begin_exclusive(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # Take the write lock now, so nobody writes between the emptiness check and the rows.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """PostgreSQL: each id sequence continues after the largest id restored."""
    if connection.dialect.name != "postgresql":
        return  # SQLite takes max(rowid) + 1 by itself
    quote = connection.dialect.identifier_preparer
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": quote.format_table(table), "column": column.name},
        )
        if sequence:
            highest = connection.scalar(select(func.max(column))) or 0
            connection.execute(
                text("SELECT setval(CAST(:sequence AS regclass), :next, false)"),
                {"sequence": sequence, "next": highest + 1},
            )


def _insert_rows(connection: Connection, source: BinaryIO, metadata: MetaData) -> dict[str, int]:
    deferred = _deferred(metadata)
    later: list[tuple[Table, dict, dict]] = []  # (table, primary key, deferred values)
    counts: dict[str, int] = {}
    table = decode = None
    batch: list[dict] = []

    def flush() -> None:
        if batch:
            connection.execute(table.insert(), batch)
            batch.clear()

    for kind, item in read_document(source):
        if kind == "table":
            flush()
            name, columns = item
            table = metadata.tables[name]
            by_name = {column.name: column for column in table.columns}
            decode = RowCodec([by_name[column] for column in columns]).decode
            postpone = deferred.get(name, [])
            counts[name] = 0
        elif kind == "row":
            try:
                params = decode(item)
            except ValueError as error:
                raise BackupError(
                    f"Table {table.name}, row {counts[table.name] + 1}: {error}."
                ) from None
            if postpone:
                values = {key: params[key] for key in postpone if params[key] is not None}
                if values:
                    primary = {column.key: params[column.key] for column in table.primary_key}
                    later.append((table, primary, values))
                    params.update(dict.fromkeys(values))
            batch.append(params)
            counts[table.name] += 1
            if len(batch) >= _BATCH:
                flush()
    flush()
    for target, primary, values in later:
        condition = [target.columns[key] == value for key, value in primary.items()]
        connection.execute(update(target).where(*condition).values(values))
    return counts


def restore_backup(
    engine: Engine, source: BinaryIO, *, metadata: MetaData, schema: Schema
) -> Summary:
    """Restore `source` (a seekable binary file object) into the empty database of `engine`:
    everything or, on any problem, nothing. Reads the file twice: first to check it whole,
    then to insert."""
    with engine.connect() as connection:  # say so at once, before reading a large file
        _check_target(connection, schema)
    meta = verify_backup(source, metadata)
    _check_revision(meta, schema)
    source.seek(0)
    summary = Summary(meta=meta)
    try:
        with engine.begin() as connection:
            _begin_exclusive(connection)
            _check_target(connection, schema)  # again, now that nobody else can write
            summary.rows = _insert_rows(connection, source, metadata)
            _reset_sequences(connection, _tables(metadata))
    except SQLAlchemyError as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise BackupError(f"The database refused the data: {detail}.") from None
    return summary


def restore_from_path(engine: Engine, path: Path, *, metadata: MetaData, schema: Schema) -> Summary:
    path = Path(path)
    try:
        source = path.open("rb")
    except FileNotFoundError:
        raise BackupError(f"No such file: {path}.") from None
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror}.") from None
    with source:
        summary = restore_backup(engine, source, metadata=metadata, schema=schema)
        summary.size = path.stat().st_size
    return summary
