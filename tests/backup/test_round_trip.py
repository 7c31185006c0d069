"""`backup FILE` then `restore FILE` into a fresh database gives the same register: every table
row by row, every API answer, the same logins and tokens; across SQLite and PostgreSQL both ways
(the source is the `app` fixture's backend, the target each backend)."""

from __future__ import annotations

import gzip
import json
import stat
from datetime import UTC, datetime

import pytest

from readiness.extensions import db
from readiness.timeutil import today_in_sweden
from tests.backup.conftest import all_rows, cli, fill_register, payload_digest
from tests.conftest import WebUser
from tests.factories import point_input

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def get_routes(register) -> list[str]:
    """The fixed list of GET routes compared between the source and the restored app."""
    year = today_in_sweden().year
    routes = [
        "/api/v1/points?per_page=100",
        "/api/v1/points?municipality=Krokom&per_page=100",
        "/api/v1/readiness",
        "/api/v1/readiness?municipality=Vilhelmina",
        "/api/v1/criteria",
        "/api/v1/actions?per_page=100",
        "/api/v1/tasks",
        "/api/v1/tasks?municipality=Krokom&within_days=400",
        f"/api/v1/reports/yearly?municipality=Krokom&year={year}",
        f"/api/v1/crisis?event={register.event_id}",
        "/api/v1/confirmations/due",
        "/api/v1/areas",
        "/api/v1/public/points.geojson",
        "/p/?municipality=Krokom",
        "/p/feed.atom",
        f"/p/cap/{register.event_id}.xml",
    ]
    for point_id in register.point_ids:
        base = f"/api/v1/points/{point_id}"
        routes += [base, f"{base}/history", f"{base}/readiness", f"{base}/audits"]
    routes += [f"/api/v1/areas/{area_id}" for area_id in register.area_ids]
    routes += [f"/api/v1/areas/{area_id}/history" for area_id in register.area_ids]
    routes += [f"/api/v1/actions/{action_id}" for action_id in register.action_ids]
    routes += [f"/p/{code}" for code in register.codes]
    return routes


def answers(app, register, routes) -> dict[str, tuple]:
    client = app.test_client()
    headers = {"Authorization": f"Bearer {register.token}"}
    found = {}
    for route in routes + [register.feed_url]:
        response = client.get(route, headers=headers)
        found[route] = (response.status_code, response.content_type, response.get_data())
    return found


@pytest.fixture
def frozen(monkeypatch):
    """The crisis board counts fuel down from "now" and the calendar feed stamps its events
    with it: both apps answer at the same moment."""
    monkeypatch.setattr("readiness.api.crisis.utcnow", lambda: NOW)
    monkeypatch.setattr("readiness.yearwheel.views.utcnow", lambda: NOW)


def test_restore_gives_back_every_row_and_every_answer(app, session, target, tmp_path, frozen):
    register = fill_register(app, session, tmp_path)
    routes = get_routes(register)
    before = answers(app, register, routes)  # (a token's use is recorded: rows read after)
    source_rows = all_rows(app)
    empty = [name for name, rows in source_rows.items() if not rows]
    assert empty == [], f"the test data leave tables empty: {empty}"
    archived_id, archived_code = register.archived
    not_found = [route for route, (status, _, _) in before.items() if status != 200]
    assert not_found and all(
        f"/points/{archived_id}" in route or route == f"/p/{archived_code}" for route in not_found
    ), not_found
    backup = tmp_path / "register.json.gz"

    made = cli(app, "backup", str(backup))
    restored = cli(target, "restore", str(backup))

    assert made.exit_code == 0, made.output
    assert restored.exit_code == 0, restored.output
    total = sum(len(rows) for rows in source_rows.values())
    assert f"{total} rows in {len(source_rows)} tables" in made.output
    assert f"Restored {total} rows in {len(source_rows)} tables" in restored.output
    target_rows = all_rows(target)
    for name, rows in source_rows.items():
        assert target_rows[name] == rows, f"table {name} differs after the restore"
    after = answers(target, register, routes)
    different = [route for route in before if after[route] != before[route]]
    assert different == []


def test_the_restored_register_keeps_logins_and_gives_new_rows_fresh_ids(
    app, session, target, tmp_path
):
    register = fill_register(app, session, tmp_path)
    backup = tmp_path / "register.json.gz"
    assert cli(app, "backup", str(backup)).exit_code == 0
    assert cli(target, "restore", str(backup)).exit_code == 0
    highest = max(register.point_ids)

    client = target.test_client()
    headers = {"Authorization": f"Bearer {register.token}"}
    created = client.post("/api/v1/points", json=point_input(name="Ny punkt"), headers=headers)

    assert created.status_code == 201, created.get_json()
    assert created.get_json()["id"] == highest + 1  # the id sequence goes on after the restore
    assert (
        WebUser(target.test_client()).login("admin@demo.example", register.password).status_code
        == 302
    )
    assert client.get(register.feed_url).content_type.startswith("text/calendar")


def test_the_backup_holds_every_table_of_the_schema_with_its_rows(app, session, tmp_path):
    """Fails when a table of db.metadata is left out of the file (or its rows are)."""
    fill_register(app, session, tmp_path)
    backup = tmp_path / "register.json.gz"
    assert cli(app, "backup", str(backup)).exit_code == 0
    rows = all_rows(app)

    document = json.loads(gzip.decompress(backup.read_bytes()))
    tables = {table["name"]: table for table in document["payload"]["tables"]}

    with app.app_context():
        schema_tables = set(db.metadata.tables)
    assert set(tables) == schema_tables
    assert {name: len(table["rows"]) for name, table in tables.items()} == {
        name: len(table_rows) for name, table_rows in rows.items()
    }
    assert document["payload"]["meta"]["row_counts"] == {n: len(r) for n, r in rows.items()}
    assert document["sha256"] == payload_digest(document)


def test_the_backup_file_states_what_it_is_and_only_its_owner_reads_it(app, session, tmp_path):
    fill_register(app, session, tmp_path)
    backup = tmp_path / "register.json.gz"

    result = cli(app, "backup", str(backup))

    assert result.exit_code == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".register")] == []
    document = json.loads(gzip.decompress(backup.read_bytes()))
    assert document["format"] == "trygghetspunktsregistret-backup"
    assert document["format_version"] == 1
    meta = document["payload"]["meta"]
    assert meta["schema_revision"] == result.output.rsplit("schema revision ", 1)[1].strip(". \n")
    assert meta["app_version"] and datetime.fromisoformat(meta["created_at"]).tzinfo
    users = next(t for t in document["payload"]["tables"] if t["name"] == "user")
    assert "password_hash" in users["columns"]  # the file holds secrets (README says so)
