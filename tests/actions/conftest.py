"""A fixed clock for the action plan: 15 June 2026 in Sweden, 10:00 UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """Fix the date the action plan reads; `clock.set(day, moment)` moves it."""

    class Clock:
        def set(self, today: date, now: datetime | None = None) -> None:
            monkeypatch.setattr("readiness.timeutil.today_in_sweden", lambda: today)
            moment = now or datetime(today.year, today.month, today.day, 10, 0, tzinfo=UTC)
            monkeypatch.setattr("readiness.timeutil.utcnow", lambda: moment)

    fixed = Clock()
    fixed.set(TODAY, NOW)
    return fixed


def action_input(point=None, **overrides) -> dict:
    """A complete, valid new action as the API takes it."""
    data = {
        "title": "Provkör elverket",
        "criterion": "POWER-TEST-RUN",
        "responsible": "Anna Berg, Handlar'n",
        "deadline": "2026-06-30",
        "financing": {
            "source": "Kommunens beredskapsanslag",
            "amount_sek": 12000,
            "approved": True,
        },
        "status": "planned",
    }
    if point is not None:
        data["point_id"] = point.id
    else:
        data["municipality"] = "Krokom"
    data.update(overrides)
    return data
