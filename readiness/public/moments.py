"""When a crisis state was set, as residents read it: "tis 1 dec 14:05" (Swedish time)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_datetime, to_user_timezone

from readiness.timeutil import as_utc, utcnow


def short_moment(value: datetime | None, now: datetime | None = None) -> str:
    """Weekday, day, month and time in Sweden's time zone; the year only when it is not this
    year's. The month has no abbreviation dot ("dec", not "dec.") so it reads as one phrase."""
    if value is None:
        return ""
    moment = as_utc(value)
    same_year = to_user_timezone(moment).year == to_user_timezone(now or utcnow()).year
    weekday = format_datetime(moment, "EEE").rstrip(".")
    month = format_datetime(moment, "MMM").rstrip(".")
    day = format_datetime(moment, "d")
    year = "" if same_year else format_datetime(moment, " y")
    return f"{weekday} {day} {month}{year} {format_datetime(moment, 'HH:mm')}"
