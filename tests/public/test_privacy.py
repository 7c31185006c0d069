"""A canary: private details of a point never reach any public output.

Every output is read back as its consumer reads it (tests/readback.py): a raw substring search
cannot see "Hemlig bränsleplan" in JSON ("br\\u00e4nsleplan") or "O'Hara" and "& Co" in HTML and
XML ("O&#39;Hara", "&amp; Co"). Each check also finds a public detail of the point in the same
reading, so a reader that reads nothing fails instead of passing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from readiness.auth.services import create_token
from readiness.points.models import Point
from readiness.points.writes import update_point
from readiness.public.bundle import export_bundle
from readiness.yearwheel.services import issue_feed
from tests.factories import make_area_staff, make_point, make_user, point_input
from tests.pdf_tools import decode_qr, page_png
from tests.readback import html_text, plain, readable

EDITOR = "hemlig.granskare@secret.example"  # a user: never public

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
    # The private contact's organisation: "O&#39;Hara" in HTML, "Br\u00f6derna" in JSON.
    "Hemliga Bröderna O'Hara",
    # Only in the point's history (the agreement before the editor's change): "&amp;" in HTML.
    "Hemligt Förra Avtal & Co",
    EDITOR,
    # The area's crisis staff: private, even a person marked as one who may be shown.
    "Hemlig Samordnare",
    "Hemlig Stabsperson",
    "+46701740698",
    "070-174 06 98",
    "stab@secret.example",
)
# Every private text above says "hemlig": found however it is cased or split into words.
SECRET_WORD = re.compile("hemlig", re.IGNORECASE)
# The private numbers however they are written ("070-174 06 99", "+46 70 174 06 99",
# "tel:%2B46701740699"), and the tank however it is grouped ("4 321", "4,321").
SEPARATORS = r"[\s\-‐‑–—.()/]*"
PRIVATE_NUMBERS = [
    re.compile(SEPARATORS.join(number)) for number in ("701740699", "846500499", "701740698")
] + [re.compile(r"4[\s.,]?321")]
PUBLIC_NAME = "Handlar'n Föllinge"  # the point's name: found in every reading of an output


@dataclass(frozen=True)
class Canaries:
    point: Point
    secrets: tuple[str, ...]  # the editor's API token and calendar feed token


def plant_canaries(session) -> Canaries:
    """A point with every kind of private detail, an area crew, and a user who edited the
    point (so the history names them) and holds an API token and a calendar feed."""
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
    editor = make_user(session, "auditor", email=EDITOR)
    change = {"version": point.version, "agreement": {"counterparty": "Hemligt Avtal AB"}}
    update_point(session, point, change, editor)
    secrets = (create_token(session, EDITOR), issue_feed(session, editor))
    session.commit()
    return Canaries(point, secrets)


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
                "organisation": "Hemliga Bröderna O'Hara",
                "phone": "070-174 06 99",
                "public": False,
                "email": "canary@secret.example",
                "roles": ["power_responsible"],
            },
        ],
        agreement={"counterparty": "Hemligt Förra Avtal & Co", "valid_until": "2030-01-01"},
        power={**point_input()["power"], "refuel_plan": "Hemlig bränsleplan", "tank_litres": 4321},
        channels=[
            {"kind": "rakel", "detail": "Talgrupp HEMLIG"},
            {"kind": "notice_board", "detail": "Entrén"},
        ],
    )


def assert_no_canary(text: str, where: str, secrets: tuple[str, ...] = ()) -> None:
    """`text` is an output as its consumer reads it (tests/readback.py), never raw bytes."""
    seen = plain(text)
    for canary in (*CANARIES, *secrets):
        assert plain(canary) not in seen, f"{canary!r} leaked into {where}"
    found = SECRET_WORD.search(seen)
    assert found is None, f"{seen[max(found.start() - 40, 0) : found.end() + 40]!r} in {where}"
    for number in PRIVATE_NUMBERS:
        found = number.search(seen)
        assert found is None, f"private number {found[0]!r} leaked into {where}"


def assert_public_only(text: str, where: str, canaries: Canaries, shows: str = PUBLIC_NAME):
    """No canary, and the point's public name read back (the reading works)."""
    assert plain(shows) in plain(text), f"{shows!r} not read back from {where}"
    assert_no_canary(text, where, canaries.secrets)


def test_no_private_detail_in_any_public_page_or_sheet(app, client, session, api):
    canaries = plant_canaries(session)
    point = canaries.point
    for url, shows in (
        (f"/p/{point.code}", PUBLIC_NAME),
        (f"/p/{point.code}?lang=en", PUBLIC_NAME),
        ("/p/?municipality=Krokom", PUBLIC_NAME),
        ("/p/?municipality=Krokom&lang=en", PUBLIC_NAME),
        ("/p/?municipality=Krokom&area=F%C3%B6llinge", PUBLIC_NAME),
        ("/p/", "Krokom"),
        ("/p/?lang=en", "Krokom"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_only(readable(response), url, canaries, shows)

    staff = api("staff")
    for url in (
        f"/api/v1/points/{point.id}/notice.pdf",
        f"/api/v1/points/{point.id}/notice.pdf?lang=en",
        "/api/v1/notices.pdf?municipality=Krokom",
    ):
        response = staff.get(url)
        assert response.status_code == 200, url
        assert_public_only(readable(response), url, canaries)


def test_no_private_detail_in_the_qr_code(api, session, tmp_path):
    canaries = plant_canaries(session)
    point = canaries.point
    pdf = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf").data
    [qr] = decode_qr(page_png(pdf, tmp_path))
    assert qr == f"https://tp.example.se/p/{point.code}"  # decoded: the check below reads it
    assert_no_canary(qr, "the QR code", canaries.secrets)


def test_no_private_detail_in_the_offline_bundle(app, session, tmp_path):
    canaries = plant_canaries(session)
    with app.app_context():
        from readiness.extensions import db

        files = export_bundle(db.session, tmp_path / "bundle")
    assert files
    for path in files:
        html = path.read_text(encoding="utf-8")
        shows = PUBLIC_NAME if path.name.startswith(("kommun", canaries.point.code)) else "Krokom"
        assert_public_only(html_text(html), f"bundle {path.name}", canaries, shows)


def test_no_private_detail_in_the_open_data_exports(client, session):
    """The GeoJSON with its OSM tags, and the .osm file for JOSM."""
    canaries = plant_canaries(session)
    for url in (
        "/api/v1/public/points.geojson",
        "/api/v1/public/points.geojson?municipality=Krokom",
        "/api/v1/public/points.osm",
        "/api/v1/public/points.osm?municipality=Krokom",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_only(readable(response), url, canaries)
        if url.startswith("/api/v1/public/points.geojson"):
            [feature] = response.get_json()["features"]
            # The public number: the tags are there to be read.
            assert feature["properties"]["osm"]["phone"] == "+46701740605"
        else:
            assert 'k="phone" v="+46701740605"' in response.get_data(as_text=True)
