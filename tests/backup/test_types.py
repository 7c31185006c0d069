"""Every kind of column value comes back exactly, on and between both backends, and keys that
point within a table or around a cycle are restored too. A probe schema of its own holds the
types the register's schema does not use yet (Decimal, bytes, enums, ...)."""

from __future__ import annotations

import enum
import io
import math
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    Enum,
    Float,
    ForeignKey,
    Integer,
    Interval,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    Time,
    Uuid,
    create_engine,
    func,
    insert,
    null,
    select,
    text,
)

from readiness.backup.codec import RowCodec, UnsupportedType
from readiness.backup.services import Schema, restore_backup, write_backup
from tests.backup.conftest import TARGETS, fresh_database, normalised

SCHEMA = Schema(head="probe", known=frozenset({"probe"}))


class Colour(enum.Enum):
    RED = "röd"
    BLUE = "blå"


metadata = MetaData()
probe = Table(
    "probe",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True)),
    Column("naive", DateTime()),
    Column("day", Date),
    Column("clock", Time),
    Column("span", Interval),
    Column("amount", Numeric(14, 4)),
    Column("ratio", Float),
    Column("precise", Double),
    Column("flag", Boolean),
    Column("doc", JSON),
    Column("doc_required", JSON, nullable=False),
    Column("blob", LargeBinary),
    Column("colour", Enum(Colour)),
    Column("state", Enum("open", "closed", name="probe_state")),
    Column("uid", Uuid),
    Column("body", Text),
    Column("big", BigInteger),
)
node = Table(  # points within itself: a child may come before its parent
    "node",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("parent_id", ForeignKey("node.id")),
    Column("name", String(50)),
)
team = Table(  # team <-> member: a cycle
    "team",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("captain_id", ForeignKey("member.id", use_alter=True)),
)
member = Table(
    "member",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", ForeignKey("team.id")),
)

LONG = ("Ån, ärlig öl – WÅGMÖ 🌲 " * 4000).strip()
ROWS = [
    {
        "id": 1,
        "at": datetime(2026, 3, 29, 1, 59, 59, 999999, tzinfo=UTC),
        "naive": datetime(2026, 10, 25, 2, 30, 0, 1),
        "day": date(1999, 12, 31),
        "clock": time(23, 59, 59, 999999),
        "span": timedelta(days=3, seconds=5, microseconds=7),
        "amount": Decimal("1234567890.1230"),
        "ratio": 0.1,
        "precise": 1 / 3,
        "flag": True,
        "doc": {"ö": [1, 2.5, None, True, "åäö"], "a": {"z": 1, "b": []}},
        "doc_required": [],
        "blob": bytes(range(256)),
        "colour": Colour.BLUE,
        "state": "closed",
        "uid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "body": LONG,
        "big": 2**62,
    },
    {
        "id": 7,
        "at": datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm")),
        "amount": Decimal("-0.0001"),
        "ratio": math.inf,
        "precise": -math.inf,
        "flag": False,
        "doc": None,  # the JSON value null (SQLAlchemy's default for None)
        "doc_required": None,
        "blob": b"",
        "colour": Colour.RED,
        "state": "open",
        "body": "",
        "big": -(2**62),
    },
    {"id": 9, "doc": null(), "doc_required": {"only": "this"}},  # everything else NULL
]


def fill(engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(probe), [{**dict.fromkeys(probe.c.keys()), **r} for r in ROWS])
        connection.execute(
            insert(node),
            [{"id": 1, "name": "löv"}, {"id": 2, "name": "gren"}, {"id": 3, "name": "rot"}],
        )
        for child, parent in ((1, 3), (2, 1)):
            connection.execute(node.update().where(node.c.id == child).values(parent_id=parent))
        connection.execute(insert(team), [{"id": 1, "captain_id": None}])
        connection.execute(insert(member), [{"id": 5, "team_id": 1}])
        connection.execute(team.update().values(captain_id=5))


def make_database(backend: str, tmp_path, name: str):
    engine = create_engine(fresh_database(backend, tmp_path, name))
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        )
        connection.execute(text("INSERT INTO alembic_version VALUES ('probe')"))
    return engine


def contents(engine) -> dict:
    with engine.connect() as connection:
        rows = {
            table.name: [
                tuple(normalised(v) for v in row)
                for row in connection.execute(select(table).order_by(table.c.id))
            ]
            for table in metadata.sorted_tables
        }
        # SQL NULL and JSON null are told apart (both read as None).
        rows["sql nulls"] = connection.scalar(
            select(func.count()).select_from(probe).where(probe.c.doc.is_(None))
        )
        return rows


@pytest.mark.parametrize("source_backend", TARGETS)
@pytest.mark.parametrize("target_backend", TARGETS)
def test_every_type_and_every_key_comes_back_exactly(tmp_path, source_backend, target_backend):
    source = make_database(source_backend, tmp_path, "probe")
    target = make_database(target_backend, tmp_path, "target")
    fill(source)
    file = io.BytesIO()

    write_backup(source, file, metadata=metadata, schema=SCHEMA, version="test")
    file.seek(0)
    summary = restore_backup(target, file, metadata=metadata, schema=SCHEMA)

    assert summary.rows == {"probe": 3, "node": 3, "team": 1, "member": 1}
    restored = contents(target)
    assert restored == contents(source)
    assert restored["sql nulls"] == 1
    first = restored["probe"][0]
    assert first[6] == Decimal("1234567890.1230") and first[13] == Colour.BLUE
    if source_backend == "postgresql":  # SQLite keeps the wall time given, 12:00 (read as UTC)
        assert restored["probe"][1][1] == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    with target.begin() as connection:  # the id sequences go on after the restored ids
        assert connection.execute(insert(node).values(name="ny")).inserted_primary_key[0] == 4
        assert (
            connection.execute(insert(probe).values(doc_required=[])).inserted_primary_key[0] == 10
        )
    source.dispose()
    target.dispose()


def test_numbers_json_cannot_hold_are_kept_as_text():
    codec = RowCodec([Column("x", Float), Column("y", Numeric(10, 2))])
    encoded = codec.encode((math.nan, Decimal("1.50")))
    assert encoded == ["nan", "1.50"]
    back = codec.decode(encoded)
    assert math.isnan(back["x"]) and back["y"] == Decimal("1.50")


def test_an_unknown_column_type_is_refused_by_name():
    from sqlalchemy.types import TypeDecorator

    class Shouting(TypeDecorator):
        impl = String
        cache_ok = True

    table = Table("odd", MetaData(), Column("id", Integer, primary_key=True), Column("x", Shouting))
    with pytest.raises(UnsupportedType, match="odd.x"):
        RowCodec(list(table.columns))
