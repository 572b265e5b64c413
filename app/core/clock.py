"""The one source of "now", so tests can travel in time (time-machine patches it)."""

from datetime import UTC, datetime


def now() -> datetime:
    """Current time as an aware UTC datetime."""
    return datetime.now(UTC)


def utcnow_naive() -> datetime:
    """Current UTC time without tzinfo, as stored in the database columns."""
    return now().replace(tzinfo=None)
