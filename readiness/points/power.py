"""Reserve-power arithmetic as pure functions."""

from __future__ import annotations


def runtime_hours(tank_litres: float | None, consumption_lph: float | None) -> float | None:
    """Hours a full tank lasts at the stated consumption; None when either is unknown."""
    if tank_litres is None or not consumption_lph:
        return None
    return tank_litres / consumption_lph
