"""Hours of reserve power left: a pure function of the last fuel reading, the tank and the
generator's consumption, and the time now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

LOW_FUEL_HOURS = 24  # under a day left: someone must bring fuel now


@dataclass(frozen=True)
class FuelLeft:
    hours_left: float | None  # from now, to a tenth of an hour; None when it cannot be known
    runs_out_at: datetime | None
    low: bool


UNKNOWN = FuelLeft(None, None, False)


def litres_in_tank(
    litres: float | None, percent: float | None, refuelled: bool, tank_litres: float | None
) -> float | None:
    """What a reading says is in the tank: litres, a share of the tank, or (a refill with no
    amount) a full tank. None when a share or a refill cannot be turned into litres."""
    if litres is not None:
        return litres
    if tank_litres is None:
        return None
    if percent is not None:
        return tank_litres * percent / 100
    return tank_litres if refuelled else None


def fuel_left(
    litres: float | None, reading_at: datetime | None, consumption_lph: float | None, now: datetime
) -> FuelLeft:
    """When the tank runs dry, burning `consumption_lph` from the reading on."""
    if litres is None or reading_at is None or not consumption_lph:
        return UNKNOWN
    runs_out_at = reading_at + timedelta(hours=litres / consumption_lph)
    hours = max(0.0, (runs_out_at - now).total_seconds() / 3600)
    return FuelLeft(round(hours, 1), runs_out_at, hours < LOW_FUEL_HOURS)
