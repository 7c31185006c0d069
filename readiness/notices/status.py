"""Whether the sheet in a shop window still matches the register: one rule, pure.

Used by the posted-sheet views, the point list's flag and the NOTICE-CURRENT criterion."""

from __future__ import annotations

CURRENT, STALE, NEVER = "current", "stale", "never"


def notice_status(content_version: int, posted_version: int | None) -> str:
    """never posted / stale (the posted sheet shows older public content) / current.

    `content_version` is the point's public content version (on the date asked about);
    `posted_version` the version shown by the last sheet confirmed as posted by then."""
    if posted_version is None:
        return NEVER
    if posted_version < content_version:
        return STALE
    return CURRENT
