"""The year view: twelve months of the wheel, each with its tasks grouped by what to do."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_date

from readiness.yearwheel.rules import Task, add_months, next_date, occurrences
from readiness.yearwheel.text import task_name

MONTHS = 12


@dataclass(frozen=True)
class Entry:
    day: date
    place: str  # the point's code, or the municipality for its own tasks
    overdue: bool


@dataclass(frozen=True)
class Month:
    first_day: date
    groups: list[tuple[str, list[Entry]]]  # (task in words, its dates this month)

    @property
    def title(self) -> str:
        """The month and year in the request's language ("november 2026" capitalised)."""
        return format_date(self.first_day, "LLLL yyyy").capitalize()


def year_months(tasks: list[Task], as_of: date, months: int = MONTHS) -> list[Month]:
    """`months` months from the one `as_of` is in; each task's dates follow its rhythm from its
    next date (an overdue task is on today, marked overdue)."""
    start = as_of.replace(day=1)
    end = add_months(start, months) - timedelta(days=1)
    by_month: dict[date, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for task in tasks:
        first = next_date(task, as_of)
        for day in occurrences(task, start, end, as_of):
            place = task.point_code or task.municipality
            by_month[day.replace(day=1)][task_name(task)].append(
                Entry(day, place, task.overdue and day == first)
            )
    result = []
    for index in range(months):
        first = add_months(start, index)
        groups = by_month.get(first, {})
        result.append(
            Month(
                first,
                [
                    (name, sorted(entries, key=lambda e: (e.day, e.place)))
                    for name, entries in sorted(groups.items())
                ],
            )
        )
    return result
