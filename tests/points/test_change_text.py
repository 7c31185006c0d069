"""The history's changes in words: labels, Swedish numbers and phones, one line per value."""

from __future__ import annotations

import pytest

from readiness.points.change_text import change_lines
from tests.conftest import make_app


@pytest.fixture(scope="module", autouse=True)
def translations():
    """An app context for the catalogue; no database is touched."""
    with make_app("sqlite://").app_context():
        yield


def test_change_lines_tank_in_swedish_reads_litres_with_a_decimal_comma():
    lines = change_lines({"power.tank_litres": [300, 400.5]}, "sv")
    assert lines == [("Reservkraft › Tank", "300 liter", "400,5 liter")]


def test_change_lines_tank_in_english_reads_litres_with_a_decimal_point():
    lines = change_lines({"power.tank_litres": [300, 400.5]}, "en")
    assert lines == [("Reserve power › Tank", "300 litres", "400.5 litres")]


def test_change_lines_whole_float_loses_its_trailing_zero():
    lines = change_lines({"power.generator_kw": [20.0, 25.5]}, "sv")
    assert lines == [("Reservkraft › Elverkets effekt", "20 kW", "25,5 kW")]


def test_change_lines_capacity_reads_people_with_swedish_grouping():
    lines = change_lines({"capacity": [1, 1200]}, "sv")
    assert lines == [("Kapacitet", "1 person", "1\u00a0200 personer")]


def test_change_lines_kind_reads_as_its_label():
    assert change_lines({"kind": ["shop", "school"]}, "sv") == [("Typ", "Butik", "Skola")]


def test_change_lines_services_read_as_labels():
    lines = change_lines({"services": [["heat", "water"], ["heat", "wifi"]]}, "sv")
    assert lines == [("Tjänster", "Värme, Vatten", "Värme, Wifi")]


def test_change_lines_crisis_state_reads_as_its_label_in_english():
    lines = change_lines({"crisis.state": ["normal", "open"]}, "en")
    assert lines == [("Crisis state", "Normal", "Open")]


def test_change_lines_contact_phone_reads_as_on_the_point_page():
    lines = change_lines({"contacts.1.phone": ["+46701740605", "+46701740699"]}, "sv")
    assert lines == [("Kontaktperson 2 › Telefon", "070-174 06 05", "070-174 06 99")]


def test_change_lines_public_flag_reads_yes_and_no():
    assert change_lines({"contacts.0.public": [False, True]}, "en") == [
        ("Contact 1 › Show name and phone to residents", "No", "Yes")
    ]


def test_change_lines_added_power_reads_one_line_per_value():
    added = {"source": "fixed_generator", "generator_kw": 20.0, "fuel": None, "tank_litres": 300}
    lines = change_lines({"power": [None, added]}, "sv")
    assert lines == [
        ("Reservkraft › Kraftkälla", "–", "Fast reservelverk"),
        ("Reservkraft › Elverkets effekt", "–", "20 kW"),
        ("Reservkraft › Tank", "–", "300 liter"),
    ]


def test_change_lines_added_contact_reads_as_name_roles_and_phone():
    contact = {
        "name": "Bo Ek",
        "phone": "+46701740606",
        "public": False,
        "roles": ["point_manager", "power_responsible"],
    }
    lines = change_lines({"contacts.1": [None, contact]}, "sv")
    assert lines == [
        (
            "Kontaktperson 2",
            "–",
            "Bo Ek (Ansvarig för trygghetspunkten, Reservkraft), 070-174 06 06",
        )
    ]


def test_change_lines_removed_channel_reads_as_kind_and_detail():
    channel = {"kind": "satellite_phone", "detail": "Iridium", "last_tested": None}
    lines = change_lines({"channels.0": [channel, None]}, "en")
    assert lines == [("Channel 1", "Satellite phone: Iridium", "–")]


def test_change_lines_archiving_reads_yes_and_no_in_swedish():
    assert change_lines({"archived": [False, True]}, "sv") == [("Arkiverad", "Nej", "Ja")]
