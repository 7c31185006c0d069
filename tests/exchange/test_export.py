"""GET /api/v1/points.xlsx and points.csv (list filters, readiness), the web list's export
and the blank templates."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.factories import make_point, make_user


def workbook(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(response.data))


def records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def csv_records(response) -> list[dict]:
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize("path", ["/api/v1/points.xlsx", "/api/v1/points.csv"])
def test_export_needs_a_token(client, path):
    response = client.get(path)

    assert response.status_code == 401
    assert "errors" in response.get_json()


def test_xlsx_has_the_sheets_and_the_readiness_of_every_point(session, api):
    point = make_point(session)
    reader = api("staff")
    readiness = reader.get(f"/api/v1/points/{point.id}/readiness").get_json()

    book = workbook(reader.get("/api/v1/points.xlsx"))

    assert book.sheetnames == ["Trygghetspunkter", "Kontakter", "Kanaler", "Förklaringar"]
    [row] = records(book["Trygghetspunkter"])
    assert (row["Kod"], row["Namn"], row["Typ"], row["Latitud"]) == (
        point.code,
        "Handlar'n Föllinge",
        "Butik",
        63.667,
    )
    assert (
        row["Beredskap"]
        == {"ready": "Redo", "gaps": "Brister", "not_ready": "Inte redo"}[readiness["level"]]
    )
    assert row["Poäng"] == readiness["score"]
    assert row["Brister (kriterier)"] == ", ".join(g["criterion"] for g in readiness["gaps"])
    [contact] = records(book["Kontakter"])
    assert (contact["Kod"], contact["Namn"], contact["Telefon"], contact["Roller"]) == (
        point.code,
        "Anna Berg",
        "070-174 06 05",
        "Ansvarig för trygghetspunkten",
    )
    [channel] = records(book["Kanaler"])
    assert (channel["Kod"], channel["Typ"]) == (point.code, "RAKEL")


def test_export_takes_the_list_filters_and_is_not_paged(session, api):
    for n in range(3):
        make_point(session, name=f"Krokom {n}")
    make_point(session, name="Saxnäs", municipality="Vilhelmina")
    reader = api("auditor")

    names = [
        r["Namn"]
        for r in records(
            workbook(reader.get("/api/v1/points.xlsx?municipality=krokom"))["Trygghetspunkter"]
        )
    ]
    searched = [r["Namn"] for r in csv_records(reader.get("/api/v1/points.csv?q=saxn"))]
    levels = csv_records(reader.get("/api/v1/points.csv?level=ready"))

    assert names == ["Krokom 0", "Krokom 1", "Krokom 2"]
    assert searched == ["Saxnäs"]
    assert levels == []  # the sample points have gaps


def test_a_bad_filter_is_a_422_naming_it(session, api):
    response = api("auditor").get("/api/v1/points.csv?level=perfect")

    assert response.status_code == 422
    assert "level" in response.get_json()["errors"]


def test_csv_holds_one_sheet_with_bom_and_semicolons(session, api):
    point = make_point(session)
    reader = api("auditor")

    contacts = reader.get("/api/v1/points.csv?sheet=contacts")
    channels = csv_records(reader.get("/api/v1/points.csv?sheet=channels"))

    assert contacts.headers["Content-Disposition"].endswith("-kontakter.csv")
    assert [(r["Kod"], r["Namn"]) for r in csv_records(contacts)] == [(point.code, "Anna Berg")]
    assert [(r["Kod"], r["Typ"], r["Uppgift"]) for r in channels] == [
        (point.code, "RAKEL", "Talgrupp KROKOM-TP")
    ]
    assert reader.get("/api/v1/points.csv?sheet=staff").status_code == 422


def test_csv_numbers_have_a_decimal_comma(session, api):
    make_point(session)

    [row] = csv_records(api("auditor").get("/api/v1/points.csv"))

    assert (row["Latitud"], row["Longitud"], row["Reservkraft › Tank (liter)"]) == (
        "63,667",
        "14,619",
        "400",
    )


def test_web_export_is_filtered_like_the_list(session, web):
    make_point(session, name="Föllinge")
    make_point(session, name="Saxnäs", municipality="Vilhelmina")
    make_user(session, "staff", email="personal@test.example")
    web.login("personal@test.example")

    book = workbook(web.client.get("/points/export.xlsx?municipality=Krokom"))
    table = web.client.get("/points/export.csv?q=saxn")

    assert [r["Namn"] for r in records(book["Trygghetspunkter"])] == ["Föllinge"]
    assert [r["Namn"] for r in csv_records(table)] == ["Saxnäs"]
    assert table.headers["Cache-Control"] == "no-store"


def test_templates_are_blank_with_the_explanations(session, web):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")

    book = workbook(web.client.get("/import/template.xlsx"))
    table = web.client.get("/import/template.csv?sheet=contacts").data.decode("utf-8-sig")

    assert book.sheetnames == ["Trygghetspunkter", "Kontakter", "Kanaler", "Förklaringar"]
    assert records(book["Trygghetspunkter"]) == []
    headers = [c.value for c in book["Trygghetspunkter"][1]]
    assert headers[:4] == ["Kod", "Namn", "Typ", "Kommun"] and "Beredskap" not in headers
    assert "Bygdegård" in book["Trygghetspunkter"]["C1"].comment.text
    explained = [row[1] for row in book["Förklaringar"].iter_rows(values_only=True)]
    assert "Reservkraft › Kraftkälla" in explained and "Telefon" in explained
    assert table.splitlines() == [
        "Kod;Punkt;Kommun;Namn;Organisation;Telefon;Annat telefonnummer;E-post;"
        "Visa namn och telefonnummer för invånare;Roller"
    ]


def test_templates_need_a_login(client):
    response = client.get("/import/template.xlsx")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
