"""The årshjul as an iCalendar feed (RFC 5545) that calendar apps subscribe to."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event

from readiness.yearwheel.rules import Task, next_date
from readiness.yearwheel.text import task_name, task_place, task_state


def recurrence(task: Task, start: date) -> dict | None:
    """The RRULE of the task's rhythm, counted from `start` (its next date).

    A monthly rhythm from a day some months lack (the 29th-31st) takes the month's last day
    instead, as `add_months` does: BYMONTHDAY 28..day with BYSETPOS -1 picks the latest of
    those days the month has."""
    if task.every_days:
        return {"FREQ": "DAILY", "INTERVAL": task.every_days}
    if task.every_months:
        rule = {"FREQ": "MONTHLY", "INTERVAL": task.every_months}
        if start.day > 28:
            rule.update({"BYMONTHDAY": list(range(28, start.day + 1)), "BYSETPOS": -1})
        return rule
    return None


def calendar_bytes(tasks: Iterable[Task], as_of: date, now: datetime, domain: str) -> bytes:
    """One all-day VEVENT per task on its next date (today when overdue, the summary saying
    so), repeating with the task's rhythm."""
    calendar = Calendar()
    calendar.add("prodid", "-//Trygghetspunktsregistret//Arshjul//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Annual wheel – safety points"))
    # Calendar apps poll a subscription; twice a day keeps due dates current.
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for task in tasks:
        event = Event()
        event.add("uid", f"{task.key}@{domain}")
        event.add("dtstamp", now)
        start = next_date(task, as_of)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(days=1))
        summary = f"{task_name(task)} – {task_place(task)}"
        if task.overdue:
            summary = _("Overdue: %(task)s", task=summary)
        event.add("summary", summary)
        event.add("description", task_state(task, as_of))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        rule = recurrence(task, start)
        if rule:
            event.add("rrule", rule)
        calendar.add_component(event)
    return calendar.to_ical()
