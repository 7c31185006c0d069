"""The årshjul's tasks in words, in the request's language."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from readiness.labels import label
from readiness.yearwheel.rules import (
    CHANNEL_TEST,
    CONTACTS_REVIEW,
    EXERCISE,
    FUEL_CHECK,
    GENERATOR_TEST,
    SERVICEFORUM,
    YEARLY_REPORT,
    Task,
)

TASK_NAMES = {
    GENERATOR_TEST: _l("Generator test run"),
    FUEL_CHECK: _l("Fuel check"),
    CONTACTS_REVIEW: _l("Contact list review"),
    CHANNEL_TEST: _l("Communications test"),
    EXERCISE: _l("Exercise"),
    SERVICEFORUM: _l("Serviceforum meeting"),
    YEARLY_REPORT: _l("Yearly report to the municipal council"),
}


def task_name(task: Task) -> str:
    """What to do: "Generator test run", "Communications test: RAKEL", an own task's title."""
    if task.title:
        return task.title
    name = str(TASK_NAMES[task.task])
    if task.channel:
        return f"{name}: {label('channel', task.channel)}"
    return name


def task_place(task: Task) -> str:
    """Where: the point (name and code) or the municipality."""
    if task.point_name:
        return f"{task.point_name} ({task.point_code})" if task.point_code else task.point_name
    return task.municipality


def task_state(task: Task, as_of: date) -> str:
    """The task's state in words (never colour alone)."""
    if task.never_done and task.point_id is not None:
        return _("Never recorded: do it now")
    if task.overdue:
        days = task.days_overdue(as_of)
        return ngettext("Overdue by %(num)s day", "Overdue by %(num)s days", days)
    if task.due == as_of:
        return _("Due today")
    return ngettext("Due in %(num)s day", "Due in %(num)s days", (task.due - as_of).days)
