"""AREA-STAFF (criteria 2026.2): each point is judged by its area's crisis staff."""

from __future__ import annotations

import pytest

from readiness.criteria.catalog import CatalogError, base_catalog, catalog_for, validate_overrides
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import ContactFacts
from readiness.criteria.messages import gap_text
from readiness.criteria.param_text import parameter_lines
from tests.conftest import make_app
from tests.criteria.builders import AS_OF, ready_point

CATALOG = base_catalog()
COORDINATOR = ContactFacts("+46701740655", False, ("area_coordinator",))
DEPUTY = ContactFacts("+46701740656", False, ("area_coordinator",))
POWER_AND_COMMUNICATIONS = ContactFacts(
    "+46701740657", False, ("power_responsible", "communications_responsible")
)
INFORMATION = ContactFacts("+46701740658", False, ("information_responsible",))
OTHER_ROLES = (POWER_AND_COMMUNICATIONS, INFORMATION)
FULL_STAFF = (COORDINATOR, DEPUTY, *OTHER_ROLES)


def staffed(*staff: ContactFacts, **changes):
    return ready_point(area_staff=staff, **changes)


def outcome(point, catalog=CATALOG) -> str:
    evaluation = evaluate(point, catalog, AS_OF)
    if "AREA-STAFF" in evaluation.passed:
        return "pass"
    if "AREA-STAFF" in evaluation.not_applicable:
        return "not_applicable"
    return "gap"


@pytest.fixture(scope="module")
def translations():
    """An app context for the label catalogue; no database is touched."""
    with make_app("sqlite://").app_context():
        yield


def message(point, locale="en", catalog=CATALOG) -> str:
    [gap] = [g for g in evaluate(point, catalog, AS_OF).gaps if g.criterion == "AREA-STAFF"]
    return gap_text(gap, catalog, locale)["message"]


def test_area_staff_every_role_with_two_coordinators_passes():
    assert outcome(staffed(*FULL_STAFF)) == "pass"


def test_area_staff_point_without_an_area_is_not_applicable():
    assert outcome(staffed(area=None, area_id=None)) == "not_applicable"


def test_area_staff_point_without_an_area_does_not_count_in_the_score():
    evaluation = evaluate(staffed(area=None, area_id=None), CATALOG, AS_OF)
    assert (evaluation.score, evaluation.level) == (100, "ready")


def test_area_staff_one_coordinator_with_the_default_minimum_of_two_is_a_gap():
    assert outcome(staffed(COORDINATOR, *OTHER_ROLES)) == "gap"


def test_area_staff_gap_is_major_and_leaves_the_point_at_gaps():
    evaluation = evaluate(staffed(COORDINATOR, *OTHER_ROLES), CATALOG, AS_OF)
    [gap] = evaluation.gaps
    assert (gap.criterion, gap.severity, evaluation.level) == ("AREA-STAFF", "major", "gaps")


def test_area_staff_role_held_only_by_someone_without_a_phone_is_a_gap():
    no_phone = ContactFacts(None, False, ("information_responsible",))
    assert outcome(staffed(COORDINATOR, DEPUTY, POWER_AND_COMMUNICATIONS, no_phone)) == "gap"


def test_area_staff_coordinator_without_a_phone_counts_as_the_deputy():
    # "area_coordinator by at least min_coordinators" counts holders, as ROLE-DEPUTY does; the
    # role itself is filled by the other coordinator, who has a phone.
    deputy = ContactFacts(None, False, ("area_coordinator",))
    assert outcome(staffed(COORDINATOR, deputy, *OTHER_ROLES)) == "pass"


def test_area_staff_coordinators_all_without_a_phone_leave_the_role_unfilled():
    nobody = ContactFacts(None, False, ("area_coordinator",))
    assert outcome(staffed(nobody, nobody, *OTHER_ROLES)) == "gap"


def test_area_staff_without_any_staff_is_a_gap():
    assert outcome(staffed()) == "gap"


def test_area_staff_missing_role_message_names_the_area_and_the_role(translations):
    assert message(staffed(COORDINATOR, DEPUTY, POWER_AND_COMMUNICATIONS)) == (
        "Crisis staff of the area Föllinge: nobody with a phone holds the role: "
        "Information to residents."
    )


def test_area_staff_too_few_coordinators_message_states_count_and_limit(translations):
    assert message(staffed(COORDINATOR, *OTHER_ROLES)) == (
        "Coordinators in the crisis staff of the area Föllinge: 1, at least 2 needed."
    )


def test_area_staff_missing_role_and_too_few_coordinators_names_both(translations):
    assert message(staffed(COORDINATOR, INFORMATION)) == (
        "Crisis staff of the area Föllinge: nobody with a phone holds the role: "
        "Reserve power, Communications. Coordinators: 1, at least 2 needed."
    )


def test_area_staff_none_recorded_message_in_swedish_says_so(translations):
    assert message(staffed(), "sv") == (
        "Området Föllinge har ingen krisstab registrerad (kravet är minst 2 samordnare och en "
        "person med telefon i varje roll)."
    )


def test_area_staff_override_of_one_coordinator_passes_with_one():
    krokom = catalog_for("Krokom", {"Krokom": {"AREA-STAFF.min_coordinators": 1}})
    assert outcome(staffed(COORDINATOR, *OTHER_ROLES), krokom) == "pass"


def test_area_staff_override_shows_in_the_version():
    krokom = catalog_for("Krokom", {"Krokom": {"AREA-STAFF.min_coordinators": 1}})
    assert krokom.version == f"{CATALOG.version}+krokom"


def test_area_staff_override_of_three_coordinators_fails_with_two(translations):
    krokom = catalog_for("Krokom", {"Krokom": {"AREA-STAFF.min_coordinators": 3}})
    assert message(staffed(*FULL_STAFF), catalog=krokom) == (
        "Coordinators in the crisis staff of the area Föllinge: 2, at least 3 needed."
    )


def test_area_staff_override_of_the_roles_can_leave_one_out():
    roles = ["area_coordinator", "power_responsible", "communications_responsible"]
    krokom = catalog_for("Krokom", {"Krokom": {"AREA-STAFF.roles": roles}})
    assert outcome(staffed(COORDINATOR, DEPUTY, POWER_AND_COMMUNICATIONS), krokom) == "pass"


def test_area_staff_override_with_a_point_role_is_refused():
    with pytest.raises(CatalogError, match="unknown area role 'point_manager'"):
        validate_overrides({"Krokom": {"AREA-STAFF.roles": ["point_manager"]}})


def test_area_staff_parameters_read_in_swedish_words(translations):
    assert parameter_lines(CATALOG.get("AREA-STAFF").params, "sv") == [
        "Samordnare, minst: 2 personer",
        "Roller som krävs: Samordnare för området, Reservkraft, Samband, Information till invånare",
    ]


def test_area_staff_is_defined_as_criteria_md_2026_2_says():
    criterion = CATALOG.get("AREA-STAFF")
    assert criterion.severity == "major"
    assert criterion.params == {
        "min_coordinators": 2,
        "roles": [
            "area_coordinator",
            "power_responsible",
            "communications_responsible",
            "information_responsible",
        ],
    }
