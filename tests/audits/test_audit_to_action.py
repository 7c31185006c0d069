"""A gap seen at an audit, or its findings, becomes an action that says which audit it answers."""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import parse_qs, urlparse

from tests.actions.conftest import action_input
from tests.factories import days_ago, make_point, make_user

AUDIT = {
    "date": days_ago(3),
    "auditor": "Karin Lund",
    "checklist": [
        {"criterion": "POWER-TEST-RUN", "observed": "ok", "comment": None},
        {"criterion": "AGREEMENT-VALID", "observed": "gap", "comment": "Avtalet ej påskrivet."},
    ],
    "findings": "Nyckeln till elverket saknas.",
}


def record(client, point) -> int:
    response = client.post(f"/api/v1/points/{point.id}/audits", AUDIT)
    assert response.status_code == 201
    return response.get_json()["id"]


def actions_of(client, municipality="Krokom") -> list[dict]:
    return client.get(f"/api/v1/actions?municipality={municipality}").get_json()["items"]


def test_action_from_an_audit_takes_the_audited_point_and_keeps_the_link(api, session):
    point = make_point(session)
    client = api("auditor")
    audit_id = record(client, point)
    data = action_input(title="Skriv på avtalet", criterion="AGREEMENT-VALID", audit_id=audit_id)
    response = client.post("/api/v1/actions", data)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["audit_id"], body["point_id"]) == (audit_id, point.id)


def test_action_naming_an_audit_of_another_point_is_422_and_saves_nothing(api, session):
    audited, other = make_point(session, name="Granskad"), make_point(session, name="Annan")
    client = api("auditor")
    audit_id = record(client, audited)
    response = client.post("/api/v1/actions", action_input(other, audit_id=audit_id))
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["audit_id"]
    assert actions_of(client) == []


def test_action_naming_an_unknown_audit_is_422(api, session):
    client = api("auditor")
    response = client.post("/api/v1/actions", action_input(audit_id=99999))
    assert response.status_code == 422 and list(response.get_json()["errors"]) == ["audit_id"]


def _links(html: str, text: str) -> list[str]:
    pattern = rf'<a href="([^"]+)">{re.escape(text)}'
    return [html_lib.unescape(href) for href in re.findall(pattern, html)]


def test_point_page_turns_a_gap_seen_at_the_audit_into_a_prefilled_action(api, web, session):
    point = make_point(session)
    audit_id = record(api("auditor"), point)
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    html = html_lib.unescape(web.client.get(f"/points/{point.id}").get_data(as_text=True))
    assert "Brister vid revisionen:" in html and "Avtalet ej påskrivet." in html
    [from_gap] = [
        link for link in _links(html, "Gör till åtgärd") if f"audit_id={audit_id}" in link
    ]
    query = parse_qs(urlparse(from_gap).query)
    assert query["criterion"] == ["AGREEMENT-VALID"] and query["point_id"] == [str(point.id)]

    form = html_lib.unescape(web.client.get(from_gap).get_data(as_text=True))
    assert f'name="audit_id" value="{audit_id}"' in form
    assert "Från revisionen den" in form

    response = web.client.post(
        "/actions/new",
        data={
            "csrf_token": web.csrf(),
            "title": query["title"][0],
            "point_id": str(point.id),
            "criterion": "AGREEMENT-VALID",
            "audit_id": str(audit_id),
            "responsible": "Karin Lund",
            "deadline": "2030-06-30",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    [action] = actions_of(api("auditor"))
    assert (action["audit_id"], action["criterion"]) == (audit_id, "AGREEMENT-VALID")


def test_point_page_offers_the_findings_as_an_action_with_the_findings_as_description(
    api, web, session
):
    point = make_point(session)
    audit_id = record(api("auditor"), point)
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    html = html_lib.unescape(web.client.get(f"/points/{point.id}").get_data(as_text=True))
    [link] = _links(html, "Gör iakttagelserna till åtgärd")
    form = html_lib.unescape(web.client.get(link).get_data(as_text=True))
    assert "Nyckeln till elverket saknas." in form
    assert f'name="audit_id" value="{audit_id}"' in form


def test_staff_see_the_gaps_seen_but_no_action_links(api, web, session):
    point = make_point(session)
    record(api("auditor"), point)
    make_user(session, "staff", email="bo@test.example", points=[point])
    web.login("bo@test.example")
    html = html_lib.unescape(web.client.get(f"/points/{point.id}").get_data(as_text=True))
    assert "Avtalet ej påskrivet." in html
    assert "Gör till åtgärd" not in html.split('id="audits"')[1]
