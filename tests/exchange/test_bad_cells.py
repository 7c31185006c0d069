"""Every invalid cell is reported with its row and column, and nothing is saved."""

from __future__ import annotations

import pytest

from readiness.exchange.reading import MAX_FILE_BYTES, MAX_POINTS
from tests.exchange.conftest import (
    CONTACT_HEADERS,
    POINT_HEADERS,
    csv_file,
    row_counts,
    run_import,
    xlsx_file,
)
from tests.factories import make_point

GOOD = ["", "Handlar'n Föllinge", "Butik", "Krokom", "Föllinge", "63,667", "14,619"]


def points_csv(*rows, headers=POINT_HEADERS) -> bytes:
    return csv_file([headers, *rows])


def with_cell(header: str, value: str) -> list[str]:
    row = list(GOOD)
    row[POINT_HEADERS.index(header)] = value
    return row


def only_problem(result):
    assert not result.ok
    assert len(result.problems) == 1, [p.as_line() for p in result.problems]
    return result.problems[0]


@pytest.mark.parametrize(
    ("header", "value", "message"),
    [
        ("Namn", "", "Fältet är obligatoriskt."),
        ("Typ", "Affär", "Butik, Bygdegård"),
        ("Longitud", "63,6", "Sverige"),
        ("Latitud", "48,85", "Sverige"),
        ("Kod", "ABC", "K"),
    ],
)
def test_bad_cell_of_a_point_is_reported_at_its_row_and_column(session, header, value, message):
    make_point(session, name="Redan registrerad")
    counts = row_counts(session)
    data = points_csv(GOOD[:1] + ["Annan punkt"] + GOOD[2:], with_cell(header, value))

    problem = only_problem(run_import(session, "punkter.csv", data))

    assert (problem.row, problem.column, problem.value) == (3, header, value)
    assert problem.letter == "ABCDEFG"[POINT_HEADERS.index(header)]
    assert message in problem.message
    assert row_counts(session) == counts  # not even the good row 2 is saved


def test_bad_date_is_reported_in_swedish(session):
    counts = row_counts(session)
    data = points_csv([*GOOD, "1/11/2026"], headers=[*POINT_HEADERS, "Senaste övning"])

    problem = only_problem(run_import(session, "punkter.csv", data))

    assert (problem.row, problem.column, problem.value) == (2, "Senaste övning", "1/11/2026")
    assert problem.message == "Inte ett datum i formatet ÅÅÅÅ-MM-DD."
    assert row_counts(session) == counts


def test_bad_phone_of_a_contact_is_reported_on_the_contacts_sheet(session):
    counts = row_counts(session)
    contact = ["", "Handlar'n Föllinge", "Krokom", "Anna Berg", "", "12345", "", "", "Ja", ""]
    data = xlsx_file(
        {"Trygghetspunkter": [POINT_HEADERS, GOOD], "Kontakter": [CONTACT_HEADERS, contact]}
    )

    problem = only_problem(run_import(session, "punkter.xlsx", data))

    assert (problem.sheet, problem.row, problem.column, problem.letter) == (
        "Kontakter",
        2,
        "Telefon",
        "F",
    )
    assert problem.value == "12345"
    assert problem.message == "Inte ett giltigt telefonnummer, t.ex. 070-123 45 67."
    assert row_counts(session) == counts


@pytest.mark.parametrize("header", ["Kod", "Namn"])
def test_the_same_point_twice_in_a_file_is_reported_on_the_second_row(session, header):
    point = make_point(session)
    counts = row_counts(session)
    row = list(GOOD)
    if header == "Kod":
        row[0] = point.code
    data = points_csv(row, GOOD[:1] + ["Skolan"] + GOOD[2:], row)

    result = run_import(session, "punkter.csv", data)

    problem = only_problem(result)
    assert (problem.row, problem.column) == (4, header)
    assert "rad" in problem.message and "2" in problem.message
    assert row_counts(session) == counts


def test_every_bad_cell_of_a_file_is_reported_at_once(session):
    data = points_csv(
        with_cell("Namn", ""),
        GOOD,
        with_cell("Typ", "Affär")[:1] + ["Andra"] + with_cell("Typ", "Affär")[2:],
        GOOD[:1] + ["Tredje"] + GOOD[2:5] + ["63,7", "x"],
    )

    result = run_import(session, "punkter.csv", data)

    assert [(p.row, p.column) for p in result.problems] == [
        (2, "Namn"),
        (4, "Typ"),
        (5, "Longitud"),
    ]
    assert row_counts(session)["point"] == 0


def test_too_many_rows_are_refused_naming_the_first_row_over_the_limit(session):
    rows = [GOOD[:1] + [f"Punkt {n}"] + GOOD[2:] for n in range(MAX_POINTS + 1)]

    problem = only_problem(run_import(session, "punkter.csv", points_csv(*rows)))

    assert problem.row == MAX_POINTS + 2  # headers are row 1
    assert "5\u00a0000" in problem.message or "5 000" in problem.message
    assert row_counts(session)["point"] == 0


def test_too_large_a_file_is_refused_with_the_limit(session):
    data = points_csv(GOOD) + b" " * MAX_FILE_BYTES

    problem = only_problem(run_import(session, "punkter.csv", data))

    assert problem.row is None
    assert "5 MB" in problem.message
    assert row_counts(session)["point"] == 0


def test_unknown_and_missing_columns_are_reported_on_the_header_row(session):
    data = points_csv(["Butik", "Krokom", "x"], headers=["Typ", "Kommun", "Anteckning"])

    result = run_import(session, "punkter.csv", data)

    assert {(p.row, p.column) for p in result.problems} == {(1, "Anteckning"), (1, "Namn")}
    assert row_counts(session)["point"] == 0


def test_formula_in_a_workbook_cell_is_reported(session):
    data = xlsx_file({"Trygghetspunkter": [POINT_HEADERS, GOOD[:1] + ["=A1"] + GOOD[2:]]})

    problem = only_problem(run_import(session, "punkter.xlsx", data))

    assert (problem.row, problem.column, problem.value) == (2, "Namn", "=A1")
    assert row_counts(session)["point"] == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("punkter.xlsx", b"PK\x03\x04 not really a zip"),
        ("punkter.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100),
        ("punkter.csv", b"a;b;c\r\n1;2;3\r\n"),
        ("punkter.csv", b""),
    ],
)
def test_a_file_that_is_no_spreadsheet_of_points_is_refused(session, name, data):
    problem = only_problem(run_import(session, name, data))

    assert problem.row is None and problem.message
    assert row_counts(session)["point"] == 0


def test_a_contacts_sheet_must_have_every_column(session):
    point = make_point(session)
    headers = [h for h in CONTACT_HEADERS if h != "E-post"]
    row = [point.code, "", "", "Bo Ek", "", "", "", "Nej", ""]
    counts = row_counts(session)

    problem = only_problem(run_import(session, "kontakter.csv", points_csv(row, headers=headers)))

    assert (problem.sheet, problem.row, problem.column) == ("Kontakter", 1, "E-post")
    assert row_counts(session) == counts  # the point keeps its contact's e-mail


def test_a_contact_of_an_unknown_point_is_reported(session):
    rows = [
        ["ZZZZZZ", "", "", "Bo Ek", "", "", "", "", "Nej", ""],
        ["", "Okänd punkt", "Krokom", "Eva Ek", "", "", "", "", "Nej", ""],
    ]

    result = run_import(session, "kontakter.csv", points_csv(*rows, headers=CONTACT_HEADERS))

    assert [(p.row, p.column, p.value) for p in result.problems] == [
        (2, "Kod", "ZZZZZZ"),
        (3, "Punkt", "Okänd punkt"),
    ]


def test_a_bad_cell_of_a_contact_is_reported_once(session):
    point = make_point(session)
    row = [point.code, "", "", "Bo Ek", "", "", "", "", "Kanske", ""]

    result = run_import(session, "kontakter.csv", points_csv(row, headers=CONTACT_HEADERS))

    [problem] = result.problems
    assert (problem.row, problem.column, problem.value) == (
        2,
        "Visa namn och telefonnummer för invånare",
        "Kanske",
    )
