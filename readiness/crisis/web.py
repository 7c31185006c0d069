"""Crisis operations in words, for the register's pages (request-bound: the reader's language
and time zone come from Flask-Babel). Reads only; the forms post to crisis/views.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app
from flask_babel import force_locale, format_datetime, format_timedelta, gettext, ngettext
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from readiness.crisis import services
from readiness.crisis.fuel import FuelLeft
from readiness.crisis.models import CrisisEvent, FuelReading
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.i18n import display_number, plural_count
from readiness.labels import choose_one_of
from readiness.points import enums
from readiness.points.models import Point
from readiness.timeutil import as_utc
from readiness.validation import unknown_choice

# The criteria whose gaps matter while the point is open: power and a channel that works
# without the mobile and fixed networks.
BOARD_CRITERIA = ("POWER-ONSITE", "CHANNEL-INDEPENDENT")
RECENT_LOG_ENTRIES = 5
# A weekday alone names the wrong day once the fuel lasts a week or more.
WEEKDAY_ONLY_HOURS = 6 * 24
# What residents read when a point opens or closes, offered as a suggestion (in the data
# language, Swedish, whatever language the coordinator reads the register in).
DEFAULT_MESSAGES = {
    "open": _l("Open around the clock. Heat, water and charging available."),
    "closed": _l(
        "Closed for now. Follow the municipality's information for the nearest open point."
    ),
}
SCOPE_FIELDS = ("point", "area", "municipality")


def default_message(state: str) -> str:
    if state not in DEFAULT_MESSAGES:
        return ""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return str(DEFAULT_MESSAGES[state])


def age_in_words(moment: datetime | None, now: datetime) -> str:
    """How long ago, as people say it: "för 2 timmar sedan"."""
    if moment is None:
        return ""
    return format_timedelta(as_utc(moment) - now, add_direction=True)


def time_in_words(moment: datetime, now: datetime) -> str:
    """A moment near `now` as a weekday and time ("tisdag 14:00"), with the date further off."""
    ahead = abs((as_utc(moment) - now).total_seconds()) / 3600
    pattern = "EEEE HH:mm" if ahead < WEEKDAY_ONLY_HOURS else "EEEE d MMMM HH:mm"
    return format_datetime(as_utc(moment), pattern)


@dataclass(frozen=True)
class FuelView:
    """Hours of power left in words, with a flag when it needs someone now or is unknown."""

    left: FuelLeft
    reading: FuelReading | None
    summary: str  # "Räcker till ca tisdag 14:00 (30 h)", or why it is not known
    flag: str | None  # "Mindre än ett dygn kvar", "Förbrukning saknas", ...
    urgent: bool


def _unknown_reason(point: Point, reading: FuelReading | None) -> str:
    power = point.power
    if reading is None:
        return gettext("No fuel reading yet")
    if power is None or not power.consumption_lph:
        return gettext("Consumption unknown")
    return gettext("Tank size unknown")


def fuel_view(point: Point, reading: FuelReading | None, left: FuelLeft, now: datetime) -> FuelView:
    if left.hours_left is None or left.runs_out_at is None:
        reason = _unknown_reason(point, reading)
        return FuelView(left, reading, gettext("Hours left unknown."), reason, False)
    when = time_in_words(left.runs_out_at, now)
    if left.hours_left <= 0:
        summary = gettext("Out of fuel since about %(when)s.", when=when)
        return FuelView(left, reading, summary, gettext("Out of fuel"), True)
    summary = gettext(
        "Lasts until about %(when)s (%(hours)s h).",
        when=when,
        hours=display_number(left.hours_left),
    )
    flag = gettext("Less than a day left") if left.low else None
    return FuelView(left, reading, summary, flag, left.low)


def reading_in_words(reading: FuelReading) -> str:
    """What a fuel reading said: "120 liter", "25 %", "Påfyllt till fullt"."""
    if reading.litres is not None:
        amount = ngettext(
            "%(value)s litre",
            "%(value)s litres",
            plural_count(reading.litres),
            value=display_number(reading.litres),
        )
    elif reading.percent is not None:
        amount = gettext("%(value)s %% of the tank", value=display_number(reading.percent))
    else:
        return gettext("Refuelled to full")
    return gettext("Refuelled to %(amount)s", amount=amount) if reading.refuelled else amount


def people_in_words(people: int | None) -> str:
    if people is None:
        return ""
    return ngettext("%(value)s person", "%(value)s people", people, value=people)


def point_fuel_view(point: Point, now: datetime) -> FuelView:
    reading = services.latest_readings(db.session, [point.id]).get(point.id)
    return fuel_view(point, reading, services.point_fuel(point, reading, now), now)


def point_crisis_section(point: Point, now: datetime) -> dict:
    """What the point page's crisis section needs: the event, hours left, recent log entries."""
    event = db.session.get(CrisisEvent, point.crisis_event_id) if point.crisis_event_id else None
    return {
        "crisis_event": event,
        "crisis_fuel": point_fuel_view(point, now),
        "crisis_log": services.recent_log_entries(db.session, point.id, RECENT_LOG_ENTRIES),
        "crisis_age": age_in_words(point.crisis_since, now),
        "log_values": {},
        "log_errors": {},
    }


# --- Forms --------------------------------------------------------------------------------


def _number(raw: str | None) -> str | None:
    """A number as typed, read with Swedish decimals and spaces ("1 200,5")."""
    text = (raw or "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    return text or None


def log_input(form: MultiDict) -> dict:
    return {"text": form.get("log_text", ""), "people": _number(form.get("log_people"))}


def fuel_input(form: MultiDict) -> dict:
    return {
        "litres": _number(form.get("fuel_litres")),
        "percent": _number(form.get("fuel_percent")),
        "refuelled": "fuel_refuelled" in form,
    }


def prefixed_errors(errors: dict[str, list[str]], prefix: str) -> dict[str, list[str]]:
    """Service errors keyed by the form's field names (`litres` -> `fuel_litres`)."""
    fields = {"text", "people", "litres", "percent", "refuelled"}
    return {(f"{prefix}_{k}" if k in fields else k): v for k, v in errors.items()}


def activation_values(form: MultiDict) -> dict:
    """The activation form as typed, to show again beside its errors."""
    return {
        "state": form.get("state", ""),
        "message": form.get("message", ""),
        "event": form.get("event", ""),
        "exercise": "exercise" in form,
        **{name: form.get(name, "") for name in SCOPE_FIELDS},
    }


def activation_input(values: dict, areas: dict[str, tuple[str, str]]) -> dict:
    """The service's input from the form: exactly one of a point (code), an area (id, from
    `areas`: id -> (municipality, area)) or a municipality. Back to normal names no event:
    each point leaves its own."""
    chosen = [name for name in SCOPE_FIELDS if values.get(name)]
    if len(chosen) != 1:
        message = (
            _l("Choose a point, an area or a municipality.")
            if not chosen
            else _l("Choose only one: a point, an area or a municipality.")
        )
        raise Invalid({"scope": [str(message)]})
    state = values.get("state") or None
    data: dict = {"state": state, "message": values.get("message") or None}
    if state != "normal":
        data["event"] = values.get("event") or None
        data["exercise"] = bool(values.get("exercise"))
    else:
        data["message"] = None
    if chosen == ["point"]:
        data["codes"] = [values["point"]]
    elif chosen == ["area"]:
        if values["area"] not in areas:
            raise Invalid({"area": [str(_l("Not one of the choices."))]})
        data["municipality"], data["area"] = areas[values["area"]]
    else:
        data["municipality"] = values["municipality"]
    return data


def activation_errors(errors: dict[str, list[str]], values: dict) -> dict[str, list[str]]:
    """Service errors keyed by the form's fields: codes belong to the point select, a place
    to the select that was used."""
    place = "area" if values.get("area") else "municipality"
    unknown_state = unknown_choice(enums.CRISIS_STATES)
    mapped: dict[str, list[str]] = {}
    for key, messages in errors.items():
        field = {"codes": "point", "municipality": place, "area": "area"}.get(key, key)
        field = "point" if field.startswith("codes.") else field
        # The radio buttons' words, not the stored keys the API names.
        words = [choose_one_of("crisis_state") if m == unknown_state else m for m in messages]
        mapped.setdefault(field, []).extend(words)
    return mapped


def register(app: Flask) -> None:
    app.jinja_env.filters.update(fuel_reading=reading_in_words, people=people_in_words)
