"""What `restore` refuses, with exit 1, a message that names the problem, and the target left
exactly as it was; and a `backup` that fails leaves no file behind."""

from __future__ import annotations

import gzip

import pytest

from readiness.backup import services
from readiness.extensions import db
from readiness.points.models import Point
from tests.backup.conftest import all_rows, cli, fresh_database, rewrite
from tests.conftest import make_app
from tests.factories import make_point, make_user


@pytest.fixture
def backup(app, session, tmp_path):
    """A backup of a small register: two accounts, two points."""
    make_user(session, "admin", email="anna@test.example")
    make_user(session, "staff", points=[make_point(session, name="Föllinge skola")])
    make_point(session, name="Hotagens byahus", area="Hotagen")
    path = tmp_path / "small.json.gz"
    result = cli(app, "backup", str(path))
    assert result.exit_code == 0, result.output
    return path


def refused(target, path, *words: str) -> str:
    """Restore `path` into `target`: it must fail, say `words`, and change nothing."""
    before = all_rows(target)
    result = cli(target, "restore", str(path))
    assert result.exit_code == 1, result.output
    for word in words:
        assert word in result.output
    assert "Nothing was changed." in result.output
    assert all_rows(target) == before
    return result.output


def test_a_truncated_file_is_refused(target, backup):
    backup.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    refused(target, backup, "damaged or truncated")
    assert not any(all_rows(target).values())  # empty stays empty


def test_a_flipped_byte_is_refused(target, backup):
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    backup.write_bytes(bytes(data))
    refused(target, backup, "damaged")
    assert not any(all_rows(target).values())


def test_edited_content_fails_the_checksum(target, backup):
    def change(document):
        users = next(t for t in document["payload"]["tables"] if t["name"] == "user")
        users["rows"][0][1] = "mallory@evil.example"

    rewrite(backup, change, fix_checksum=False)
    refused(target, backup, "checksum does not match")


def test_an_unknown_format_version_is_refused(target, backup):
    rewrite(backup, lambda document: document.update(format_version=2))
    refused(target, backup, "format version 2", "reads format version 1")


def test_a_backup_of_an_older_schema_says_which_revision_and_how_to_proceed(target, backup):
    def older(document):
        document["payload"]["meta"]["schema_revision"] = "0006"

    rewrite(backup, older)
    output = refused(target, backup, "schema revision 0006", "init-db")
    assert services.Schema.from_migrations("migrations").head in output


def test_a_backup_from_a_newer_schema_asks_for_an_upgrade(target, backup):
    rewrite(backup, lambda document: document["payload"]["meta"].update(schema_revision="9999"))
    refused(target, backup, "schema revision 9999", "newer version", "Upgrade")


def test_a_backup_lacking_a_table_of_the_schema_is_refused(target, backup):
    def drop_audits(document):
        payload = document["payload"]
        payload["tables"] = [t for t in payload["tables"] if t["name"] != "audit"]
        del payload["meta"]["row_counts"]["audit"]

    rewrite(backup, drop_audits)
    refused(target, backup, "lacks table(s) audit")


def test_a_target_with_any_row_is_refused_and_keeps_its_rows(target, backup):
    with target.app_context():
        make_user(db.session, "staff", email="already@here.example")
    output = refused(target, backup, "not empty", "user")
    assert "already@here.example" in str(all_rows(target)["user"])
    assert "create a new one, run init-db" in output


def test_restoring_into_the_source_itself_is_refused(app, backup):
    refused(app, backup, "not empty")


def test_a_target_without_schema_is_told_to_run_init_db(backup, tmp_path):
    bare = make_app(fresh_database("sqlite", tmp_path, "bare"))
    result = cli(bare, "restore", str(backup))
    assert result.exit_code == 1
    assert "run `flask --app wsgi init-db` on it first" in result.output
    with bare.app_context():
        db.engine.dispose()


def test_rows_the_database_refuses_undo_the_whole_restore(target, backup):
    def same_email_twice(document):
        users = next(t for t in document["payload"]["tables"] if t["name"] == "user")
        users["rows"][1][1] = users["rows"][0][1]

    rewrite(backup, same_email_twice)
    refused(target, backup, "The database refused the data")
    assert not any(all_rows(target).values())  # the points and municipalities went in first


def test_a_file_that_is_not_a_backup_is_refused(target, tmp_path):
    plain = tmp_path / "notes.json.gz"
    plain.write_text('{"hello": "världen"}', encoding="utf-8")
    refused(target, plain, "not a backup")
    other = tmp_path / "other.json.gz"
    other.write_bytes(gzip.compress(b'{"hello": "v\xc3\xa4rlden"}'))
    refused(target, other, "not a backup")


def test_a_missing_file_is_named(target, tmp_path):
    refused(target, tmp_path / "nowhere.json.gz", "No such file", "nowhere.json.gz")


def test_a_failed_backup_leaves_the_previous_file_and_no_partial_one(
    app, session, tmp_path, monkeypatch
):
    make_point(session)
    path = tmp_path / "nightly.json.gz"
    path.write_bytes(b"yesterday's backup")

    def broken(self, values):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services.DocumentWriter, "row", broken)
    with app.app_context(), pytest.raises(OSError):
        services.backup_to_path(
            db.engine,
            path,
            metadata=db.metadata,
            schema=services.Schema.from_migrations("migrations"),
        )

    assert path.read_bytes() == b"yesterday's backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nightly.json.gz"]


def test_backup_into_a_missing_folder_fails_with_exit_1(app, tmp_path):
    result = cli(app, "backup", str(tmp_path / "no" / "such" / "folder.json.gz"))
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_backup_of_a_database_without_schema_asks_for_init_db(tmp_path):
    bare = make_app(fresh_database("sqlite", tmp_path, "bare"))
    result = cli(bare, "backup", str(tmp_path / "bare.json.gz"))
    assert result.exit_code == 1
    assert "init-db" in result.output
    assert not (tmp_path / "bare.json.gz").exists()
    with bare.app_context():
        db.engine.dispose()


def test_a_new_point_after_restore_on_any_backend_gets_the_next_id(app, session, target, backup):
    assert cli(target, "restore", str(backup)).exit_code == 0
    with app.app_context():
        highest = max(db.session.scalars(db.select(Point.id)))
    with target.app_context():
        point = make_point(db.session, name="Efter återställningen")
        assert point.id == highest + 1
