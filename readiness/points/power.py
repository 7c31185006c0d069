"""Reserve-power arithmetic as pure functions."""

from __future__ import annotations

from readiness.points.enums import GENERATOR_SOURCES


def generator_on_site(source: str | None) -> bool:
    """A generator is kept at the point (fixed or mobile).

    The one rule for "the point has reserve power", in criteria and in everything residents
    read: a prepared connection (`connection_only`) is not power, it needs a generator
    brought in during the crisis."""
    return source in GENERATOR_SOURCES


def runtime_hours(tank_litres: float | None, consumption_lph: float | None) -> float | None:
    """Hours a full tank lasts at the stated consumption; None when either is unknown."""
    if tank_litres is None or not consumption_lph:
        return None
    return tank_litres / consumption_lph
