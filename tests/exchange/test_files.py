"""Files as people make them: Swedish Excel's CSV, other CSV dialects, a workbook typed in
Excel; what they hold lands on the points."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from readiness.points.models import Point
from tests.exchange.conftest import (
    CHANNEL_HEADERS,
    CONTACT_HEADERS,
    csv_file,
    run_import,
    xlsx_file,
)
from tests.factories import days_ago, make_point

SWEDISH_HEADERS = [
    "Namn",
    "Typ",
    "Kommun",
    "Område",
    "Latitud",
    "Longitud",
    "Kapacitet (personer)",
    "Tjänster",
    "Reservkraft › Kraftkälla",
    "Reservkraft › Tank (liter)",
    "Reservkraft › Förbrukning (liter per timme)",
    "Reservkraft › Senaste provkörning",
    "Information till invånare",
]


def only_point(session) -> Point:
    session.expire_all()
    [point] = session.scalars(select(Point))
    return point


def test_swedish_excel_csv_with_bom_semicolons_decimal_commas_and_swedish_letters(session):
    row = [
        "Bygdegården i Älvsbyn",
        "Bygdegård",
        "Krokom",
        "Ås",
        "63,2515",
        "14,5572",
        "1 200",
        "Värme; Vatten, Laddning",
        "Fast reservelverk",
        "412,5",
        "4,5",
        days_ago(3),
        "Öppet när strömmen går.\nTa med ficklampa.",
    ]
    data = csv_file([SWEDISH_HEADERS, row])
    assert data.startswith("\ufeff".encode()) and b";" in data

    result = run_import(session, "punkter.csv", data)

    assert result.ok, [p.as_line() for p in result.problems]
    point = only_point(session)
    assert (point.name, point.kind, point.municipality.name, point.area.name) == (
        "Bygdegården i Älvsbyn",
        "village_hall",
        "Krokom",
        "Ås",
    )
    assert (point.lat, point.lon, point.capacity) == (63.2515, 14.5572, 1200)
    assert point.services == ["heat", "water", "charging"]
    assert point.power.source == "fixed_generator"
    assert (point.power.tank_litres, point.power.consumption_lph) == (412.5, 4.5)
    assert point.power.last_test_run.isoformat() == days_ago(3)
    assert point.public_info == "Öppet när strömmen går.\nTa med ficklampa."


@pytest.mark.parametrize(
    ("delimiter", "bom", "encoding", "lat"),
    [
        (",", False, "utf-8", "63.2515"),
        ("\t", False, "utf-8", "63,2515"),
        (";", False, "cp1252", "63,2515"),
    ],
)
def test_other_csv_dialects_are_read(session, delimiter, bom, encoding, lat):
    data = csv_file(
        [["Namn", "Typ", "Kommun", "Latitud", "Longitud"], ["Kåtan", "Annat", "Åre", lat, "13,08"]],
        delimiter=delimiter,
        bom=bom,
        encoding=encoding,
    )

    result = run_import(session, "punkter.csv", data)

    assert result.ok, [p.as_line() for p in result.problems]
    point = only_point(session)
    assert (point.name, point.municipality.name, point.lat) == ("Kåtan", "Åre", 63.2515)


def test_contacts_csv_replaces_the_contacts_of_the_points_it_names(session):
    kept = make_point(session, name="Skolan")
    point = make_point(session)
    rows = [
        CONTACT_HEADERS,
        [point.code, "", "", "Åsa Öst", "", "070-174 06 09", "", "", "Nej", "Samband, Reservkraft"],
        ["", "Handlar'n Föllinge", "Krokom", "Bo Ek", "", "", "", "", "Ja", ""],
    ]

    result = run_import(session, "kontakter.csv", csv_file(rows))

    assert result.ok, [p.as_line() for p in result.problems]
    session.expire_all()
    contacts = [(c.name, c.phone, c.public, c.roles) for c in point.contacts]
    assert contacts == [
        ("Åsa Öst", "+46701740609", False, ["communications_responsible", "power_responsible"]),
        ("Bo Ek", None, True, []),
    ]
    assert [c.name for c in kept.contacts] == ["Anna Berg"]  # not in the file: as it was


def test_workbook_typed_in_excel_creates_a_point_with_contacts_and_channels(session):
    data = xlsx_file(
        {
            "Trygghetspunkter": [
                ["Namn", "Typ", "Kommun", "Latitud", "Longitud", "Senaste övning", "Postnummer"],
                [
                    "Brandstationen Ås",
                    "Brandstation",
                    "Krokom",
                    63.25,
                    14.56,
                    date(2026, 3, 14),
                    83561,
                ],
            ],
            "Kontakter": [
                CONTACT_HEADERS,
                [
                    "",
                    "Brandstationen Ås",
                    "Krokom",
                    "Eva Lund",
                    "Räddningstjänsten",
                    701740605,
                    None,
                    "eva@example.se",
                    "ja",
                    "Ansvarig för trygghetspunkten",
                ],
            ],
            "Kanaler": [
                CHANNEL_HEADERS,
                ["", "Brandstationen Ås", "", "RAKEL", "Talgrupp ÅS-TP", date(2026, 3, 1)],
                ["", "Brandstationen Ås", "", "Anslagstavla", None, None],
            ],
            "Mina anteckningar": [["Ring Eva innan"]],
        }
    )

    result = run_import(session, "punkter.xlsx", data)

    assert result.ok, [p.as_line() for p in result.problems]
    assert result.ignored_sheets == ["Mina anteckningar"]
    point = only_point(session)
    assert (point.kind, point.lat, point.last_exercise, point.postcode) == (
        "fire_station",
        63.25,
        date(2026, 3, 14),
        "83561",
    )
    [contact] = point.contacts
    assert (contact.phone, contact.email, contact.public, contact.roles) == (
        "+46701740605",
        "eva@example.se",
        True,
        ["point_manager"],
    )
    assert [(c.kind, c.detail, c.last_tested) for c in point.channels] == [
        ("rakel", "Talgrupp ÅS-TP", date(2026, 3, 1)),
        ("notice_board", None, None),
    ]


def test_workbook_in_english_is_read(session):
    data = xlsx_file(
        {
            "Points": [
                ["Code", "Name", "Kind", "Municipality", "Reserve power › Source"],
                ["", "Village hall", "Village hall", "Krokom", "Mobile generator"],
            ]
        }
    )

    result = run_import(session, "points.xlsx", data)

    assert result.ok, [p.as_line() for p in result.problems]
    point = only_point(session)
    assert (point.kind, point.power.source) == ("village_hall", "mobile_generator")
