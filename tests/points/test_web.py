"""The register's HTML pages, driven through the test client like a person with a browser."""

from __future__ import annotations

import html as html_lib
import re

from sqlalchemy import func, select

from readiness.points.models import Point
from tests.factories import make_point, make_user


def form_fields(html: str) -> dict[str, str]:
    """The text inputs of a rendered form, as a browser would submit them (selects included)."""
    inputs = (
        r'<input id="[^"]*" name="([^"]+)" type="(?:text|tel|email|date|hidden)" value="([^"]*)"'
    )
    fields = {name: html_lib.unescape(value) for name, value in re.findall(inputs, html)}
    for name, options in re.findall(
        r'<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>', html, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        fields[name] = chosen.group(1) if chosen else ""
    fields["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    version = re.search(r'name="version" value="(\d+)"', html)
    if version:
        fields["version"] = version.group(1)
    return fields


def point_count(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Point))


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/points")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_wrong_password_is_refused_with_a_message(web, session):
    make_user(session, "auditor", email="anna@test.example")
    response = web.login("anna@test.example", "wrong password")
    assert response.status_code == 401
    assert "Fel e-postadress eller lösenord" in response.get_data(as_text=True)


def test_login_is_throttled_after_repeated_failures(web, session):
    make_user(session, "auditor", email="anna@test.example")
    for _ in range(5):
        assert web.login("anna@test.example", "wrong").status_code == 401
    throttled = web.login("anna@test.example")  # even the right password waits
    assert throttled.status_code == 429
    assert "För många misslyckade försök" in throttled.get_data(as_text=True)


def test_forms_without_csrf_token_are_refused(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    response = client.post(
        "/points/new",
        data={"name": "Utan token", "kind": "shop", "municipality": "Krokom", "action": "save"},
    )
    assert response.status_code == 400
    assert point_count(session) == 0


def test_login_with_valid_account_shows_the_list_in_swedish(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    make_point(session, name="Handlar'n Föllinge")
    response = web.login("anna@test.example")
    assert response.status_code == 302
    page = html_lib.unescape(client.get("/points").get_data(as_text=True))
    assert "Handlar'n Föllinge" in page
    assert "Trygghetspunkter" in page


def test_english_is_chosen_with_lang_and_remembered(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    assert "Safety points" in client.get("/points?lang=en").get_data(as_text=True)
    assert "Safety points" in client.get("/points").get_data(as_text=True)


def new_point_form(client) -> dict:
    data = form_fields(client.get("/points/new").get_data(as_text=True))
    data.update(
        {
            "name": "Bystugan Laxsjö",
            "kind": "village_hall",
            "municipality": "Krokom",
            "area": "Föllinge",
            "lat": "63,812",
            "lon": "14,476",
            "services": ["heat", "charging"],
            "power.source": "mobile_generator",
            "power.tank_litres": "200",
            "power.consumption_lph": "2,5",
            "contacts.0.name": "Anna Berg",
            "contacts.0.phone": "070-174 06 05",
            "contacts.0.public": "1",
            "contacts.0.roles": ["point_manager", "power_responsible"],
            "channels.0.kind": "rakel",
            "channels.0.detail": "Talgrupp KROKOM-TP",
            "action": "save",
        }
    )
    return data


def test_coordinator_creates_a_point_with_contact_and_channel_through_the_form(
    web, client, session
):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    response = client.post("/points/new", data=new_point_form(client))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bystugan Laxsjö" in page
    assert "070-174 06 05" in page
    assert "80 timmar" in page  # 200 l / 2.5 l/h, Swedish number format
    point = session.scalars(select(Point)).one()
    assert (point.lat, point.contacts[0].phone, point.channels[0].kind) == (
        63.812,
        "+46701740605",
        "rakel",
    )


def test_invalid_form_shows_errors_beside_fields_keeps_input_and_saves_nothing(
    web, client, session
):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    data = new_point_form(client)
    data.update({"name": "", "contacts.0.phone": "12345", "power.tank_litres": "-3"})
    response = client.post("/points/new", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="name-error"' in html
    assert 'id="contacts.0.phone-error"' in html
    assert 'id="power.tank_litres-error"' in html
    assert 'value="12345"' in html and 'value="Anna Berg"' in html  # what the user typed
    assert point_count(session) == 0


def test_add_contact_button_adds_a_blank_row_without_saving(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    data = {**new_point_form(client), "action": "add_contact"}
    html = client.post("/points/new", data=data).get_data(as_text=True)
    assert 'name="contacts.1.name"' in html and 'name="contacts.2.name"' not in html
    assert 'value="Anna Berg"' in html
    assert point_count(session) == 0


def test_removing_a_contact_on_the_edit_form_deletes_it(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    point = make_point(session)
    web.login("anna@test.example")
    data = form_fields(client.get(f"/points/{point.id}/edit").get_data(as_text=True))
    data.update({"contacts.0.remove": "1", "action": "save"})
    assert client.post(f"/points/{point.id}/edit", data=data).status_code == 302
    session.expire_all()
    assert session.get(Point, point.id).contacts == []


def test_edit_conflict_shows_the_other_change_and_lets_the_user_reapply(web, client, session, app):
    make_user(session, "auditor", email="anna@test.example")
    make_user(session, "auditor", email="bo@test.example")
    point = make_point(session)
    web.login("anna@test.example")
    annas_form = form_fields(client.get(f"/points/{point.id}/edit").get_data(as_text=True))

    bo = app.test_client()
    from tests.conftest import WebUser

    WebUser(bo).login("bo@test.example")
    bos_form = form_fields(bo.get(f"/points/{point.id}/edit").get_data(as_text=True))
    bo.post(
        f"/points/{point.id}/edit", data={**bos_form, "crisis_hours": "Bo: 08–20", "action": "save"}
    )

    response = client.post(
        f"/points/{point.id}/edit", data={**annas_form, "capacity": "77", "action": "save"}
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Bo: 08–20" in html and "bo@test.example" in html  # the other person's change
    assert 'value="77"' in html  # Anna's own value is kept
    session.expire_all()
    assert session.get(Point, point.id).capacity == 40

    retry = form_fields(html)
    retry.update({"capacity": "77", "crisis_hours": "Bo: 08–20", "action": "save"})
    assert client.post(f"/points/{point.id}/edit", data=retry).status_code == 302
    session.expire_all()
    stored = session.get(Point, point.id)
    assert (stored.capacity, stored.crisis_hours, stored.version) == (77, "Bo: 08–20", 3)


def test_staff_cannot_open_the_edit_form_of_a_point_not_assigned(web, client, session):
    mine, other = make_point(session, name="Min"), make_point(session, name="Annan")
    make_user(session, "staff", email="staff@test.example", points=[mine])
    web.login("staff@test.example")
    assert client.get(f"/points/{other.id}/edit").status_code == 403
    assert client.get(f"/points/{mine.id}/edit").status_code == 200
    assert client.get("/points/new").status_code == 403
    data = {"csrf_token": web.csrf()}
    assert client.post(f"/points/{mine.id}/archive", data=data).status_code == 403


def test_archive_and_restore_from_the_pages(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    point = make_point(session, name="Gamla affären")
    web.login("anna@test.example")
    row_link = f'href="/points/{point.id}"'
    client.post(f"/points/{point.id}/archive", data={"csrf_token": web.csrf()})
    assert row_link not in client.get("/points").get_data(as_text=True)
    assert "Gamla affären" in client.get("/points/archived").get_data(as_text=True)
    client.post(f"/points/{point.id}/restore", data={"csrf_token": web.csrf()})
    assert row_link in client.get("/points").get_data(as_text=True)


def test_point_page_shows_history_and_one_person_roles(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    point = make_point(session)
    web.login("anna@test.example")
    page = client.get(f"/points/{point.id}").get_data(as_text=True)
    assert "endast en person" in page  # point_manager held by Anna alone
    history = client.get(f"/points/{point.id}/history").get_data(as_text=True)
    assert "Skapad" in history


def test_history_names_changed_fields_in_words(web, client, session, api):
    make_user(session, "auditor", email="anna@test.example")
    point = make_point(session)
    contacts = [{"name": "Anna Berg", "phone": "070-174 06 99", "roles": ["point_manager"]}]
    api("auditor").patch(
        f"/api/v1/points/{point.id}",
        {"version": 1, "power": {"tank_litres": 500}, "contacts": contacts},
    )
    web.login("anna@test.example")
    history = client.get(f"/points/{point.id}/history").get_data(as_text=True)
    assert "Reservkraft › Tank" in history and "500 liter" in history
    assert "Kontaktperson 1 › Telefon" in history
