"""Text fields refuse control characters and lone surrogates with a field error (PostgreSQL
cannot store NUL, UTF-8 cannot encode a surrogate); multi-line fields keep their line breaks."""

from __future__ import annotations

import json

import pytest

from tests.factories import make_point, make_user, point_input
from tests.points.test_api import counts

ENGLISH = {"Accept-Language": "en"}
CONTACT = {"name": "Anna Berg", "phone": "070-174 06 05"}


@pytest.mark.parametrize(
    "field,body",
    [
        ("name", point_input(name="Affären\x00")),
        ("municipality", point_input(municipality="Krokom\x00")),
        ("area", point_input(area="\x00")),
        ("contacts.0.name", point_input(contacts=[{**CONTACT, "name": "Anna\x00"}])),
        ("channels.0.detail", point_input(channels=[{"kind": "rakel", "detail": "TG\x00"}])),
        ("power.refuel_plan", point_input(power={"source": "none", "refuel_plan": "a\x00"})),
        ("public_info", point_input(public_info="Info\x00")),
    ],
)
def test_point_text_with_nul_is_422_naming_the_field_and_saves_nothing(api, session, field, body):
    before = counts(session)
    response = api("auditor").post("/api/v1/points", body, headers=ENGLISH)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        field: ["Contains a control character (U+0000), which is not allowed."]
    }
    assert counts(session) == before


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x85", "\x9b"])
def test_point_name_with_other_control_character_is_422(api, session, char):
    response = api("auditor").post("/api/v1/points", point_input(name=f"A{char}B"))
    assert response.status_code == 422 and list(response.get_json()["errors"]) == ["name"]


def test_point_text_with_lone_surrogate_is_422_naming_the_field(api, session):
    before = counts(session)
    raw = json.dumps(point_input(name="X")).replace('"name": "X"', '"name": "Aff\\ud800ren"')
    response = api("auditor").post("/api/v1/points", raw=raw, headers=ENGLISH)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "name": ["Contains an invalid character (U+D800, a lone surrogate)."]
    }
    assert counts(session) == before


@pytest.mark.parametrize("text", ["Byvägen\n12", "Byvägen\r\n12", "Byvägen\t12"])
def test_point_single_line_text_with_line_break_or_tab_is_422(api, session, text):
    response = api("auditor").post("/api/v1/points", point_input(address=text), headers=ENGLISH)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "address": ["Must be a single line, without line breaks or tabs."]
    }


def test_point_public_info_keeps_line_breaks(api):
    text = "Ingång från parkeringen.\r\n\r\nRing på klockan.\tTack!"
    response = api("auditor").post("/api/v1/points", point_input(public_info=text))
    assert response.status_code == 201
    assert response.get_json()["public_info"] == text


def test_point_text_with_slashes_and_dots_is_kept(api):
    body = point_input(municipality="x/../../etc", area="Åre/Järpen")
    response = api("auditor").post("/api/v1/points", body)
    assert response.status_code == 201
    assert (response.get_json()["municipality"], response.get_json()["area"]) == (
        "x/../../etc",
        "Åre/Järpen",
    )


def test_audit_notes_keep_line_breaks_but_refuse_nul(api, session):
    point = make_point(session)
    client = api("auditor")
    url = f"/api/v1/points/{point.id}/audits"
    body = {"date": "2025-01-01", "auditor": "Eva", "notes": "Rad ett\nRad två"}
    assert client.post(url, body).status_code == 201
    refused = client.post(url, {**body, "notes": "Rad\x00"})
    assert refused.status_code == 422 and list(refused.get_json()["errors"]) == ["notes"]


def test_point_form_with_nul_shows_the_error_beside_the_field(web, session):
    make_user(session, "auditor", email="auditor@test.example")
    web.login("auditor@test.example")
    form = {"name": "Affären\x00", "kind": "shop", "municipality": "Krokom"}
    response = web.post("/points/new?lang=en", form)
    assert response.status_code == 422
    assert "Contains a control character (U+0000)" in response.get_data(as_text=True)


@pytest.mark.parametrize("email", ["anna@\ud800.se", "anna\x00@example.se"])
def test_contact_email_with_surrogate_or_nul_is_422_and_saves_nothing(api, session, email):
    before = counts(session)
    body = point_input(contacts=[{**CONTACT, "email": email}])
    response = api("auditor").post("/api/v1/points", body)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["contacts.0.email"]
    assert counts(session) == before
