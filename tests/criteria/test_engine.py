"""The criteria engine as a pure function: boundaries, applicability, score and level."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from readiness.criteria.catalog import CatalogError, base_catalog, catalog_for, validate_overrides
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import ChannelFacts, ContactFacts
from tests.criteria.builders import AS_OF, ago, ready_point, with_power

CATALOG = base_catalog()

# Ids, severities and defaults exactly as ../shared/criteria.md (version 2026.3) lists them.
EXPECTED = {
    "POWER-SOURCE": ("critical", {}),
    "POWER-ONSITE": ("major", {}),
    "POWER-RUNTIME": ("critical", {"min_hours": 72}),
    "POWER-TEST-RUN": ("major", {"days": 31}),
    "POWER-LOAD-TEST": ("minor", {"days": 365}),
    "POWER-FUEL-CHECK": ("major", {"days": 92}),
    "POWER-REFUEL": ("major", {}),
    "POWER-COVERS": ("major", {}),
    "ROLE-FILLED": ("critical", {}),
    "ROLE-DEPUTY": ("major", {"min_holders": 2}),
    "CONTACTS-REVIEWED": ("minor", {"days": 183}),
    "CONTACT-PUBLIC": ("major", {}),
    "CHANNEL-INDEPENDENT": ("critical", {}),
    "CHANNEL-TESTED": ("major", {"days": 92}),
    "CHANNEL-RESIDENTS": ("major", {}),
    "INFO-LOCATION": ("major", {}),
    "INFO-CRISIS-HOURS": ("major", {}),
    "SERVICES-CORE": ("major", {}),
    "NOTICE-CURRENT": ("major", {}),
    "AGREEMENT-VALID": ("major", {}),
    "EXERCISE-RECENT": ("minor", {"days": 365}),
    "AUDIT-RECENT": ("minor", {"days": 365}),
    # 2026.2
    "AREA-STAFF": ("major", {"min_coordinators": 2}),
    # 2026.3
    "CONFIRMED-RECENT": ("minor", {"days": 183}),
}


def result(point, as_of=AS_OF, catalog=CATALOG):
    return evaluate(point, catalog, as_of)


def failed(point, as_of=AS_OF, catalog=CATALOG) -> set[str]:
    return set(result(point, as_of, catalog).failed)


def test_catalog_matches_criteria_md():
    assert CATALOG.version == "2026.3"
    assert [c.id for c in CATALOG.criteria] == list(EXPECTED)
    for criterion in CATALOG.criteria:
        severity, defaults = EXPECTED[criterion.id]
        assert criterion.severity == severity
        assert {k: criterion.params[k] for k in defaults} == defaults
        assert criterion.title["sv"] and criterion.title["en"] and criterion.remedy["sv"]
    assert CATALOG.weights == {"critical": 5, "major": 3, "minor": 1}


def test_a_complete_point_is_ready_with_score_100():
    evaluation = result(ready_point())
    assert (evaluation.level, evaluation.score, evaluation.gaps) == ("ready", 100, ())
    assert evaluation.not_applicable == ()


@pytest.mark.parametrize(
    "criterion,make,days",
    [
        ("POWER-TEST-RUN", lambda d: with_power(last_test_run=d), 31),
        ("POWER-LOAD-TEST", lambda d: with_power(last_load_test=d), 365),
        ("POWER-FUEL-CHECK", lambda d: with_power(fuel_checked=d), 92),
        ("CONTACTS-REVIEWED", lambda d: ready_point(contacts_reviewed=d), 183),
        ("EXERCISE-RECENT", lambda d: ready_point(last_exercise=d), 365),
        ("AUDIT-RECENT", lambda d: ready_point(last_audit_on=d), 365),
        ("CONFIRMED-RECENT", lambda d: ready_point(data_confirmed_on=d), 183),
        (
            "CHANNEL-TESTED",
            lambda d: ready_point(
                channels=(ChannelFacts("rakel", d), ChannelFacts("notice_board", None))
            ),
            92,
        ),
    ],
)
def test_a_date_exactly_n_days_old_passes_and_n_plus_1_fails(criterion, make, days):
    assert criterion not in failed(make(ago(days)))
    assert criterion in failed(make(ago(days + 1)))


@pytest.mark.parametrize(
    "criterion,point",
    [
        ("POWER-TEST-RUN", with_power(last_test_run=None)),
        ("POWER-LOAD-TEST", with_power(last_load_test=None)),
        ("POWER-FUEL-CHECK", with_power(fuel_checked=None)),
        ("CONTACTS-REVIEWED", ready_point(contacts_reviewed=None)),
        ("EXERCISE-RECENT", ready_point(last_exercise=None)),
        ("AUDIT-RECENT", ready_point(last_audit_on=None)),
        ("CONFIRMED-RECENT", ready_point(data_confirmed_on=None)),
        (
            "CHANNEL-TESTED",
            ready_point(channels=(ChannelFacts("rakel", None), ChannelFacts("notice_board", None))),
        ),
        ("AGREEMENT-VALID", ready_point(agreement_until=None)),
        ("NOTICE-CURRENT", ready_point(posted_version=None)),
    ],
)
def test_a_missing_date_is_a_gap(criterion, point):
    assert criterion in failed(point)


def test_runtime_of_exactly_72_hours_passes_and_71_9_fails():
    assert "POWER-RUNTIME" not in failed(with_power(tank_litres=360.0, consumption_lph=5.0))
    evaluation = result(with_power(tank_litres=359.5, consumption_lph=5.0))
    [gap] = [g for g in evaluation.gaps if g.criterion == "POWER-RUNTIME"]
    assert gap.facts == {"hours": 71.9, "min_hours": 72}
    assert evaluation.level == "not_ready"


def test_runtime_just_below_the_limit_is_never_shown_as_the_limit():
    [gap] = [g for g in result(with_power(tank_litres=359.9, consumption_lph=5.0)).gaps]
    assert gap.facts["hours"] == 71.9  # 71.98 h is shown rounded down


def test_unknown_runtime_is_a_gap():
    assert "POWER-RUNTIME" in failed(with_power(consumption_lph=None))


def test_without_a_generator_the_generator_criteria_do_not_apply():
    point = with_power(
        source="connection_only",
        tank_litres=None,
        consumption_lph=None,
        last_test_run=None,
        last_load_test=None,
        fuel_checked=None,
        refuel_plan=None,
    )
    evaluation = result(point)
    assert set(evaluation.not_applicable) == {
        "POWER-RUNTIME",
        "POWER-TEST-RUN",
        "POWER-LOAD-TEST",
        "POWER-FUEL-CHECK",
        "POWER-REFUEL",
    }
    assert evaluation.failed == ["POWER-ONSITE"]
    # Total weight 70; not applicable 5+3+1+3+3 = 15 leaves 55; POWER-ONSITE (3) fails:
    # round(100 * 52 / 55) = round(94.5) = 95
    assert evaluation.score == 95


def test_with_no_power_at_all_covers_is_not_applicable_and_the_point_is_not_ready():
    evaluation = result(with_power(source="none"))
    assert "POWER-COVERS" in evaluation.not_applicable
    assert {"POWER-SOURCE", "POWER-ONSITE"} <= set(evaluation.failed)
    assert evaluation.level == "not_ready"


def test_channel_tested_does_not_apply_without_an_independent_channel():
    evaluation = result(ready_point(channels=(ChannelFacts("notice_board", None),)))
    assert "CHANNEL-TESTED" in evaluation.not_applicable
    assert "CHANNEL-INDEPENDENT" in evaluation.failed


def test_power_covers_requires_lighting_and_each_electric_service():
    point = ready_point(
        services=("heat", "charging", "information", "wifi"),
        power=replace(ready_point().power, covers=("heat", "charging")),
    )
    [gap] = [g for g in result(point).gaps if g.criterion == "POWER-COVERS"]
    assert gap.facts["missing"] == [("covers", "lighting"), ("covers", "wifi")]


def test_roles_need_a_phone_to_be_filled_and_two_holders_for_a_deputy():
    crew = (
        ContactFacts(None, True, ("point_manager",)),
        ContactFacts("+46701740606", True, ("power_responsible", "communications_responsible")),
    )
    assert {"ROLE-FILLED", "ROLE-DEPUTY"} <= failed(ready_point(contacts=crew))


def test_public_contact_needs_a_phone():
    crew = (ContactFacts(None, True, ()),) + ready_point().contacts[1:]
    assert "CONTACT-PUBLIC" in failed(ready_point(contacts=crew))


def test_agreement_is_valid_through_its_last_day():
    assert "AGREEMENT-VALID" not in failed(ready_point(agreement_until=AS_OF))
    assert "AGREEMENT-VALID" in failed(ready_point(agreement_until=ago(1)))
    assert "AGREEMENT-VALID" in failed(ready_point(agreement_from=date(2026, 12, 1)))


def test_notice_is_stale_when_the_posted_sheet_shows_older_content():
    assert "NOTICE-CURRENT" not in failed(ready_point(content_version=3, posted_version=3))
    stale = result(ready_point(content_version=4, posted_version=3))
    [gap] = [g for g in stale.gaps if g.criterion == "NOTICE-CURRENT"]
    assert gap.facts == {"date": date(2026, 1, 1)}


def test_score_weights_and_level_arithmetic():
    # Weights: 4 critical x 5 + 15 major x 3 + 5 minor x 1 = 70 applicable units.
    # Two major gaps and two minor gaps: round(100 * (70 - 6 - 2) / 70) = round(88.6) = 89
    point = ready_point(crisis_hours=None, address=None, last_exercise=None, last_audit_on=None)
    evaluation = result(point)
    assert evaluation.level == "gaps"
    assert evaluation.score == 89
    critical = result(ready_point(channels=(ChannelFacts("notice_board", None),)))
    assert critical.level == "not_ready"  # any critical gap
    # CHANNEL-TESTED (3) not applicable, CHANNEL-INDEPENDENT (5) fails: 100 * 62 / 67 = 92.5
    assert critical.score == 93


def test_half_scores_round_up():
    from readiness.criteria.engine import Gap, score_and_level

    # Passed weight 1 of applicable 2 -> exactly 50; 1 of 8 -> 12.5 rounds up to 13.
    passed = ["EXERCISE-RECENT"]
    gaps = [
        Gap("POWER-ONSITE", "major", {}),
        Gap("POWER-REFUEL", "major", {}),
        Gap("AUDIT-RECENT", "minor", {}),
    ]
    assert score_and_level(CATALOG, passed, gaps) == (13, "gaps")


def test_the_same_data_evaluated_at_two_dates_gives_each_dates_answer():
    point = with_power(last_test_run=date(2026, 11, 1))
    on_time = result(point, as_of=date(2026, 12, 2))
    late = result(point, as_of=date(2026, 12, 3))
    assert "POWER-TEST-RUN" in on_time.passed and "POWER-TEST-RUN" in late.failed
    [gap] = [g for g in late.gaps if g.criterion == "POWER-TEST-RUN"]
    assert gap.facts == {"date": date(2026, 11, 1), "age": 32, "days": 31}  # as of Dec 3


def test_municipality_override_changes_the_limit_and_the_version():
    overrides = {"Vilhelmina": {"POWER-RUNTIME.min_hours": 96}}
    vilhelmina = catalog_for("Vilhelmina", overrides)
    assert vilhelmina.version == "2026.3+vilhelmina"
    assert vilhelmina.get("POWER-RUNTIME").params["min_hours"] == 96
    assert catalog_for("Krokom", overrides).version == "2026.3"
    point = ready_point(municipality="Vilhelmina")  # 400 l / 5 l/h = 80 h
    assert "POWER-RUNTIME" in failed(point, catalog=vilhelmina)
    assert "POWER-RUNTIME" not in failed(point)
    assert base_catalog().get("POWER-RUNTIME").params["min_hours"] == 72  # base untouched


def test_evaluate_local_catalog_at_a_freed_catalogs_address_applies_its_own_limits():
    from readiness.criteria import engine

    vilhelmina = catalog_for("Vilhelmina", {"Vilhelmina": {"POWER-RUNTIME.min_hours": 96}})
    # Plans are cached by id(); a new catalog may live where a freed one did (here: the base
    # catalog's plan left under the new catalog's address). Its own 96 h must still apply.
    engine._PLANS[id(vilhelmina)] = (CATALOG, engine._plan(CATALOG))
    try:
        assert "POWER-RUNTIME" in failed(ready_point(), catalog=vilhelmina)  # 80 h < 96 h
    finally:
        engine._PLANS.pop(id(vilhelmina), None)


@pytest.mark.parametrize(
    "overrides",
    [
        {"Krokom": {"POWER-RUNTIME.max_hours": 96}},
        {"Krokom": {"NO-SUCH.days": 3}},
        {"Krokom": {"POWER-TEST-RUN.days": "thirty"}},
    ],
)
def test_overrides_of_unknown_parameters_are_refused(overrides):
    with pytest.raises(CatalogError):
        validate_overrides(overrides)
