"""Role coverage: one rule for ROLE-FILLED, ROLE-DEPUTY and the point page's role list."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from readiness.criteria.catalog import base_catalog, catalog_for
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import ContactFacts
from readiness.points.roles import role_coverage
from tests.criteria.builders import AS_OF, ready_point
from tests.factories import make_point, make_user

ROLES = ["point_manager", "power_responsible", "communications_responsible"]
# Anna can be phoned; Bo, her deputy in every role, has no phone registered.
DEPUTY_WITHOUT_PHONE = [
    {"name": "Anna Berg", "phone": "070-174 06 05", "public": True, "roles": ROLES},
    {"name": "Bo Ek", "phone": None, "roles": ROLES},
]


def role_line(page: str, role_label: str) -> str:
    """The text of one role's line in the point page's role list, tags stripped."""
    roles = re.search(r'<ul class="roles">(.*?)</ul>', page, re.S).group(1)
    for item in re.findall(r"<li>(.*?)</li>", roles, re.S):
        text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", item)).split())
        if text.startswith(role_label + ":"):
            return text
    raise AssertionError(f"no line for {role_label}")


@pytest.fixture
def page(web, client, session):
    """`page(point)` -> the point page's HTML, seen by a logged-in auditor."""
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    return lambda point: client.get(f"/points/{point.id}").get_data(as_text=True)


def test_role_coverage_holder_without_phone_counts_as_deputy_but_does_not_fill():
    contacts = (ContactFacts(None, False, ("point_manager",)),)
    [coverage] = role_coverage(contacts, ["point_manager"], ["point_manager"], 1)
    assert coverage.unfilled and not coverage.too_few


def test_role_coverage_lists_each_role_of_both_criteria_once_in_order():
    coverage = role_coverage((), ["point_manager"], ["power_responsible", "point_manager"], 2)
    assert [(c.role, c.phone_required, c.min_holders) for c in coverage] == [
        ("point_manager", True, 2),
        ("power_responsible", False, 2),
    ]


def test_engine_deputy_without_phone_passes_role_deputy_and_role_filled():
    crew = (
        ContactFacts("+46701740605", True, tuple(ROLES)),
        ContactFacts(None, False, tuple(ROLES)),
    )
    evaluation = evaluate(ready_point(contacts=crew), base_catalog(), AS_OF)
    assert {"ROLE-FILLED", "ROLE-DEPUTY"} <= set(evaluation.passed)


def test_engine_role_held_by_two_without_phone_fails_role_filled_only():
    local = ROLES + ["information_responsible"]
    overrides = {"Krokom": {"ROLE-FILLED.roles": local, "ROLE-DEPUTY.roles": local}}
    crew = ready_point().contacts + (
        ContactFacts(None, False, ("information_responsible",)),
        ContactFacts(None, False, ("information_responsible",)),
    )
    evaluation = evaluate(ready_point(contacts=crew), catalog_for("Krokom", overrides), AS_OF)
    assert "ROLE-FILLED" in evaluation.failed and "ROLE-DEPUTY" in evaluation.passed


def test_point_page_deputy_without_phone_is_marked_and_agrees_with_the_engine(page, api, session):
    point = make_point(session, contacts=DEPUTY_WITHOUT_PHONE)
    body = api("auditor").get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert {"ROLE-FILLED", "ROLE-DEPUTY"} <= set(body["passed"])
    line = role_line(page(point), "Ansvarig för trygghetspunkten")
    assert line == "Ansvarig för trygghetspunkten: Anna Berg, Bo Ek (ingen telefon)"


def test_point_page_role_held_only_without_phone_says_nobody_with_a_phone(page, api, session):
    contacts = [
        {"name": "Anna Berg", "phone": "070-174 06 05", "public": True, "roles": ROLES[1:]},
        {"name": "Bo Ek", "phone": None, "roles": ROLES},
    ]
    point = make_point(session, contacts=contacts)
    body = api("auditor").get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert "ROLE-FILLED" in [g["criterion"] for g in body["gaps"]]
    line = role_line(page(point), "Ansvarig för trygghetspunkten")
    assert "Bo Ek (ingen telefon) (ingen med telefon" in line
    assert "endast en person" in line  # one holder: ROLE-DEPUTY fails too


def test_point_page_two_holders_do_not_say_only_one_person(page, session):
    point = make_point(session, contacts=DEPUTY_WITHOUT_PHONE)
    html = page(point)
    assert "endast en person" not in html and "ingen med telefon" not in html


def test_point_page_min_holders_override_of_three_says_only_two_people(app, page, api, session):
    app.config["CRITERIA_OVERRIDES"] = {"Krokom": {"ROLE-DEPUTY.min_holders": 3}}
    point = make_point(session, contacts=DEPUTY_WITHOUT_PHONE)
    body = api("auditor").get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert "ROLE-DEPUTY" in [g["criterion"] for g in body["gaps"]]
    line = role_line(page(point), "Samband")
    assert line.endswith("(endast 2 personer; minst 3 behövs)")


def test_point_page_min_holders_override_of_one_accepts_a_single_holder(app, page, api, session):
    app.config["CRITERIA_OVERRIDES"] = {"Krokom": {"ROLE-DEPUTY.min_holders": 1}}
    anna = {"name": "Anna Berg", "phone": "070-174 06 05", "public": True, "roles": ROLES}
    point = make_point(session, contacts=[anna])  # Anna alone holds every role
    body = api("auditor").get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert "ROLE-DEPUTY" not in [g["criterion"] for g in body["gaps"]]
    assert "endast en person" not in page(point)


def test_point_page_single_holder_in_english_says_only_one_person_and_the_minimum(
    web, client, session
):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    point = make_point(session)
    html = client.get(f"/points/{point.id}?lang=en").get_data(as_text=True)
    assert role_line(html, "Point manager") == (
        "Point manager: Anna Berg (only one person; at least 2 needed)"
    )


def test_point_page_lists_only_the_roles_the_local_catalog_requires(app, page, session):
    app.config["CRITERIA_OVERRIDES"] = {
        "Krokom": {"ROLE-FILLED.roles": ["point_manager"], "ROLE-DEPUTY.roles": ["point_manager"]}
    }
    roles = re.search(r'<ul class="roles">(.*?)</ul>', page(make_point(session)), re.S).group(1)
    assert "Ansvarig för trygghetspunkten" in roles and "Reservkraft" not in roles
