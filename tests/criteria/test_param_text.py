"""The criteria's parameters in words: a label per parameter, values as units and labels."""

from __future__ import annotations

import pytest

from readiness.criteria.catalog import base_catalog, catalog_for
from readiness.criteria.param_text import override_lines, parameter_lines
from tests.conftest import make_app


@pytest.fixture(scope="module", autouse=True)
def translations():
    """An app context for the catalogue; no database is touched."""
    with make_app("sqlite://").app_context():
        yield


def params_of(criterion_id: str) -> dict:
    return base_catalog().get(criterion_id).params


def test_parameter_lines_runtime_in_swedish_reads_minimum_runtime_in_hours():
    assert parameter_lines(params_of("POWER-RUNTIME"), "sv") == ["Minsta drifttid: 72 timmar"]


def test_parameter_lines_runtime_in_english_reads_minimum_runtime_in_hours():
    assert parameter_lines(params_of("POWER-RUNTIME"), "en") == ["Minimum runtime: 72 hours"]


def test_parameter_lines_one_day_reads_singular():
    assert parameter_lines({"days": 1}, "sv") == ["Tidsgräns: 1 dag"]


def test_parameter_lines_decimal_hours_read_with_a_decimal_comma_in_swedish():
    assert parameter_lines({"min_hours": 72.5}, "sv") == ["Minsta drifttid: 72,5 timmar"]


def test_parameter_lines_roles_read_as_role_labels():
    assert parameter_lines(params_of("ROLE-DEPUTY"), "sv") == [
        "Personer per roll, minst: 2 personer",
        "Roller som krävs: Ansvarig för trygghetspunkten, Reservkraft, Samband",
    ]


def test_parameter_lines_power_covers_read_as_service_and_cover_labels():
    assert parameter_lines(params_of("POWER-COVERS"), "en") == [
        "Services that need power: Heat, Charging, Payments, Water, Wi-Fi",
        "Always on reserve power: Lighting",
    ]


def test_parameter_lines_channel_kinds_read_as_channel_labels():
    assert parameter_lines(params_of("CHANNEL-RESIDENTS"), "sv") == [
        "Kanaler som räknas: Anslagstavla, Lokalradio, SMS-lista, Högtalare"
    ]


def test_parameter_lines_core_services_read_as_service_labels():
    assert parameter_lines(params_of("SERVICES-CORE"), "en") == [
        "Required services: Information, Charging, Heat"
    ]


@pytest.mark.parametrize("locale", ["sv", "en"])
def test_parameter_lines_every_catalog_parameter_reads_without_raw_keys(locale):
    for criterion in base_catalog().criteria:
        for line, (name, value) in zip(
            parameter_lines(criterion.params, locale), criterion.params.items(), strict=True
        ):
            values = value if isinstance(value, list) else []
            assert not line.startswith(f"{name}:") and "_" not in line and "=" not in line
            assert not any(item in line for item in values), (criterion.id, line)


def test_override_lines_name_the_criterion_and_the_parameter_in_words():
    catalog = catalog_for("Vilhelmina", {"Vilhelmina": {"POWER-RUNTIME.min_hours": 168}})
    assert override_lines(catalog, "sv") == ["Drifttid på full tank › Minsta drifttid: 168 timmar"]
