"""Reporting periods in whole calendar months of Europe/Berlin.

Stored times are naive UTC. A month in Hesse starts at midnight Berlin time, which is 23:00 or
22:00 UTC of the day before, so grouping by the UTC month would put a proposal sent at 00:30 on
1 March into February. We compute each month's UTC start in Python (zoneinfo knows the daylight
saving rules) and bucket rows in SQL with one CASE over those boundaries: the same on SQLite and
PostgreSQL, and the database still does the grouping.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import case, literal

from app.funding.deadlines import BERLIN, add_months, today_in_hesse

# The dashboard shows at most this many months at once (a readable chart, a bounded CASE).
MAX_MONTHS = 36
DEFAULT_MONTHS = 12


def month_start_utc(month: date) -> datetime:
    """Midnight Berlin time on the first of `month`, as naive UTC."""
    local = datetime(month.year, month.month, 1, tzinfo=BERLIN)
    return local.astimezone(UTC).replace(tzinfo=None)


def month_key(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(text: str | None) -> date | None:
    """'2026-03' -> date(2026, 3, 1); anything else -> None (the caller uses its default)."""
    if not text or len(text) != 7 or text[4] != "-":
        return None
    year, month = text[:4], text[5:]
    if not (text.isascii() and year.isdigit() and month.isdigit()):
        return None
    if not (2000 <= int(year) <= 2100 and 1 <= int(month) <= 12):
        return None
    return date(int(year), int(month), 1)


@dataclass(frozen=True)
class Period:
    """From the first of `first` to the end of `last` (both months included)."""

    first: date
    last: date

    @classmethod
    def recent(cls, months: int = DEFAULT_MONTHS, today: date | None = None) -> "Period":
        """The last `months` months up to and including the current one."""
        current = (today or today_in_hesse()).replace(day=1)
        return cls(add_months(current, -(months - 1)), current)

    @classmethod
    def from_args(cls, first: str | None, last: str | None) -> "Period":
        """A period from query parameters; missing, malformed, reversed or overlong input gives
        the default period, so a hostile URL can never produce an error or a huge query."""
        default = cls.recent()
        start, end = parse_month(first), parse_month(last)
        if start is None and end is None:
            return default
        start = start or default.first
        end = end or default.last
        if start > end or len(cls(start, end).months) > MAX_MONTHS:
            return default
        return cls(start, end)

    @property
    def months(self) -> list[date]:
        months, current = [], self.first
        while current <= self.last:
            months.append(current)
            current = add_months(current, 1)
        return months

    @property
    def month_keys(self) -> list[str]:
        return [month_key(month) for month in self.months]

    @property
    def starts_at(self) -> datetime:
        return month_start_utc(self.first)

    @property
    def ends_at(self) -> datetime:
        """Exclusive end: the first instant of the month after `last`."""
        return month_start_utc(add_months(self.last, 1))

    def contains(self, column):
        """SQL condition: `column` (naive UTC) lies within the period."""
        return (column >= self.starts_at) & (column < self.ends_at)

    def month_of(self, column):
        """SQL expression: the 'YYYY-MM' key of the Berlin month `column` falls in (NULL outside
        the period). Use it as a GROUP BY column together with `contains()`."""
        boundaries = [month_start_utc(month) for month in self.months]
        boundaries.append(self.ends_at)
        whens = [
            (column < boundaries[index + 1], literal(month_key(month)))
            for index, month in enumerate(self.months)
        ]
        return case(*whens, else_=None)

    def query_args(self) -> dict:
        return {"from": month_key(self.first), "to": month_key(self.last)}
