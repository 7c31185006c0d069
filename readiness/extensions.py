"""Flask extensions, created unbound and initialised in the app factory."""

import sqlite3
from contextlib import suppress

from flask_babel import Babel
from flask_caching import Cache
from flask_compress import Compress
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    # Stable constraint names so Alembic migrations behave the same on SQLite and PostgreSQL.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
cache = Cache()
compress = Compress()


@event.listens_for(Engine, "connect")
def _sqlite_like_postgres(dbapi_connection, _record) -> None:
    """Make SQLite behave like PostgreSQL where it matters: Unicode lower() (Å, Ä, Ö) and FKs;
    readers never wait for a writer (WAL) and a writer waits its turn instead of failing."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function(
            "lower", 1, lambda s: s.lower() if s is not None else None, deterministic=True
        )
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA busy_timeout = 10000")
        if dbapi_connection.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
            with suppress(sqlite3.OperationalError):  # a read-only file: keep its mode
                dbapi_connection.execute("PRAGMA journal_mode = WAL")


# PostgreSQL: read_only_sql_transaction, disk_full, insufficient_resources, io_error.
_UNWRITABLE_SQLSTATES = {"25006", "53100", "53000", "58030"}
_UNWRITABLE_SQLITE = ("readonly", "read-only", "disk i/o error", "database or disk is full")


def is_unwritable(error: BaseException) -> bool:
    """The database refuses writes for now (read-only file or transaction, full disk, I/O)."""
    original = getattr(error, "orig", error)
    if isinstance(original, sqlite3.OperationalError):
        return any(words in str(original).lower() for words in _UNWRITABLE_SQLITE)
    return getattr(original, "sqlstate", None) in _UNWRITABLE_SQLSTATES


@event.listens_for(Engine, "handle_error")
def _discard_unwritable_connections(context) -> None:
    """A connection that met a read-only or I/O fault stays broken after the fault is gone
    (SQLite keeps a file opened read-only as read-only): have the pool throw it away."""
    if is_unwritable(context.original_exception):
        context.is_disconnect = True
