"""Point input rules and the form's error words, without the client: the lat/lon pair message,
errors keyed and worded as the form shows them, values in the formats the form reads back."""

from __future__ import annotations

import pytest

from readiness.errors import Invalid
from readiness.points.forms import display_values, error_labels, form_errors
from readiness.points.writes import validate_point_input
from tests.factories import point_input


@pytest.fixture
def swedish(app):
    with app.test_request_context("/"):
        yield


@pytest.fixture
def english(app):
    with app.test_request_context("/?lang=en"):
        yield


def input_errors(**overrides) -> dict[str, list[str]]:
    with pytest.raises(Invalid) as raised:
        validate_point_input(point_input(**overrides))
    return raised.value.errors


def test_point_input_latitude_out_of_range_with_longitude_is_only_the_range(swedish):
    assert input_errors(lat=163.8, lon=14.5) == {"lat": ["Måste vara mellan -90 och 90."]}


def test_point_input_latitude_not_a_number_with_longitude_is_only_that(swedish):
    assert input_errors(lat="north", lon=14.5) == {"lat": ["Inte ett tal."]}


def test_point_input_latitude_without_longitude_asks_for_the_longitude(swedish):
    assert input_errors(lat=63.8, lon=None) == {
        "lon": ["Ange longitud också, eller ta bort latituden."]
    }


def test_point_input_longitude_without_latitude_asks_for_the_latitude(english):
    assert input_errors(lat=None, lon=14.5) == {
        "lat": ["Give the latitude as well, or remove the longitude."]
    }


def test_point_input_neither_coordinate_is_accepted(swedish):
    assert validate_point_input(point_input(lat=None, lon=None))["lat"] is None


def test_form_errors_unknown_power_source_lists_the_sources_in_words(swedish):
    errors = form_errors(input_errors(power={"source": "windmill"}))
    assert errors == {
        "power.source": [
            "Inget av alternativen. Välj ett av: Ingen reservkraft, Endast anslutning för "
            "reservelverk, Mobilt reservelverk, Fast reservelverk."
        ]
    }


def test_form_errors_unknown_contact_roles_belong_to_the_roles_group_once(english):
    contact = {"name": "Anna Berg", "roles": ["point_manager", "boss", "chief"]}
    errors = form_errors(input_errors(contacts=[contact]))
    assert list(errors) == ["contacts.0.roles"]
    assert errors["contacts.0.roles"] == [
        "Not one of the choices. Choose one of: Point manager, Reserve power, Communications, "
        "Information to residents, First aid."
    ]


def test_form_errors_message_other_than_a_choice_is_kept(swedish):
    errors = {"kind": ["Fältet är obligatoriskt."]}
    assert form_errors(errors) == errors


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("capacity", "Kapacitet (personer)"),
        ("contacts.0.phone", "Kontaktperson 1 › Telefon"),
        ("channels.1.kind", "Kanal 2 › Typ"),
        ("power.tank_litres", "Reservkraft › Tank (liter)"),
        ("agreement.valid_until", "Avtal › Giltigt till"),
    ],
)
def test_error_labels_name_fields_as_the_form_does(swedish, path, words):
    assert error_labels({path: ["x"]}) == {path: words}


def test_error_labels_message_not_about_a_field_gets_no_label(swedish):
    assert error_labels({"_schema": ["x"], "version": ["y"]}) == {}


@pytest.mark.parametrize(
    ("overrides", "path"),
    [
        ({"kind": "castle"}, "kind"),
        ({"services": ["teleport"]}, "services"),
        ({"activation": ["meteor"]}, "activation"),
        ({"power": {"source": "windmill"}}, "power.source"),
        ({"power": {"fuel": "coal"}}, "power.fuel"),
        ({"power": {"covers": ["sauna"]}}, "power.covers"),
        ({"contacts": [{"name": "Anna", "roles": ["boss"]}]}, "contacts.0.roles"),
        ({"channels": [{"kind": "pigeon"}]}, "channels.0.kind"),
    ],
)
def test_form_errors_every_choice_field_names_its_choices_in_words(swedish, overrides, path):
    errors = form_errors(input_errors(**overrides))
    assert list(errors) == [path]
    assert errors[path][0].startswith("Inget av alternativen. Välj ett av: ")


def test_display_values_stored_numbers_lose_the_trailing_zero_and_get_a_comma():
    flat = {"power.generator_kw": 20.0, "lat": 63.667, "capacity": 40, "power.tank_litres": 1e-05}
    assert display_values(flat, ",") == {
        "power.generator_kw": "20",
        "lat": "63,667",
        "capacity": "40",
        "power.tank_litres": "0,00001",
    }


def test_display_values_typed_number_keeps_its_digits_in_the_readers_decimals():
    assert display_values({"power.consumption_lph": "2.50"}, ",") == {
        "power.consumption_lph": "2,50"
    }


def test_display_values_stored_phones_read_as_on_the_point_page():
    flat = {"contacts.0.phone": "+46701740605", "contacts.0.alt_phone": "+4722123456"}
    assert display_values(flat, ",") == {
        "contacts.0.phone": "070-174 06 05",
        "contacts.0.alt_phone": "+47 22 12 34 56",
    }


def test_display_values_typed_phone_is_kept_as_typed():
    assert display_values({"contacts.0.phone": "12345"}, ",") == {"contacts.0.phone": "12345"}
