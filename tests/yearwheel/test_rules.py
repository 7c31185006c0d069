"""The årshjul's due dates, as pure functions of point facts and a date."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from readiness.criteria.catalog import base_catalog, catalog_for
from readiness.criteria.facts import ChannelFacts, PowerFacts
from readiness.timeutil import STOCKHOLM
from readiness.yearwheel.rules import (
    CHANNEL_TEST,
    EXERCISE,
    GENERATOR_TEST,
    SERVICEFORUM,
    YEARLY_REPORT,
    OwnTask,
    add_months,
    municipal_tasks,
    occurrences,
    point_tasks,
    sort_tasks,
)
from tests.criteria.builders import ready_point

CATALOG = base_catalog()


def generator_task(as_of: date, last_test_run: date | None, catalog=CATALOG):
    point = ready_point(power=replace(ready_point().power, last_test_run=last_test_run))
    return next(t for t in point_tasks(point, catalog, as_of, "K7RM4Q") if t.task == GENERATOR_TEST)


def test_add_months_from_31_august_in_a_leap_year_lands_on_29_february():
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_add_months_from_31_august_in_a_common_year_lands_on_28_february():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_generator_test_from_the_last_of_january_is_due_in_march():
    assert generator_task(date(2027, 2, 1), date(2027, 1, 31)).due == date(2027, 3, 3)


def test_generator_test_over_february_of_a_leap_year_counts_29_february():
    assert generator_task(date(2028, 2, 2), date(2028, 2, 1)).due == date(2028, 3, 3)


def test_generator_test_over_february_of_a_common_year_skips_to_4_march():
    assert generator_task(date(2027, 2, 2), date(2027, 2, 1)).due == date(2027, 3, 4)


def test_generator_test_over_the_spring_dst_change_is_due_31_calendar_days_later():
    # Sweden moves to summer time on 28 March 2027: a day of 23 hours changes no date.
    assert generator_task(date(2027, 3, 20), date(2027, 3, 10)).due == date(2027, 4, 10)


def test_generator_test_on_the_autumn_dst_night_uses_the_swedish_date():
    # 30 Oct 2027 22:30 UTC is already 31 Oct in Sweden (the night summer time ends).
    as_of = datetime(2027, 10, 30, 22, 30, tzinfo=UTC).astimezone(STOCKHOLM).date()
    task = generator_task(as_of, date(2027, 9, 30))
    assert (as_of, task.due, task.overdue) == (date(2027, 10, 31), date(2027, 10, 31), False)


def test_generator_test_on_its_due_day_is_not_overdue():
    assert generator_task(date(2027, 3, 3), date(2027, 1, 31)).overdue is False


def test_generator_test_the_day_after_its_due_day_is_overdue():
    assert generator_task(date(2027, 3, 4), date(2027, 1, 31)).overdue is True


def test_generator_test_never_recorded_is_overdue_today():
    task = generator_task(date(2027, 3, 4), None)
    assert (task.due, task.overdue) == (date(2027, 3, 4), True)


def test_generator_test_with_a_lowered_limit_follows_the_municipality_rhythm():
    catalog = catalog_for("Krokom", {"Krokom": {"POWER-TEST-RUN.days": 14}})
    assert generator_task(date(2027, 1, 2), date(2027, 1, 1), catalog).due == date(2027, 1, 15)


def test_point_without_a_generator_has_no_generator_test_or_fuel_check():
    point = ready_point(power=PowerFacts(source="connection_only"))
    tasks = {t.task for t in point_tasks(point, CATALOG, date(2027, 1, 1), "K7RM4Q")}
    assert tasks == {"contacts_review", "channel_test", "exercise"}


def test_channel_tests_are_one_task_per_independent_channel_kind():
    point = ready_point(
        channels=(
            ChannelFacts("rakel", date(2026, 12, 1)),
            ChannelFacts("vhf_radio", date(2026, 11, 1)),
            ChannelFacts("notice_board", None),
        )
    )
    tasks = point_tasks(point, CATALOG, date(2027, 1, 1), "K7RM4Q")
    assert sorted((t.channel, t.due) for t in tasks if t.task == CHANNEL_TEST) == [
        ("rakel", date(2027, 3, 3)),
        ("vhf_radio", date(2027, 2, 1)),
    ]


def test_yearly_exercise_is_due_365_days_after_the_last():
    point = ready_point(last_exercise=date(2027, 3, 1))
    task = next(t for t in point_tasks(point, CATALOG, date(2027, 3, 2), "X") if t.task == EXERCISE)
    assert task.due == date(2028, 2, 29)


def test_serviceforum_is_due_six_months_after_the_last_meeting():
    tasks = municipal_tasks("Krokom", {SERVICEFORUM: date(2027, 8, 31)}, [], date(2027, 9, 1))
    assert next(t for t in tasks if t.task == SERVICEFORUM).due == date(2028, 2, 29)


def test_yearly_report_done_in_january_is_due_next_january():
    tasks = municipal_tasks("Krokom", {YEARLY_REPORT: date(2027, 1, 20)}, [], date(2027, 5, 1))
    assert next(t for t in tasks if t.task == YEARLY_REPORT).due == date(2028, 1, 31)


def test_yearly_report_not_done_by_february_is_overdue():
    tasks = municipal_tasks("Krokom", {YEARLY_REPORT: date(2026, 1, 20)}, [], date(2027, 2, 1))
    report = next(t for t in tasks if t.task == YEARLY_REPORT)
    assert (report.due, report.overdue) == (date(2027, 1, 31), True)


def test_own_task_is_due_on_its_first_date_until_done():
    own = OwnTask(7, "Krokom", "Övning med hemvärnet", 12, date(2027, 5, 15))
    tasks = municipal_tasks("Krokom", {}, [own], date(2027, 1, 1))
    assert [(t.title, t.due) for t in tasks if t.own_task_id] == [
        ("Övning med hemvärnet", date(2027, 5, 15))
    ]


def test_own_task_done_is_due_every_months_later():
    own = OwnTask(7, "Krokom", "Övning", 3, date(2027, 5, 15))
    tasks = municipal_tasks("Krokom", {"own_task:7": date(2027, 11, 30)}, [own], date(2027, 12, 1))
    assert next(t for t in tasks if t.own_task_id).due == date(2028, 2, 29)


def test_sorted_tasks_come_in_due_order():
    point = ready_point(
        power=replace(ready_point().power, last_test_run=date(2027, 1, 1)),
        last_exercise=date(2026, 6, 1),
    )
    tasks = sort_tasks(point_tasks(point, CATALOG, date(2027, 1, 5), "X"))
    assert [t.due for t in tasks] == sorted(t.due for t in tasks)


def test_monthly_rhythm_from_the_31st_keeps_the_last_day_of_short_months():
    tasks = municipal_tasks("Krokom", {SERVICEFORUM: date(2027, 2, 28)}, [], date(2027, 3, 1))
    forum = replace(next(t for t in tasks if t.task == SERVICEFORUM), due=date(2027, 8, 31))
    assert list(occurrences(forum, date(2027, 1, 1), date(2028, 12, 31), date(2027, 3, 1))) == [
        date(2027, 8, 31),
        date(2028, 2, 29),
        date(2028, 8, 31),
    ]
