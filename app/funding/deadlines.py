"""Deadline arithmetic: the next occurrence of a (possibly recurring) deadline, and "today"
in Hesse."""

import calendar
from datetime import date
from zoneinfo import ZoneInfo

from app.core.clock import now

BERLIN = ZoneInfo("Europe/Berlin")
MONTHS = {"none": 0, "yearly": 12, "half_yearly": 6, "quarterly": 3}


def today_in_hesse() -> date:
    """The calendar day in Europe/Berlin (at 00:30 on 1 April in Wiesbaden it is 1 April, even
    though UTC still says 31 March)."""
    return now().astimezone(BERLIN).date()


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day (31 Aug + 6 = 28/29
    Feb), so a deadline at the end of a month stays at its end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    is_month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month, last if is_month_end else min(day.day, last))


def next_occurrence(first: date, recurrence: str, today: date) -> date | None:
    """The first occurrence on or after `today`, or None when a one-off deadline has passed."""
    step = MONTHS[recurrence]
    if first >= today:
        return first
    if not step:
        return None
    # Jump close first (no loop over decades), then step to the first date not before today.
    elapsed = (today.year - first.year) * 12 + (today.month - first.month)
    count = max(0, elapsed // step - 1)
    candidate = add_months(first, count * step)
    while candidate < today:
        count += 1
        candidate = add_months(first, count * step)
    return candidate
