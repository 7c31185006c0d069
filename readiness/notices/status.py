"""Whether the sheet in a shop window still matches the register: one rule, pure.

Used by the print-log views and by the NOTICE-CURRENT criterion."""

from __future__ import annotations

from datetime import datetime

from readiness.timeutil import as_utc

CURRENT, STALE, NEVER = "current", "stale", "never"


def notice_status(public_changed_at: datetime | None, last_printed_at: datetime | None) -> str:
    """never printed / stale (public fields changed after the last print) / current."""
    if last_printed_at is None:
        return NEVER
    if public_changed_at is not None and as_utc(public_changed_at) > as_utc(last_printed_at):
        return STALE
    return CURRENT
