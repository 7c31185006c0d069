"""The dashboard's work list and figures, and the point page's gap order, from evaluations alone."""

from __future__ import annotations

from dataclasses import replace

from readiness.criteria.catalog import base_catalog
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import ChannelFacts
from readiness.criteria.services import Assessed, dashboard, point_readiness_view, work_list
from tests.criteria.builders import AS_OF, ago, ready_point, with_power

CATALOG = base_catalog()


def assessed(point) -> Assessed:
    return Assessed(point, CATALOG, evaluate(point, CATALOG, AS_OF))


def mixed_gaps(**changes):
    """Not ready, with gaps of every severity, a major one before the critical one in the
    catalog: POWER-TEST-RUN (major), POWER-LOAD-TEST (minor), CHANNEL-INDEPENDENT (critical),
    INFO-CRISIS-HOURS (major)."""
    point = ready_point(
        power=replace(ready_point().power, last_test_run=ago(40), last_load_test=ago(800)),
        crisis_hours="",
        channels=(ChannelFacts("notice_board", None),),
    )
    return replace(point, **changes)


def test_work_list_gaps_are_critical_then_major_then_minor_in_catalog_order():
    [item] = work_list([assessed(mixed_gaps())], "en")
    assert [gap["criterion"] for gap in item.gaps] == [
        "CHANNEL-INDEPENDENT",
        "POWER-TEST-RUN",
        "INFO-CRISIS-HOURS",
        "POWER-LOAD-TEST",
    ]


def test_work_list_gaps_read_as_title_and_message_in_words():
    [item] = work_list([assessed(mixed_gaps())], "en")
    test_run = next(gap for gap in item.gaps if gap["criterion"] == "POWER-TEST-RUN")
    assert test_run["title"] == "Monthly test run"
    assert test_run["message"] == f"Last test run {ago(40).isoformat()}, 40 days ago (limit 31)."


def test_work_list_first_remedy_is_the_most_severe_gaps_remedy():
    [item] = work_list([assessed(mixed_gaps())], "sv")
    assert item.first_remedy == CATALOG.get("CHANNEL-INDEPENDENT").remedy["sv"]


def test_work_list_critical_holds_only_the_critical_gaps():
    [item] = work_list([assessed(mixed_gaps())], "en")
    assert [gap["criterion"] for gap in item.critical] == ["CHANNEL-INDEPENDENT"]


def test_work_list_shows_the_critical_gaps_first_and_keeps_the_others_for_later():
    [item] = work_list([assessed(mixed_gaps())], "en")
    assert [gap["criterion"] for gap in item.most_severe] == ["CHANNEL-INDEPENDENT"]
    assert [gap["criterion"] for gap in item.others] == [
        "POWER-TEST-RUN",
        "INFO-CRISIS-HOURS",
        "POWER-LOAD-TEST",
    ]


def test_work_list_without_critical_gaps_shows_the_major_ones_first():
    point = replace(with_power(last_test_run=ago(40), last_load_test=ago(800)), crisis_hours="")
    [item] = work_list([assessed(point)], "en")
    assert [gap["criterion"] for gap in item.most_severe] == [
        "POWER-TEST-RUN",
        "INFO-CRISIS-HOURS",
    ]
    assert [gap["criterion"] for gap in item.others] == ["POWER-LOAD-TEST"]


def test_work_list_leaves_out_points_without_gaps():
    items = work_list([assessed(ready_point(id=1)), assessed(mixed_gaps(id=2))], "en")
    assert [item.point.id for item in items] == [2]


def test_work_list_puts_not_ready_first_then_the_lowest_score():
    almby = assessed(replace(with_power(last_test_run=ago(40)), id=1, name="Almby"))
    many_majors = with_power(last_test_run=ago(40), fuel_checked=ago(400), refuel_plan="")
    bergby = assessed(
        replace(many_majors, crisis_hours="", has_agreement=False, id=2, name="Bergby")
    )
    cedby = assessed(replace(with_power(source="none"), id=3, name="Cedby"))
    # The premise: Cedby is not ready yet scores above Bergby, which scores below Almby.
    assert (cedby.evaluation.level, bergby.evaluation.level) == ("not_ready", "gaps")
    assert almby.evaluation.score > cedby.evaluation.score > bergby.evaluation.score
    items = work_list([almby, bergby, cedby], "en")
    assert [item.point.name for item in items] == ["Cedby", "Bergby", "Almby"]


def test_dashboard_with_a_level_still_counts_every_level_for_the_tiles():
    figures = dashboard([assessed(ready_point(id=1)), assessed(mixed_gaps(id=2))], "not_ready")
    assert figures.counts == {"ready": 1, "gaps": 0, "not_ready": 1}


def test_dashboard_with_a_level_keeps_only_that_levels_points_in_the_other_figures():
    ready = assessed(ready_point(id=1, municipality="Vilhelmina", area="Dikanäs"))
    gaps = assessed(replace(with_power(last_test_run=ago(40)), id=2, area="Trångsviken"))
    not_ready = assessed(mixed_gaps(id=3, area="Föllinge"))
    figures = dashboard([ready, gaps, not_ready], "not_ready")
    assert [a.facts.id for a in figures.points] == [3]
    assert [(row["municipality"], row["area"]) for row in figures.by_place] == [
        ("Krokom", None),
        ("Krokom", "Föllinge"),
    ]
    assert {gap["criterion"] for gap in figures.common_gaps} == {
        "POWER-TEST-RUN",
        "POWER-LOAD-TEST",
        "CHANNEL-INDEPENDENT",
        "INFO-CRISIS-HOURS",
    }
    assert all(gap["points"] == [not_ready] for gap in figures.common_gaps)


def test_point_readiness_view_lists_critical_gaps_first_in_catalog_order():
    view = point_readiness_view(assessed(mixed_gaps()), "en")
    assert [gap["severity"] for gap in view["gaps"]] == ["critical", "major", "major", "minor"]
    assert [gap["criterion"] for gap in view["gaps"]][1:3] == [
        "POWER-TEST-RUN",
        "INFO-CRISIS-HOURS",
    ]
