"""Export → import into an empty register → the same points, contacts and channels."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlalchemy import select

from readiness.points.models import Point
from readiness.points.queries import point_document
from tests.exchange.conftest import row_counts, run_import, wipe
from tests.factories import days_ago, make_point, point_input


def varied_points(session) -> None:
    """Points using every field, with text a spreadsheet likes to misread."""
    make_point(
        session,
        name="Bygdegården Åsarna",
        kind="village_hall",
        area="Åsarna",
        accessibility='=HYPERLÄNK("http://x")',
        public_info="-5 grader ute: ta med filt.\nIngång från baksidan.",
        opening_hours="+ helgdagar enligt anslag",
        contacts=[
            {
                "name": "Per Öberg",
                "organisation": "@Bygdeföreningen",
                "phone": "+47 22 12 34 56",
                "alt_phone": "070-174 06 07",
                "email": "per@example.se",
                "public": False,
                "roles": ["power_responsible", "first_aid"],
            },
            {"name": "Lisa Ek", "phone": "0640-123 45", "public": True, "roles": []},
        ],
        channels=[
            {"kind": "vhf_radio", "detail": "Kanal 3", "last_tested": days_ago(3)},
            {"kind": "notice_board", "detail": None, "last_tested": None},
        ],
        agreement=None,
    )
    make_point(
        session,
        name="Skolan i Hotagen",
        kind="school",
        municipality="Krokom",
        area=None,
        lat=None,
        lon=None,
        capacity=None,
        services=[],
        activation=[],
        power={"source": "connection_only"},
        contacts=[],
        channels=[],
        agreement={"counterparty": "Krokoms kommun", "valid_from": None, "valid_until": None},
        last_exercise=None,
        contacts_reviewed=None,
    )
    make_point(session, **point_input(name="Handlar'n Saxnäs", municipality="Vilhelmina"))


def documents(session) -> dict[str, dict]:
    """Every point as the API shows it, by code, without what the register itself sets."""
    session.expire_all()
    found = {}
    for point in session.scalars(select(Point)):
        document = point_document(point)
        for server_owned in ("id", "version"):
            document.pop(server_owned)
        document["crisis"].pop("since")
        found[point.code] = document
    return found


def test_xlsx_export_imported_into_an_empty_register_gives_the_same_points(session, api):
    varied_points(session)
    before = documents(session)
    exported = api("auditor").get("/api/v1/points.xlsx")
    assert exported.status_code == 200
    wipe(session)

    result = run_import(session, "export.xlsx", exported.data)

    assert result.ok, [p.as_line() for p in result.problems]
    assert result.count("create") == 3
    assert documents(session) == before


def test_csv_exports_imported_into_an_empty_register_give_the_same_points(session, api):
    varied_points(session)
    before = documents(session)
    reader = api("auditor")
    files = {
        sheet: reader.get(f"/api/v1/points.csv?sheet={sheet}").data
        for sheet in ("points", "contacts", "channels")
    }
    wipe(session)

    for sheet in ("points", "contacts", "channels"):
        result = run_import(session, f"{sheet}.csv", files[sheet])
        assert result.ok, [p.as_line() for p in result.problems]

    assert documents(session) == before


def test_export_keeps_formula_like_text_as_text_and_phones_readable(session, api):
    varied_points(session)
    reader = api("auditor")
    book = openpyxl.load_workbook(io.BytesIO(reader.get("/api/v1/points.xlsx").data))
    points = book["Trygghetspunkter"]
    headers = [cell.value for cell in points[1]]
    row = next(r for r in points.iter_rows(min_row=2) if r[1].value == "Bygdegården Åsarna")
    accessibility = row[headers.index("Tillgänglighet")]
    assert accessibility.value == '=HYPERLÄNK("http://x")'
    assert accessibility.data_type == "s"  # a text cell, never a formula
    contacts = book["Kontakter"]
    headers = [cell.value for cell in contacts[1]]
    phones = {
        r[headers.index("Namn")].value: r[headers.index("Telefon")]
        for r in contacts.iter_rows(min_row=2)
    }
    assert phones["Per Öberg"].value == "+47 22 12 34 56"
    assert phones["Per Öberg"].number_format == "@"
    assert phones["Lisa Ek"].value == "0640-123 45"

    table = reader.get("/api/v1/points.csv").data.decode("utf-8-sig")
    cells = [cell for line in csv.reader(io.StringIO(table), delimiter=";") for cell in line]
    assert '\'=HYPERLÄNK("http://x")' in cells
    assert "'-5 grader ute: ta med filt.\nIngång från baksidan." in cells
    contacts_table = reader.get("/api/v1/points.csv?sheet=contacts").data.decode("utf-8-sig")
    contact_cells = [
        c for line in csv.reader(io.StringIO(contacts_table), delimiter=";") for c in line
    ]
    assert "'+47 22 12 34 56" in contact_cells  # Excel would read +47… as a formula
    assert "070-174 06 07" in contact_cells  # needs no quote
    assert "'@Bygdeföreningen" in contact_cells


@pytest.mark.parametrize("path", ["/api/v1/points.xlsx", "/api/v1/points.csv"])
def test_export_of_the_register_imports_back_unchanged(session, api, path):
    varied_points(session)
    data = api("auditor").get(path).data
    counts = row_counts(session)

    result = run_import(session, "export" + path[-5:], data)

    assert result.ok
    assert result.count("unchanged") == 3 and result.count("update") == 0
    assert row_counts(session) == counts
