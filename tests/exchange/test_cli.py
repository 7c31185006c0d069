"""`flask --app wsgi import-points FILE [--dry-run] [--user EMAIL]`: exit codes and output."""

from __future__ import annotations

from sqlalchemy import select

from readiness.points.models import PointChange
from tests.exchange.conftest import POINT_HEADERS, csv_file, row_counts, xlsx_file
from tests.factories import make_user

GOOD = ["", "Handlar'n Föllinge", "Butik", "Krokom", "Föllinge", "63,667", "14,619"]


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_succeeds_with_exit_0_and_a_summary(app, session, tmp_path):
    path = write(tmp_path, "punkter.xlsx", xlsx_file({"Trygghetspunkter": [POINT_HEADERS, GOOD]}))

    result = app.test_cli_runner().invoke(args=["import-points", path])

    assert result.exit_code == 0, result.output
    assert "1 nya, 0 ändrade, 0 oförändrade." in result.stdout
    assert "Ny: Handlar'n Föllinge (Krokom)" in result.stdout
    assert row_counts(session)["point"] == 1


def test_an_invalid_cell_exits_1_with_the_report_and_saves_nothing(app, session, tmp_path):
    bad = ["", "Skolan", "Affär", *GOOD[3:]]
    path = write(tmp_path, "punkter.csv", csv_file([POINT_HEADERS, GOOD, bad]))

    result = app.test_cli_runner().invoke(args=["import-points", path])

    assert result.exit_code == 1
    assert "Filen importerades inte: 1 fel. Inget sparades." in result.stderr
    assert 'rad 3, kolumn Typ (C): "Affär" Okänt värde. Välj ett av: Butik' in result.stderr
    assert row_counts(session)["point"] == 0


def test_a_file_that_cannot_be_read_exits_1(app, session, tmp_path):
    path = write(tmp_path, "punkter.xlsx", b"PK\x03\x04broken")

    result = app.test_cli_runner().invoke(args=["import-points", path])

    assert result.exit_code == 1
    assert "Filen är ingen giltig Excel-fil (.xlsx)." in result.stderr


def test_dry_run_shows_the_changes_and_saves_nothing(app, session, tmp_path):
    path = write(tmp_path, "punkter.csv", csv_file([POINT_HEADERS, GOOD]))
    counts = row_counts(session)

    result = app.test_cli_runner().invoke(args=["import-points", path, "--dry-run"])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Provkörning, inget sparades.")
    assert "1 nya" in result.stdout
    assert row_counts(session) == counts


def test_the_user_named_is_in_the_history(app, session, tmp_path):
    make_user(session, "auditor", email="samordnare@test.example")
    path = write(tmp_path, "punkter.csv", csv_file([POINT_HEADERS, GOOD]))

    result = app.test_cli_runner().invoke(
        args=["import-points", path, "--user", "samordnare@test.example"]
    )

    assert result.exit_code == 0, result.output
    assert session.scalars(select(PointChange.user_email)).all() == ["samordnare@test.example"]


def test_staff_may_not_import(app, session, tmp_path):
    make_user(session, "staff", email="personal@test.example")
    path = write(tmp_path, "punkter.csv", csv_file([POINT_HEADERS, GOOD]))

    result = app.test_cli_runner().invoke(
        args=["import-points", path, "--user", "personal@test.example"]
    )

    assert result.exit_code == 1
    assert "Din roll tillåter inte detta." in result.stderr
    assert row_counts(session)["point"] == 0
