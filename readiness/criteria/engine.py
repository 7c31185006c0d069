"""Readiness evaluation: a pure function of point facts, the catalog and an `as_of` date.

No request, no clock, no database here. Each check returns PASS, NOT_APPLICABLE or the facts of
a gap (a dict), which `messages.py` turns into words in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from readiness.areas.roles import area_role_coverage
from readiness.criteria.catalog import Catalog
from readiness.criteria.facts import PointFacts
from readiness.notices.status import NEVER, STALE, notice_status
from readiness.points.enums import AREA_COORDINATOR
from readiness.points.power import generator_on_site, runtime_hours
from readiness.points.roles import role_coverage
from readiness.timeutil import STOCKHOLM


class Outcome(Enum):
    """A check's result when it is not a gap; a gap is the dict of facts its message needs."""

    PASS = "pass"
    NOT_APPLICABLE = "not_applicable"


PASS = Outcome.PASS
NOT_APPLICABLE = Outcome.NOT_APPLICABLE
CheckResult = Outcome | dict


@dataclass(frozen=True, slots=True)
class Gap:
    criterion: str
    severity: str
    facts: dict


@dataclass(frozen=True, slots=True)
class Evaluation:
    point_id: int
    as_of: date
    criteria_version: str
    score: int
    level: str
    gaps: tuple[Gap, ...]
    passed: tuple[str, ...]
    not_applicable: tuple[str, ...]

    @property
    def failed(self) -> list[str]:
        return [gap.criterion for gap in self.gaps]


def within(day: date | None, as_of: date, days: int) -> bool:
    """ "Within N days" means as_of - date <= N: exactly N days old passes, N+1 is a gap."""
    return day is not None and (as_of - day).days <= days


def _known(day: date | None, as_of: date) -> date | None:
    """A dated fact as it was known at `as_of`: a date after it had not happened yet."""
    return day if day is not None and day <= as_of else None


def _dated(day: date | None, as_of: date, days: int) -> CheckResult:
    day = _known(day, as_of)
    if day is None:
        return {"missing_value": True, "days": days}
    if within(day, as_of, days):
        return PASS
    return {"date": day, "age": (as_of - day).days, "days": days}


def _has_generator(point: PointFacts) -> bool:
    return generator_on_site(point.power.source)


def _generator_only(check: Callable[[PointFacts, dict, date], CheckResult]):
    def guarded(point: PointFacts, params: dict, as_of: date) -> CheckResult:
        return check(point, params, as_of) if _has_generator(point) else NOT_APPLICABLE

    return guarded


def power_source(point, params, as_of):
    return PASS if point.power.source != "none" else {}


def power_onsite(point, params, as_of):
    return PASS if _has_generator(point) else {"source": ("power_source", point.power.source)}


@_generator_only
def power_runtime(point, params, as_of):
    hours = runtime_hours(point.power.tank_litres, point.power.consumption_lph)
    if hours is None:
        return {"missing_value": True, "min_hours": params["min_hours"]}
    # Rounded to 9 places: 151.2 l / 2.1 l/h is 72 h, but 71.99999999999999 in floating point.
    if round(hours, 9) >= params["min_hours"]:
        return PASS
    # Shown rounded down, so a failing 71.96 h never reads as "72.0".
    return {"hours": math.floor(hours * 10) / 10, "min_hours": params["min_hours"]}


@_generator_only
def power_test_run(point, params, as_of):
    return _dated(point.power.last_test_run, as_of, params["days"])


@_generator_only
def power_load_test(point, params, as_of):
    return _dated(point.power.last_load_test, as_of, params["days"])


@_generator_only
def power_fuel_check(point, params, as_of):
    return _dated(point.power.fuel_checked, as_of, params["days"])


@_generator_only
def power_refuel(point, params, as_of):
    return PASS if point.power.refuel_plan else {}


def power_covers(point, params, as_of):
    if point.power.source == "none":
        return NOT_APPLICABLE
    electric = params["services_needing_power"]
    needed = params["always_covered"] + [s for s in point.services if s in electric]
    missing = [n for n in dict.fromkeys(needed) if n not in point.power.covers]
    return PASS if not missing else {"missing": [("covers", n) for n in missing]}


def role_filled(point, params, as_of):
    missing = [c.role for c in role_coverage(point.contacts, params["roles"]) if c.unfilled]
    return PASS if not missing else {"missing": [("role", r) for r in missing]}


def role_deputy(point, params, as_of):
    minimum = params["min_holders"]
    coverage = role_coverage(point.contacts, (), params["roles"], minimum)
    missing = [c.role for c in coverage if c.too_few]
    if not missing:
        return PASS
    return {"missing": [("role", r) for r in missing], "min_holders": minimum}


def area_staff(point, params, as_of):
    if point.area is None:
        return NOT_APPLICABLE
    minimum = params["min_coordinators"]
    coverage = area_role_coverage(point.area_staff, params["roles"], minimum)
    missing = [c.role for c in coverage if c.unfilled]
    too_few = [c for c in coverage if c.too_few]
    if not missing and not too_few:
        return PASS
    facts = {
        "area": point.area,
        "missing": [("area_role", r) for r in missing],
        "coordinators": next(len(c.holders) for c in coverage if c.role == AREA_COORDINATOR),
        "min_coordinators": minimum,
    }
    if not point.area_staff:
        facts["missing_value"] = True
    elif too_few:
        facts["variant"] = "both" if missing else "coordinators"
    return facts


def contacts_reviewed(point, params, as_of):
    return _dated(point.contacts_reviewed, as_of, params["days"])


def contact_public(point, params, as_of):
    return PASS if any(c.public and c.phone for c in point.contacts) else {}


def _independent(point: PointFacts, kinds) -> list:
    return [ch for ch in point.channels if ch.kind in kinds]


def channel_independent(point, params, as_of):
    return PASS if _independent(point, params["kinds"]) else {}


def channel_tested(point, params, as_of):
    channels = _independent(point, params["kinds"])
    if not channels:
        return NOT_APPLICABLE
    stale = [
        ch.kind
        for ch in channels
        if not within(_known(ch.last_tested, as_of), as_of, params["days"])
    ]
    if not stale:
        return PASS
    return {"missing": [("channel", k) for k in dict.fromkeys(stale)], "days": params["days"]}


def channel_residents(point, params, as_of):
    return PASS if any(ch.kind in params["kinds"] for ch in point.channels) else {}


def info_location(point, params, as_of):
    missing = [
        name
        for name, value in (("address", point.address), ("lat", point.lat), ("lon", point.lon))
        if value is None or value == ""
    ]
    return PASS if not missing else {"missing": [("field", m) for m in missing]}


def info_crisis_hours(point, params, as_of):
    return PASS if point.crisis_hours else {}


def services_core(point, params, as_of):
    missing = [s for s in params["services"] if s not in point.services]
    return PASS if not missing else {"missing": [("service", s) for s in missing]}


def notice_current(point, params, as_of):
    # No public revision by `as_of` (the point was created later): compare with its first
    # version, so a sheet posted by then counts and an unposted point reads "never posted".
    status = notice_status(point.content_version or 1, point.posted_version)
    if status == NEVER:
        return {"missing_value": True}
    if status == STALE:
        return {"date": point.content_changed_at.astimezone(STOCKHOLM).date()}
    return PASS


def agreement_valid(point, params, as_of):
    if not point.has_agreement or point.agreement_until is None:
        return {"missing_value": True}
    starts_ok = point.agreement_from is None or point.agreement_from <= as_of
    if point.agreement_until >= as_of and starts_ok:
        return PASS
    return {"date_from": point.agreement_from or "…", "date": point.agreement_until, "as_of": as_of}


def exercise_recent(point, params, as_of):
    return _dated(point.last_exercise, as_of, params["days"])


def audit_recent(point, params, as_of):
    return _dated(point.last_audit_on, as_of, params["days"])


def confirmed_recent(point, params, as_of):
    return _dated(point.data_confirmed_on, as_of, params["days"])


CHECKS: dict[str, Callable[[PointFacts, dict, date], CheckResult]] = {
    "POWER-SOURCE": power_source,
    "POWER-ONSITE": power_onsite,
    "POWER-RUNTIME": power_runtime,
    "POWER-TEST-RUN": power_test_run,
    "POWER-LOAD-TEST": power_load_test,
    "POWER-FUEL-CHECK": power_fuel_check,
    "POWER-REFUEL": power_refuel,
    "POWER-COVERS": power_covers,
    "ROLE-FILLED": role_filled,
    "ROLE-DEPUTY": role_deputy,
    "CONTACTS-REVIEWED": contacts_reviewed,
    "CONTACT-PUBLIC": contact_public,
    "CHANNEL-INDEPENDENT": channel_independent,
    "CHANNEL-TESTED": channel_tested,
    "CHANNEL-RESIDENTS": channel_residents,
    "INFO-LOCATION": info_location,
    "INFO-CRISIS-HOURS": info_crisis_hours,
    "SERVICES-CORE": services_core,
    "NOTICE-CURRENT": notice_current,
    "AGREEMENT-VALID": agreement_valid,
    "EXERCISE-RECENT": exercise_recent,
    "AUDIT-RECENT": audit_recent,
    "AREA-STAFF": area_staff,
    "CONFIRMED-RECENT": confirmed_recent,
}


def score_and_level(catalog: Catalog, passed: list[str], gaps: list[Gap]) -> tuple[int, str]:
    """score = round(100 * passed weight / applicable weight), halves up; level by worst gap."""
    weight = catalog.weight_of
    passed_weight = sum(weight[c] for c in passed)
    applicable = passed_weight + sum(weight[g.criterion] for g in gaps)
    # Integer half-up rounding: exact, and no float surprises at .5
    score = (200 * passed_weight + applicable) // (2 * applicable) if applicable else 100
    if any(g.severity == "critical" for g in gaps):
        return score, "not_ready"
    return score, "gaps" if gaps else "ready"


_PLANS: dict[int, tuple] = {}


def _plan(catalog: Catalog) -> tuple:
    """(id, severity, params, check) per criterion, resolved once per catalog object."""
    cached = _PLANS.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        plan = tuple((c.id, c.severity, c.params, CHECKS[c.id]) for c in catalog.criteria)
        cached = _PLANS[id(catalog)] = (catalog, plan)
    return cached[1]


def evaluate(point: PointFacts, catalog: Catalog, as_of: date) -> Evaluation:
    passed: list[str] = []
    not_applicable: list[str] = []
    gaps: list[Gap] = []
    for criterion_id, severity, params, check in _plan(catalog):
        outcome = check(point, params, as_of)
        if outcome is PASS:
            passed.append(criterion_id)
        elif outcome is NOT_APPLICABLE:
            not_applicable.append(criterion_id)
        else:
            gaps.append(Gap(criterion_id, severity, outcome))
    score, level = score_and_level(catalog, passed, gaps)
    return Evaluation(
        point.id,
        as_of,
        catalog.version,
        score,
        level,
        tuple(gaps),
        tuple(passed),
        tuple(not_applicable),
    )
