"""List-valued local overrides of the catalog (roles, channel kinds, services): an app started
with them from the overrides TOML serves every readiness page, and the lists change results."""

from __future__ import annotations

import pytest

from readiness.config import ConfigError
from readiness.criteria.catalog import CatalogError, validate_overrides
from tests.conftest import WebUser, make_app
from tests.factories import ApiClient, full_crew, make_point, make_user

OVERRIDES_TOML = """
[Vilhelmina]
"ROLE-FILLED.roles" = ["point_manager"]
"CHANNEL-INDEPENDENT.kinds" = ["rakel"]
"""
# Nobody holds power_responsible; point_manager and communications are filled.
WITHOUT_POWER_RESPONSIBLE = [
    {"name": "Anna Berg", "phone": "070-174 06 05", "public": True, "roles": ["point_manager"]},
    {
        "name": "Bo Ek",
        "phone": "070-174 06 06",
        "roles": ["point_manager", "communications_responsible"],
    },
]


@pytest.fixture
def listed_app(app, database_url, tmp_path, monkeypatch):
    """An app started with list overrides for Vilhelmina, read from the overrides file."""
    overrides_file = tmp_path / "criteria-overrides.toml"
    overrides_file.write_text(OVERRIDES_TOML, encoding="utf-8")
    monkeypatch.setenv("CRITERIA_OVERRIDES_FILE", str(overrides_file))
    return make_app(database_url)


@pytest.fixture
def listed_api(listed_app, session) -> ApiClient:
    return ApiClient(listed_app.test_client(), session, make_user(session, "auditor"))


@pytest.fixture
def listed_web(listed_app, session):
    make_user(session, "auditor", email="anna@test.example")
    web = WebUser(listed_app.test_client())
    web.login("anna@test.example")
    return web.client


def gap_ids(body: dict) -> list[str]:
    return [g["criterion"] for g in body["gaps"]]


def test_municipality_readiness_with_list_overrides_answers_200_with_local_version(
    listed_api, session
):
    make_point(session, municipality="Vilhelmina")
    response = listed_api.get("/api/v1/readiness?municipality=Vilhelmina")
    assert response.status_code == 200
    assert response.get_json()["criteria_version"] == "2026.3+vilhelmina"


def test_point_readiness_with_list_overrides_answers_200(listed_api, session):
    point = make_point(session, municipality="Vilhelmina")
    response = listed_api.get(f"/api/v1/points/{point.id}/readiness")
    assert response.status_code == 200
    assert response.get_json()["criteria_version"] == "2026.3+vilhelmina"


def test_dashboard_with_list_overrides_answers_200_and_shows_the_list(listed_web, session):
    make_point(session, municipality="Vilhelmina")
    response = listed_web.get("/readiness?municipality=Vilhelmina")
    assert response.status_code == 200
    assert "Krisrollerna är tillsatta › Roller som krävs: Ansvarig för trygghetspunkten" in (
        response.get_data(as_text=True)
    )


def test_point_page_with_list_overrides_answers_200(listed_web, session):
    point = make_point(session, municipality="Vilhelmina")
    assert listed_web.get(f"/points/{point.id}").status_code == 200


def test_criteria_page_with_list_overrides_shows_the_values_in_words(listed_web):
    html = listed_web.get("/criteria").get_data(as_text=True)
    assert "Samband utan mobil- och fastnät › Kanaler som räknas: RAKEL" in html
    assert "[&#39;rakel&#39;]" not in html and "['rakel']" not in html


def test_criteria_endpoint_with_list_overrides_gives_params_as_json_lists(listed_api):
    body = listed_api.get("/api/v1/criteria?municipality=Vilhelmina").get_json()
    params = {c["id"]: c["params"] for c in body}
    assert params["ROLE-FILLED"] == {"roles": ["point_manager"]}
    assert params["CHANNEL-INDEPENDENT"] == {"kinds": ["rakel"]}
    assert params["ROLE-DEPUTY"]["roles"] == [
        "point_manager",
        "power_responsible",
        "communications_responsible",
    ]


def test_role_filled_roles_override_passes_a_point_without_power_responsible(listed_api, session):
    local = make_point(
        session, name="A", municipality="Vilhelmina", contacts=WITHOUT_POWER_RESPONSIBLE
    )
    other = make_point(session, name="B", municipality="Krokom", contacts=WITHOUT_POWER_RESPONSIBLE)
    assert (
        "ROLE-FILLED" in listed_api.get(f"/api/v1/points/{local.id}/readiness").get_json()["passed"]
    )
    assert "ROLE-FILLED" in gap_ids(
        listed_api.get(f"/api/v1/points/{other.id}/readiness").get_json()
    )


def test_channel_kinds_override_fails_a_point_with_only_a_vhf_radio(listed_api, session):
    channels = [{"kind": "vhf_radio", "last_tested": None}, {"kind": "notice_board"}]
    local = make_point(
        session, name="A", municipality="Vilhelmina", contacts=full_crew(), channels=channels
    )
    other = make_point(
        session, name="B", municipality="Krokom", contacts=full_crew(), channels=channels
    )
    local_body = listed_api.get(f"/api/v1/points/{local.id}/readiness").get_json()
    other_body = listed_api.get(f"/api/v1/points/{other.id}/readiness").get_json()
    assert "CHANNEL-INDEPENDENT" in gap_ids(local_body)
    assert "CHANNEL-INDEPENDENT" in other_body["passed"]


def test_list_override_with_an_unknown_role_is_refused_at_start_up(app, database_url):
    overrides = {"Krokom": {"ROLE-FILLED.roles": ["point_manager", "mayor"]}}
    with pytest.raises(ConfigError, match=r"ROLE-FILLED\.roles: unknown role 'mayor'"):
        make_app(database_url, CRITERIA_OVERRIDES=overrides)


@pytest.mark.parametrize(
    "key,value,message",
    [
        ("ROLE-DEPUTY.roles", ["rakel"], "unknown role 'rakel'"),
        ("CHANNEL-TESTED.kinds", ["point_manager"], "unknown channel kind 'point_manager'"),
        ("SERVICES-CORE.services", ["heat", "sauna"], "unknown service 'sauna'"),
        ("CHANNEL-RESIDENTS.kinds", [3], "unknown channel kind 3"),
        ("ROLE-FILLED.roles", [], "is empty"),
    ],
)
def test_list_override_with_a_value_of_the_wrong_enumeration_is_refused(key, value, message):
    with pytest.raises(CatalogError, match=message):
        validate_overrides({"Krokom": {key: value}})


def test_list_override_of_known_values_is_accepted():
    validate_overrides(
        {
            "Krokom": {
                "SERVICES-CORE.services": ["information", "heat", "water"],
                "CHANNEL-RESIDENTS.kinds": ["sms_list"],
                "ROLE-DEPUTY.roles": ["point_manager", "information_responsible"],
            }
        }
    )
