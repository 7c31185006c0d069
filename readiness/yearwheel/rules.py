"""The årshjul's rules: which recurring tasks fall due when, derived from plain data.

Pure functions of point facts, the criteria parameters in force, what a municipality recorded as
done and its own tasks. A task is due `days` after the date it was last done (the criterion's
limit: a point is still within it on the due day and overdue the day after), so recording a
generator test run on the point moves its task; nobody ticks it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from readiness.criteria.catalog import Catalog
from readiness.criteria.facts import PointFacts
from readiness.points.power import generator_on_site

# Task keys, as the API and TaskDone rows name them.
GENERATOR_TEST = "generator_test"
FUEL_CHECK = "fuel_check"
CONTACTS_REVIEW = "contacts_review"
CHANNEL_TEST = "channel_test"
EXERCISE = "exercise"
SERVICEFORUM = "serviceforum"
YEARLY_REPORT = "yearly_report"
OWN_TASK = "own_task"
# Municipality-level tasks a coordinator records as done (the data cannot show them).
RECORDED_TASKS = (SERVICEFORUM, YEARLY_REPORT)
SERVICEFORUM_MONTHS = 6
REPORT_MONTH, REPORT_DAY = 1, 31  # the yearly report goes to the council in January


@dataclass(frozen=True, slots=True)
class OwnTask:
    """A municipality's own recurring task (a MunicipalTask row as plain data)."""

    id: int
    municipality: str
    title: str
    every_months: int
    first_due: date


@dataclass(frozen=True, slots=True)
class Task:
    task: str
    due: date
    overdue: bool
    municipality: str
    point_id: int | None = None
    point_code: str | None = None
    point_name: str | None = None
    channel: str | None = None  # the channel kind of a channel test
    title: str | None = None  # an own task's title
    own_task_id: int | None = None
    never_done: bool = False
    # The rhythm: every `every_days` days, or every `every_months` months.
    every_days: int | None = None
    every_months: int | None = None

    @property
    def key(self) -> str:
        """Stable over time for the same task (the calendar event's UID)."""
        where = self.point_code or self.municipality
        which = self.channel or (str(self.own_task_id) if self.own_task_id else "")
        return "-".join(part for part in (self.task, which, where) if part)

    def days_overdue(self, as_of: date) -> int:
        return (as_of - self.due).days if self.overdue else 0


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day the month lacks becomes its last (31 Aug + 6 → 28/29
    Feb), as in the calendar feed's rule."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _known(day: date | None, as_of: date) -> date | None:
    """A date after `as_of` had not happened yet on `as_of` (as in the criteria engine)."""
    return day if day is not None and day <= as_of else None


def _dated(
    task: str, last: date | None, days: int, as_of: date, point: PointFacts, code: str | None
) -> Task:
    last = _known(last, as_of)
    if last is None:
        # Never recorded: the criterion already fails, so the task is overdue now.
        due, overdue = as_of, True
    else:
        due = last + timedelta(days=days)
        overdue = due < as_of
    return Task(
        task=task,
        due=due,
        overdue=overdue,
        municipality=point.municipality,
        point_id=point.id,
        point_code=code,
        point_name=point.name,
        never_done=last is None,
        every_days=days,
    )


def point_tasks(point: PointFacts, catalog: Catalog, as_of: date, code: str | None) -> list[Task]:
    """The recurring tasks of one point, with the limits of the catalog in force for it."""

    def days(criterion: str) -> int:
        return int(catalog.get(criterion).params["days"])

    tasks = []
    if generator_on_site(point.power.source):
        tasks.append(
            _dated(
                GENERATOR_TEST,
                point.power.last_test_run,
                days("POWER-TEST-RUN"),
                as_of,
                point,
                code,
            )
        )
        tasks.append(
            _dated(
                FUEL_CHECK, point.power.fuel_checked, days("POWER-FUEL-CHECK"), as_of, point, code
            )
        )
    tasks.append(
        _dated(
            CONTACTS_REVIEW, point.contacts_reviewed, days("CONTACTS-REVIEWED"), as_of, point, code
        )
    )
    tested = catalog.get("CHANNEL-TESTED").params
    for kind in dict.fromkeys(ch.kind for ch in point.channels if ch.kind in tested["kinds"]):
        # Two channels of a kind are tested together: the older test sets the date.
        dates = [_known(ch.last_tested, as_of) for ch in point.channels if ch.kind == kind]
        last = None if None in dates else min(dates)
        task = _dated(CHANNEL_TEST, last, int(tested["days"]), as_of, point, code)
        tasks.append(replace(task, channel=kind))
    tasks.append(_dated(EXERCISE, point.last_exercise, days("EXERCISE-RECENT"), as_of, point, code))
    return tasks


def municipal_tasks(
    municipality: str,
    done: Mapping[str, date],
    own: Iterable[OwnTask],
    as_of: date,
) -> list[Task]:
    """Serviceforum, the yearly report and the municipality's own tasks. `done` maps a task key
    (`serviceforum`, `yearly_report`, `own_task:<id>`) to the last day it was recorded done."""
    tasks = []
    last = _known(done.get(SERVICEFORUM), as_of)
    # Never held: due now, not yet overdue (the register cannot know the last meeting).
    due = add_months(last, SERVICEFORUM_MONTHS) if last else as_of
    tasks.append(
        Task(
            SERVICEFORUM,
            due,
            due < as_of,
            municipality,
            never_done=last is None,
            every_months=SERVICEFORUM_MONTHS,
        )
    )
    last = _known(done.get(YEARLY_REPORT), as_of)
    if last is not None:
        due = date(last.year + 1, REPORT_MONTH, REPORT_DAY)
    else:  # the next January's report
        year = as_of.year if as_of <= date(as_of.year, REPORT_MONTH, REPORT_DAY) else as_of.year + 1
        due = date(year, REPORT_MONTH, REPORT_DAY)
    tasks.append(
        Task(
            YEARLY_REPORT, due, due < as_of, municipality, never_done=last is None, every_months=12
        )
    )
    for item in own:
        last = _known(done.get(own_task_key(item.id)), as_of)
        due = add_months(last, item.every_months) if last else item.first_due
        tasks.append(
            Task(
                OWN_TASK,
                due,
                due < as_of,
                municipality,
                title=item.title,
                own_task_id=item.id,
                never_done=last is None,
                every_months=item.every_months,
            )
        )
    return tasks


def own_task_key(task_id: int) -> str:
    return f"{OWN_TASK}:{task_id}"


def sort_tasks(tasks: Iterable[Task]) -> list[Task]:
    """Due date first; then municipality tasks before point tasks, by point code and task."""
    return sorted(
        tasks, key=lambda t: (t.due, t.point_code or "", t.task, t.channel or "", t.title or "")
    )


def due_within(tasks: Iterable[Task], as_of: date, within_days: int | None) -> list[Task]:
    """Tasks due on or before `as_of + within_days` (every overdue task included)."""
    if within_days is None:
        return list(tasks)
    until = as_of + timedelta(days=within_days)
    return [t for t in tasks if t.due <= until]


def next_date(task: Task, as_of: date) -> date:
    """The day the task is next on the calendar: its due date, or today when overdue."""
    return max(task.due, as_of)


def occurrences(task: Task, start: date, end: date, as_of: date) -> Iterator[date]:
    """The task's dates from `start` to `end` (inclusive): its rhythm counted from its next date
    as if each one is done on the day (the calendar feed's RRULE gives the same dates)."""
    first = next_date(task, as_of)
    index = 0
    while True:
        if task.every_days:
            day = first + timedelta(days=task.every_days * index)
        elif task.every_months:
            day = add_months(first, task.every_months * index)
        else:
            day = first if index == 0 else None
        if day is None or day > end:
            return
        if day >= start:
            yield day
        index += 1
