"""Backup and restore: a filled source register (the `app` fixture's database, SQLite or
PostgreSQL), fresh migrated target databases on either backend, and helpers that read whole
tables and rewrite backup files."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, make_url, select, text

from readiness.auth.services import create_token
from readiness.criteria.services import record_readiness
from readiness.demo import load_demo
from readiness.extensions import db
from readiness.jobs.models import Job
from readiness.timeutil import today_in_sweden
from readiness.yearwheel.services import add_own_task, record_task_done
from tests.conftest import make_app, reset_postgres_schema, worker_postgres_url
from tests.factories import (
    TEST_PASSWORD_HASH_METHOD,
    ApiClient,
    make_user,
    maximal_point_input,
)

TARGETS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def cli(app, *args: str):
    """Run a CLI command on `app`. Its own context: the `session` fixture keeps the source
    app's twin current, and a command runs in whatever app context is current."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def own_postgres_database(suffix: str) -> str:
    """`<this worker's test database><suffix>` on the same server, created when missing."""
    url = make_url(worker_postgres_url(os.environ["TEST_DATABASE_URL"]))
    own = url.set(database=f"{url.database}{suffix}")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            found = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own.database}
            )
            if not found:
                connection.execute(text(f'CREATE DATABASE "{own.database}"'))
    finally:
        engine.dispose()
    return own.render_as_string(hide_password=False)


def fresh_database(backend: str, tmp_path, name: str = "target") -> str:
    """An empty database of `backend` with no schema yet."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
    url = own_postgres_database(f"_{name}")
    reset_postgres_schema(url)
    return url


@pytest.fixture(params=TARGETS)
def target(request, tmp_path):
    """A Flask app on a fresh, empty database of each backend, its schema made by init-db."""
    app = make_app(fresh_database(request.param, tmp_path))
    result = cli(app, "init-db")
    assert result.exit_code == 0, result.output
    yield app
    with app.app_context():
        db.engine.dispose()


def normalised(value):
    """Values as the app reads them on either backend: SQLite's naive datetimes are UTC."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


def all_rows(app) -> dict[str, list[tuple]]:
    """Every row of every table in the app's metadata, in primary-key order."""
    with app.app_context(), db.engine.connect() as connection:
        return {
            table.name: [
                tuple(normalised(value) for value in row)
                for row in connection.execute(
                    select(table).order_by(*(table.primary_key.columns or table.columns))
                )
            ]
            for table in db.metadata.sorted_tables
        }


def rewrite(path, change, *, fix_checksum: bool = True) -> None:
    """Let `change(document)` edit a backup file; restate its checksum unless told not to."""
    document = json.loads(gzip.decompress(path.read_bytes()))
    change(document)
    if fix_checksum:
        document["sha256"] = payload_digest(document)
    path.write_bytes(gzip.compress(json.dumps(document, ensure_ascii=False).encode()))


def payload_digest(document: dict) -> str:
    """The checksum as the format defines it, computed the simple way (whole payload)."""
    payload = json.dumps(
        document["payload"], ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class Register:
    """What the tests need to find the source's data again after a restore."""

    token: str  # the demo admin's API token: only its hash is in the backup
    password: str  # the demo accounts' password: its hash is in the backup
    feed_url: str
    event_id: int
    point_ids: list[int]
    area_ids: list[int]
    action_ids: list[int]
    codes: list[str] = field(default_factory=list)
    archived: tuple[int, str] = (0, "")  # its id and code: gone (404) from the API and pages


def fill_register(app, session, tmp_path) -> Register:
    """The demo data plus, through the API and services, rows in every other table: crisis
    events, activations, log and fuel readings, actions and their status history, audits with
    checklists, own and done årshjul tasks, a calendar feed, an archived point, and long text
    with å, ä, ö."""
    lines = load_demo(session, tmp_path, hash_method=TEST_PASSWORD_HASH_METHOD)
    record_readiness(session, today_in_sweden(), {})
    session.commit()
    password = lines[0].split("password for all three: ")[1].rstrip(")")
    admin = ApiClient(app.test_client(), session, make_user(session, "admin"))
    longest = admin.post("/api/v1/points", maximal_point_input(name="Långa bygdegården Åäö"))
    assert longest.status_code == 201, longest.get_json()
    points = admin.get("/api/v1/points?per_page=100").get_json()["items"]
    krokom = [p for p in points if p["municipality"] == "Krokom"]
    first, second = krokom[0], krokom[1]

    activated = admin.post(
        "/api/v1/crisis/activate",
        {
            "codes": [first["code"], second["code"]],
            "state": "open",
            "message": "Öppet dygnet runt – värme, vatten och laddning. " * 5,
            "event": "Storm Dagmar, december",
            "exercise": False,
        },
    )
    assert activated.status_code == 200, activated.get_json()
    event_id = activated.get_json()["event"]["id"]
    drill = admin.post(
        "/api/v1/crisis/activate",
        {"codes": [krokom[2]["code"]], "state": "open", "event": "Övning Åsarna", "exercise": True},
    ).get_json()["event"]["id"]
    assert admin.post(f"/api/v1/crisis/events/{drill}/end").status_code == 200
    log = admin.post(
        f"/api/v1/points/{first['id']}/crisis-log",
        {"text": "Värmen på, 12 personer.", "people": 12},
    )
    assert log.status_code == 201, log.get_json()
    fuel = admin.post(f"/api/v1/points/{first['id']}/fuel-readings", {"litres": 312.5})
    assert fuel.status_code == 201, fuel.get_json()

    action = admin.post(
        "/api/v1/actions",
        {
            "title": "Provkör elverket under last",
            "point_id": first["id"],
            "criterion": "POWER-TEST-RUN",
            "responsible": "Åsa Öberg, Handlar'n",
            "deadline": today_in_sweden().replace(month=12, day=31).isoformat(),
            "financing": {"source": "Beredskapsanslag", "amount_sek": 12500, "approved": True},
            "status": "planned",
        },
    )
    assert action.status_code == 201, action.get_json()
    body = action.get_json()
    moved = admin.patch(
        f"/api/v1/actions/{body['id']}", {"status": "in_progress", "version": body["version"]}
    )
    assert moved.status_code == 200, moved.get_json()

    audit = admin.post(
        f"/api/v1/points/{second['id']}/audits",
        {
            "date": today_in_sweden().isoformat(),
            "auditor": "Karin Lund",
            "notes": "Elverket provkört.",
            "checklist": [{"criterion": "POWER-TEST-RUN", "observed": "gap", "comment": "Äldre"}],
            "findings": "Tanken halvfull.",
        },
    )
    assert audit.status_code == 201, audit.get_json()
    own = add_own_task(session, "Krokom", "Övning med hemvärnet", 12, today_in_sweden())
    record_task_done(session, "Krokom", "serviceforum", today_in_sweden(), "admin@demo.example")
    # A job as the queue leaves it when it fails (a row only: nothing runs in the test).
    session.add(
        Job(
            kind="notices",
            params={"municipality": "Krokom", "lang": "sv"},
            state="failed",
            error="Det finns inga punkter att skriva ut.",
            created_by_id=admin.user.id,
            finished_at=datetime(2026, 11, 30, 12, 0, 0, 123456, tzinfo=UTC),
        )
    )
    session.commit()
    assert own.id
    feed = admin.post("/api/v1/me/calendar-feed")
    assert feed.status_code == 201
    archived = admin.delete(f"/api/v1/points/{krokom[-1]['id']}")
    assert archived.status_code == 204

    areas = admin.get("/api/v1/areas").get_json()
    area_items = areas["items"] if isinstance(areas, dict) else areas
    with app.app_context():
        token = create_token(db.session, "admin@demo.example", "backup test")
        db.session.commit()
    return Register(
        token=token,
        password=password,
        feed_url=feed.get_json()["url"],
        event_id=event_id,
        point_ids=[p["id"] for p in points],
        area_ids=[a["id"] for a in area_items],
        action_ids=[body["id"]],
        codes=[p["code"] for p in points],
        archived=(krokom[-1]["id"], krokom[-1]["code"]),
    )
