"""The history tab and the edit-conflict page in words: what the point page shows, not keys."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from tests.factories import make_point, make_user
from tests.points.test_web import form_fields

# Keys, stored formats and record dumps of the point make_point creates.
RAW = [
    "shop",
    "fixed_generator",
    "power_outage",
    "point_manager",
    "heat, water",
    "+46701740605",
    "20.0",
    "5.0",
    "True",
    "False",
    "generator_kw",
    "source:",
    "rakel",
]


def rows(page: str) -> list[tuple[str, str, str]]:
    """The change tables' rows as (field, before, after), as a reader sees them."""
    found = re.findall(
        r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', page, re.S
    )
    return [tuple(html_lib.unescape(cell) for cell in row) for row in found]


@pytest.fixture
def history(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    return lambda point, lang="sv": rows(
        client.get(f"/points/{point.id}/history?lang={lang}").get_data(as_text=True)
    )


def test_history_page_created_point_shows_values_as_on_the_point_page(history, session):
    lines = history(make_point(session))
    assert ("Typ", "–", "Butik") in lines
    assert ("Tjänster", "–", "Värme, Vatten, Laddning, Information") in lines
    assert ("Reservkraft › Kraftkälla", "–", "Fast reservelverk") in lines
    assert ("Reservkraft › Elverkets effekt", "–", "20 kW") in lines
    assert ("Kontaktperson 1", "–", "Anna Berg (Ansvarig för trygghetspunkten), 070-174 06 05") in (
        lines
    )


def test_history_page_created_point_shows_no_raw_keys(history, session):
    shown = " | ".join(" ".join(line) for line in history(make_point(session)))
    assert [raw for raw in RAW if raw in shown] == []


def test_history_page_power_change_reads_one_line_with_litres(history, session, api):
    point = make_point(session)
    api("auditor").patch(
        f"/api/v1/points/{point.id}", {"version": 1, "power": {"tank_litres": 500}}
    )
    assert ("Reservkraft › Tank", "400 liter", "500 liter") in history(point)


def test_history_page_in_english_reads_english_words(history, session, api):
    point = make_point(session)
    api("auditor").patch(
        f"/api/v1/points/{point.id}", {"version": 1, "power": {"consumption_lph": 2.5}}
    )
    lines = history(point, "en")
    assert ("Reserve power › Consumption", "5 litres per hour", "2.5 litres per hour") in lines


def test_history_page_crisis_state_change_reads_as_labels(history, session, api):
    point = make_point(session)
    api("auditor").patch(f"/api/v1/points/{point.id}", {"version": 1, "crisis": {"state": "open"}})
    assert ("Krisläge", "Normalläge", "Öppen") in history(point)


def test_history_page_changed_phone_reads_in_the_point_page_format(history, session, api):
    point = make_point(session)
    contacts = [{"name": "Anna Berg", "phone": "070-174 06 99", "roles": ["point_manager"]}]
    api("auditor").patch(f"/api/v1/points/{point.id}", {"version": 1, "contacts": contacts})
    lines = history(point)
    assert ("Kontaktperson 1 › Telefon", "070-174 06 05", "070-174 06 99") in lines
    assert ("Kontaktperson 1 › Visa namn och telefonnummer för invånare", "Ja", "Nej") in lines


def test_history_page_added_contact_reads_name_and_roles(history, session, api):
    point = make_point(session)
    bo = {"name": "Bo Ek", "phone": "070-174 06 06", "roles": ["power_responsible"]}
    contacts = [{"name": "Anna Berg", "phone": "070-174 06 05", "public": True}, bo]
    api("auditor").patch(
        f"/api/v1/points/{point.id}",
        {"version": 1, "contacts": [{**contacts[0], "roles": ["point_manager"]}, bo]},
    )
    assert ("Kontaktperson 2", "–", "Bo Ek (Reservkraft), 070-174 06 06") in history(point)


def test_edit_conflict_page_shows_the_other_change_in_words(web, client, session, api):
    make_user(session, "auditor", email="anna@test.example")
    point = make_point(session)
    web.login("anna@test.example")
    annas_form = form_fields(client.get(f"/points/{point.id}/edit").get_data(as_text=True))
    api("auditor").patch(f"/api/v1/points/{point.id}", {"version": 1, "kind": "school"})
    response = client.post(f"/points/{point.id}/edit", data={**annas_form, "action": "save"})
    assert response.status_code == 409
    assert ("Typ", "Butik", "Skola") in rows(response.get_data(as_text=True))
