"""ROLE-DEPUTY counts every holder of a role, phone or not: the deputy is a person, not a number."""

from __future__ import annotations

from readiness.criteria.catalog import base_catalog, catalog_for
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import ContactFacts
from tests.criteria.builders import AS_OF, ready_point

CATALOG = base_catalog()
ROLES = ("point_manager", "power_responsible", "communications_responsible")


def role_deputy_gap(point, catalog=CATALOG) -> dict | None:
    evaluation = evaluate(point, catalog, AS_OF)
    return next((g.facts for g in evaluation.gaps if g.criterion == "ROLE-DEPUTY"), None)


def test_role_deputy_second_holder_without_phone_passes():
    crew = (ContactFacts("+46701740605", True, ROLES), ContactFacts(None, False, ROLES))
    assert "ROLE-DEPUTY" in evaluate(ready_point(contacts=crew), CATALOG, AS_OF).passed


def test_role_deputy_two_holders_both_without_phone_passes_while_role_filled_fails():
    crew = ready_point().contacts + (
        ContactFacts(None, False, ("information_responsible",)),
        ContactFacts(None, False, ("information_responsible",)),
    )
    roles = [*ROLES, "information_responsible"]
    local = catalog_for(
        "Krokom", {"Krokom": {"ROLE-FILLED.roles": roles, "ROLE-DEPUTY.roles": roles}}
    )
    evaluation = evaluate(ready_point(contacts=crew), local, AS_OF)
    assert "ROLE-DEPUTY" in evaluation.passed
    assert "ROLE-FILLED" in evaluation.failed


def test_role_deputy_single_holder_with_phone_fails_naming_the_role_and_minimum():
    crew = (
        ContactFacts("+46701740605", True, ROLES),
        ContactFacts(None, False, ROLES[1:]),
    )
    assert role_deputy_gap(ready_point(contacts=crew)) == {
        "missing": [("role", "point_manager")],
        "min_holders": 2,
    }


def test_role_deputy_minimum_of_three_counts_holders_without_phone():
    crew = (
        ContactFacts("+46701740605", True, ROLES),
        ContactFacts(None, False, ROLES),
        ContactFacts(None, False, ROLES),
    )
    local = catalog_for("Krokom", {"Krokom": {"ROLE-DEPUTY.min_holders": 3}})
    assert role_deputy_gap(ready_point(contacts=crew), local) is None
    assert role_deputy_gap(ready_point(contacts=crew[:2]), local) == {
        "missing": [("role", r) for r in ROLES],
        "min_holders": 3,
    }
