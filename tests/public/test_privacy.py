"""A canary: private details of a point never reach any public output."""

from __future__ import annotations

from readiness.public.bundle import export_bundle
from tests.factories import make_area_staff, make_point, point_input
from tests.pdf_tools import decode_qr, page_png, pdf_text

CANARIES = (
    "Hemlig Person",
    "+46701740699",
    "070-174 06 99",
    "canary@secret.example",
    "+46846500499",
    "08-465 004 99",
    "Hemligt Avtal AB",
    "Hemlig bränsleplan",
    "Talgrupp HEMLIG",
    "4321",
    # The area's crisis staff: private, even a person marked as one who may be shown.
    "Hemlig Samordnare",
    "Hemlig Stabsperson",
    "+46701740698",
    "070-174 06 98",
    "stab@secret.example",
)


def canary_point(session):
    point = _canary_point(session)
    make_area_staff(
        session,
        staff=[
            {
                "name": "Hemlig Samordnare",
                "phone": "070-174 06 98",
                "email": "stab@secret.example",
                "public": True,
                "roles": ["area_coordinator", "information_responsible"],
            },
            {"name": "Hemlig Stabsperson", "roles": ["area_coordinator", "power_responsible"]},
        ],
    )
    return point


def _canary_point(session):
    return make_point(
        session,
        capacity=None,
        contacts=[
            {
                "name": "Anna Berg",
                "phone": "070-174 06 05",
                "public": True,
                "alt_phone": "08-465 004 99",
                "email": "canary@secret.example",
                "roles": ["point_manager"],
            },
            {
                "name": "Hemlig Person",
                "phone": "070-174 06 99",
                "public": False,
                "email": "canary@secret.example",
                "roles": ["power_responsible"],
            },
        ],
        agreement={"counterparty": "Hemligt Avtal AB", "valid_until": "2030-01-01"},
        power={**point_input()["power"], "refuel_plan": "Hemlig bränsleplan", "tank_litres": 4321},
        channels=[
            {"kind": "rakel", "detail": "Talgrupp HEMLIG"},
            {"kind": "notice_board", "detail": "Entrén"},
        ],
    )


def assert_no_canary(text: str, where: str) -> None:
    for canary in CANARIES:
        assert canary not in text, f"{canary!r} leaked into {where}"


def test_no_private_detail_in_any_public_output(app, client, session, api, tmp_path):
    point = canary_point(session)
    for url in (
        f"/p/{point.code}",
        f"/p/{point.code}?lang=en",
        "/p/?municipality=Krokom",
        "/p/",
        "/api/v1/public/points.geojson",
    ):
        assert_no_canary(client.get(url).get_data(as_text=True), url)

    pdf = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf").data
    assert_no_canary(pdf_text(pdf, tmp_path), "the notice")
    [qr] = decode_qr(page_png(pdf, tmp_path))
    assert qr == f"https://tp.example.se/p/{point.code}"  # decoded: the check below reads it
    assert_no_canary(qr, "the QR code")

    with app.app_context():
        from readiness.extensions import db

        files = export_bundle(db.session, tmp_path / "bundle")
    for path in files:
        assert_no_canary(path.read_text(encoding="utf-8"), f"bundle {path.name}")
