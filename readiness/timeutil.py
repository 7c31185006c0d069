"""Clock helpers: UTC timestamps for storage, the Swedish calendar date for rules."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def utcnow() -> datetime:
    return datetime.now(UTC)


def today_in_sweden() -> date:
    """Dates in the register are Swedish calendar dates, whatever the server's time zone."""
    return datetime.now(STOCKHOLM).date()


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything stored is UTC, so say so."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
