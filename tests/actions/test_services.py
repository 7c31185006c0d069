"""Overdue as a rule of plain data: open and past its deadline (Swedish calendar date)."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.actions.services import is_overdue

TODAY = date(2026, 6, 15)


def test_is_overdue_deadline_today_is_false():
    assert is_overdue("planned", TODAY, TODAY) is False


def test_is_overdue_deadline_yesterday_in_progress_is_true():
    assert is_overdue("in_progress", date(2026, 6, 14), TODAY) is True


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_is_overdue_closed_action_is_false(status):
    assert is_overdue(status, date(2026, 1, 1), TODAY) is False
