"""The point form as a person meets it: errors in words with links, the title, values in the
formats the register shows, a row added where the user is (test client; the browser side is in
tests/e2e/test_forms_in_browser.py)."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import select

from readiness.points.models import PointChange
from tests.factories import make_point, make_user
from tests.points.test_web import form_fields, new_point_form


@pytest.fixture
def coordinator(web, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    return web


def page_text(response) -> str:
    return html_lib.unescape(response.get_data(as_text=True))


def summary(html: str) -> str:
    return re.search(r'<div class="error-box error-summary".*?</div>', html, re.S).group(0)


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def everything_submitted(html: str) -> dict:
    """What a browser submits for the rendered form: text, selects, ticked boxes, text areas."""
    data: dict = form_fields(html)
    for name, value in re.findall(
        r'<input type="checkbox" name="([^"]+)" value="([^"]*)" checked', html
    ):
        data.setdefault(name, []).append(html_lib.unescape(value))
    for name, text in re.findall(
        r'<textarea id="[^"]*" name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S
    ):
        data[name] = html_lib.unescape(text)
    return data


def post_invalid_new_point(client, **changes):
    data = new_point_form(client)
    data.update(changes)
    return client.post("/points/new", data=data)


def test_point_form_invalid_phone_summary_names_the_field_as_the_form_does(coordinator, client):
    html = page_text(post_invalid_new_point(client, **{"contacts.0.phone": "12345"}))
    assert (
        "Kontaktperson 1 › Telefon: Inte ett giltigt telefonnummer, t.ex. 070-123 45 67."
        in summary(html)
    )


def test_point_form_invalid_summary_shows_no_internal_keys(coordinator, client):
    response = post_invalid_new_point(
        client, capacity="-3", **{"contacts.0.phone": "12345", "power.tank_litres": "-1"}
    )
    text = re.sub(r"<[^>]+>", "", summary(page_text(response)))
    assert "Kapacitet (personer): Måste vara 0 eller mer." in text
    assert "Reservkraft › Tank (liter): Måste vara 0 eller mer." in text
    assert "capacity" not in text and "contacts.0" not in text and "power." not in text


def test_point_form_unknown_power_source_is_named_with_the_choices_in_words(coordinator, client):
    html = page_text(post_invalid_new_point(client, **{"power.source": "windmill"}))
    assert (
        "Reservkraft › Kraftkälla: Inget av alternativen. Välj ett av: Ingen reservkraft, "
        in summary(html)
    )
    error = re.search(r'<span class="error" id="power.source-error">(.*?)</span>', html).group(1)
    assert "connection_only" not in summary(html) and "connection_only" not in error


def test_point_form_summary_links_go_to_the_field_ids(coordinator, client):
    html = page_text(post_invalid_new_point(client, name="", **{"contacts.0.phone": "12345"}))
    links = re.findall(r'<a href="#([^"]+)">', summary(html))
    assert links == ["name", "contacts.0.phone"]
    assert all(f'id="{target}"' in html for target in links)


def test_point_form_unknown_service_links_to_the_services_group(coordinator, client):
    html = page_text(post_invalid_new_point(client, services=["heat", "teleport"]))
    assert re.findall(r'<a href="#([^"]+)">', summary(html)) == ["services"]
    assert '<fieldset class="checks has-error" id="services"' in html


def test_point_form_invalid_title_starts_with_fel(coordinator, client):
    html = page_text(post_invalid_new_point(client, name=""))
    assert title(html).startswith("Fel: Ny trygghetspunkt")


def test_point_form_invalid_in_english_title_starts_with_error(coordinator, client):
    client.get("/points?lang=en")
    html = page_text(post_invalid_new_point(client, name=""))
    assert title(html).startswith("Error: New point")


def test_point_form_valid_page_title_has_no_error_prefix(coordinator, client):
    assert title(page_text(client.get("/points/new"))).startswith("Ny trygghetspunkt")


def test_point_form_error_summary_is_focused_when_the_page_loads(coordinator, client):
    html = page_text(post_invalid_new_point(client, name=""))
    assert re.search(r'id="error-summary" tabindex="-1" autofocus', html)


def test_point_form_latitude_without_longitude_asks_for_the_longitude(coordinator, client):
    html = page_text(post_invalid_new_point(client, lat="63,8", lon=""))
    assert (
        '<span class="error" id="lon-error">Ange longitud också, eller ta bort latituden.</span>'
        in html
    )
    assert 'id="lat-error"' not in html


def test_point_form_latitude_out_of_range_names_only_the_range(coordinator, client):
    html = page_text(post_invalid_new_point(client, lat="163,8", lon="14,5"))
    assert '<span class="error" id="lat-error">Måste vara mellan -90 och 90.</span>' in html
    assert "Ange" not in summary(html)


def test_point_form_field_with_hint_and_error_is_described_by_both(coordinator, client):
    html = page_text(post_invalid_new_point(client, lat="163,8", lon="14,5"))
    assert 'aria-invalid="true" aria-describedby="lat-hint lat-error"' in html


def test_point_edit_form_shows_stored_numbers_with_a_decimal_comma(coordinator, client, session):
    point = make_point(session)  # generator 20.0 kW, consumption 5.0 l/h, lat 63.667
    fields = form_fields(client.get(f"/points/{point.id}/edit").get_data(as_text=True))
    assert (
        fields["power.generator_kw"],
        fields["power.consumption_lph"],
        fields["power.tank_litres"],
        fields["lat"],
        fields["capacity"],
    ) == ("20", "5", "400", "63,667", "40")


def test_point_edit_form_in_english_shows_a_decimal_point(coordinator, client, session):
    point = make_point(session)
    html = client.get(f"/points/{point.id}/edit?lang=en").get_data(as_text=True)
    assert form_fields(html)["lat"] == "63.667"


def test_point_edit_form_shows_phones_as_the_point_page(coordinator, client, session):
    point = make_point(session)  # stored as +46701740605
    fields = form_fields(client.get(f"/points/{point.id}/edit").get_data(as_text=True))
    assert fields["contacts.0.phone"] == "070-174 06 05"


def test_point_edit_form_saved_unchanged_keeps_numbers_and_phone(coordinator, client, session):
    point = make_point(session)
    data = everything_submitted(client.get(f"/points/{point.id}/edit").get_data(as_text=True))
    assert (
        client.post(f"/points/{point.id}/edit", data={**data, "action": "save"}).status_code == 302
    )
    session.expire_all()
    # Only the creation is in the history: the round trip through the form changed nothing.
    assert session.scalars(select(PointChange.action)).all() == ["create"]
    stored = session.get(type(point), point.id)
    assert (stored.lat, stored.power.generator_kw, stored.contacts[0].phone) == (
        63.667,
        20.0,
        "+46701740605",
    )


def test_point_form_typed_decimal_comma_is_shown_back_as_typed(coordinator, client):
    html = page_text(post_invalid_new_point(client, name="", **{"power.consumption_lph": "2,5"}))
    assert form_fields(html)["power.consumption_lph"] == "2,5"


def test_point_form_add_contact_keeps_every_typed_value(coordinator, client):
    data = new_point_form(client)
    data.update({"contacts.0.email": "anna@example.se", "action": "add_contact"})
    html = page_text(client.post("/points/new", data=data))
    fields = form_fields(html)
    assert (
        fields["name"],
        fields["lat"],
        fields["power.consumption_lph"],
        fields["contacts.0.name"],
        fields["contacts.0.phone"],
        fields["contacts.0.email"],
        fields["channels.0.detail"],
    ) == (
        "Bystugan Laxsjö",
        "63,812",
        "2,5",
        "Anna Berg",
        "070-174 06 05",
        "anna@example.se",
        "Talgrupp KROKOM-TP",
    )
    assert 'name="contacts.0.roles" value="power_responsible" checked' in html
    assert 'name="contacts.0.public" value="1" checked' in html


def test_point_form_add_contact_focuses_the_new_row_and_says_nothing_is_saved(coordinator, client):
    data = {**new_point_form(client), "action": "add_contact"}
    html = page_text(client.post("/points/new", data=data))
    row = re.search(r'<fieldset class="row" id="contacts.1">.*?</fieldset>', html, re.S).group(0)
    assert "Kontaktperson 2 har lagts till. Trygghetspunkten är inte sparad än" in row
    assert re.search(r'<input id="contacts.1.name"[^>]*autofocus', row)


def test_point_form_add_channel_focuses_the_new_channel_kind(coordinator, client):
    data = {**new_point_form(client), "action": "add_channel"}
    html = page_text(client.post("/points/new", data=data))
    assert "Kanal 2 har lagts till." in html
    assert re.search(r'<select id="channels.1.kind"[^>]*autofocus', html)


def test_point_form_first_submit_button_saves(coordinator, client):
    html = client.get("/points/new").get_data(as_text=True)
    form = html[html.index('<form method="post" novalidate') :]
    first = re.search(r"<button[^>]*>", form).group(0)
    assert 'type="submit"' in first and 'value="save"' in first


def test_point_form_after_add_contact_is_marked_unsaved(coordinator, client):
    data = {**new_point_form(client), "action": "add_contact"}
    html = client.post("/points/new", data=data).get_data(as_text=True)
    assert re.search(r"<form method=\"post\" novalidate data-warn-unsaved data-unsaved>", html)


def test_account_password_with_two_problems_has_two_message_ids(web, client, session):
    make_user(session, "staff", email="anna.berg@test.example")
    web.login("anna.berg@test.example")
    response = web.post(
        "/account/password",
        {
            "current_password": "correct horse battery",
            "new_password": "bergbergberg",
            "confirm_password": "bergbergberg",
        },
    )
    html = page_text(response)
    assert html.count('id="new_password-error"') == 1
    assert html.count('id="new_password-error-2"') == 1
    assert 'aria-describedby="new_password-hint new_password-error new_password-error-2"' in html


def test_account_password_error_summary_names_the_field(web, client, session):
    make_user(session, "staff", email="anna@test.example")
    web.login("anna@test.example")
    response = web.post(
        "/account/password",
        {"current_password": "wrong", "new_password": "", "confirm_password": ""},
    )
    html = page_text(response)
    assert '<a href="#current_password">Nuvarande lösenord: ' in summary(html)
    assert title(html).startswith("Fel: Ditt konto")


def test_admin_new_account_with_blank_role_names_the_roles_in_words(web, client, session):
    make_user(session, "admin", email="admin@test.example")
    web.login("admin@test.example")
    response = web.post(
        "/admin/users",
        {"email": "ny@test.example", "role": "", "password": "lagom lång fras"},
    )
    html = page_text(response)
    assert "Roll: Inget av alternativen. Välj ett av: Administratör" in summary(html)
    assert "auditor, staff" not in html


def test_audit_form_invalid_summary_links_the_date_field(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    point = make_point(session)
    web.login("anna@test.example")
    response = web.post(
        f"/points/{point.id}/audits", {"date": "2999-01-01", "auditor": "Karin", "notes": ""}
    )
    html = page_text(response)
    assert '<a href="#date">Datum för revisionen: Får inte ligga i framtiden.</a>' in summary(html)
    assert title(html).startswith("Fel: ")
