"""Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from readiness.extensions import db
from tests.conftest import make_app


def test_migrated_schema_matches_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def _init_db_twice(url: str) -> set[str]:
    app = make_app(url)
    runner = app.test_cli_runner()
    for _ in range(2):  # idempotent: the second run finds nothing to do
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
        assert "Database is up to date." in result.output
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        db.engine.dispose()
    return tables


EXPECTED_TABLES = {
    "point",
    "power",
    "contact",
    "channel",
    "agreement",
    "municipality",
    "area",
    "user",
    "api_token",
    "staff_assignment",
    "point_change",
    "area_contact",
    "area_change",
    "alembic_version",
}


@pytest.fixture
def empty_database(database_url, tmp_path):
    """A brand-new empty database on the backend under test."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    schema = f"migr_{uuid.uuid4().hex[:8]}"
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in database_url else "?"
    try:
        yield f"{database_url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def test_init_db_upgrades_an_empty_database_and_is_idempotent(empty_database):
    assert _init_db_twice(empty_database) >= EXPECTED_TABLES
