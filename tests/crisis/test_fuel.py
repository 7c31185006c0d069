"""Hours of reserve power left, with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from readiness.crisis.fuel import fuel_left, litres_in_tank

READ_AT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_fuel_left_at_the_reading_is_litres_over_consumption():
    left = fuel_left(100, READ_AT, 5, READ_AT)
    assert (left.hours_left, left.runs_out_at, left.low) == (
        20.0,
        READ_AT + timedelta(hours=20),
        True,
    )


def test_fuel_left_counts_down_from_the_reading():
    left = fuel_left(300, READ_AT, 5, READ_AT + timedelta(hours=10, minutes=30))
    assert (left.hours_left, left.low) == (49.5, False)


def test_fuel_left_exactly_24_hours_is_not_low_and_just_under_is():
    assert fuel_left(120, READ_AT, 5, READ_AT).low is False
    assert fuel_left(120, READ_AT, 5, READ_AT + timedelta(seconds=1)).low is True


def test_fuel_left_reading_of_zero_has_run_out_at_the_reading():
    left = fuel_left(0, READ_AT, 5, READ_AT + timedelta(hours=1))
    assert (left.hours_left, left.runs_out_at, left.low) == (0.0, READ_AT, True)


def test_fuel_left_never_goes_below_zero():
    assert fuel_left(10, READ_AT, 5, READ_AT + timedelta(days=3)).hours_left == 0.0


def test_fuel_left_without_consumption_is_unknown_and_not_flagged():
    left = fuel_left(300, READ_AT, None, READ_AT)
    assert (left.hours_left, left.runs_out_at, left.low) == (None, None, False)


def test_litres_in_tank_from_percent_and_a_refill_to_full():
    assert litres_in_tank(None, 25, False, 400) == 100
    assert litres_in_tank(None, None, True, 400) == 400
    assert litres_in_tank(None, 50, False, None) is None
    assert litres_in_tank(80, None, False, 400) == 80
