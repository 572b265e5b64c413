"""Deadline arithmetic: one-off and recurring deadlines, month ends, leap years, long series, and
"today" as a calendar day in Hesse."""

from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.funding import deadlines
from app.funding.deadlines import add_months, next_occurrence, today_in_hesse
from app.funding.models import FundingProgramme, ProgrammeDeadline, Recurrence
from app.funding.queries import ProgrammeFilters, deadlines_soon, programmes

# --- add_months ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 15), 1, date(2025, 2, 15)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),  # over the turn of the year
        (date(2025, 1, 15), 24, date(2027, 1, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # the 31st: the month's last day
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 1, 31), 3, date(2025, 4, 30)),
        (date(2025, 4, 30), 3, date(2025, 7, 31)),  # a month's end stays at the end
        (date(2025, 1, 30), 1, date(2025, 2, 28)),  # no 30 February: the last day
        (date(2025, 1, 30), 3, date(2025, 4, 30)),  # 30 April is the 30th, not a jump
        (date(2025, 3, 1), 0, date(2025, 3, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


# --- one-off deadlines -----------------------------------------------------------------------


def test_a_one_off_deadline_ahead_is_itself():
    assert next_occurrence(date(2026, 5, 1), Recurrence.NONE, date(2026, 3, 1)) == date(2026, 5, 1)


def test_a_one_off_deadline_is_still_due_on_its_day():
    assert next_occurrence(date(2026, 5, 1), Recurrence.NONE, date(2026, 5, 1)) == date(2026, 5, 1)


def test_a_one_off_deadline_that_has_passed_has_no_next_occurrence():
    assert next_occurrence(date(2026, 5, 1), Recurrence.NONE, date(2026, 5, 2)) is None


def test_a_series_that_starts_in_the_future_begins_with_its_first_date():
    first = date(2027, 1, 31)
    assert next_occurrence(first, Recurrence.QUARTERLY, date(2026, 1, 1)) == first


# --- recurring deadlines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 14), date(2026, 3, 15)),
        (date(2026, 3, 15), date(2026, 3, 15)),  # due today
        (date(2026, 3, 16), date(2027, 3, 15)),
        (date(2026, 12, 31), date(2027, 3, 15)),
    ],
)
def test_yearly(today, expected):
    assert next_occurrence(date(2019, 3, 15), Recurrence.YEARLY, today) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 5, 1), date(2025, 5, 10)),
        (date(2025, 5, 11), date(2025, 11, 10)),
        (date(2025, 11, 10), date(2025, 11, 10)),
        (date(2025, 11, 11), date(2026, 5, 10)),
    ],
)
def test_half_yearly(today, expected):
    assert next_occurrence(date(2020, 11, 10), Recurrence.HALF_YEARLY, today) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 1, 2), date(2025, 4, 1)),
        (date(2025, 4, 2), date(2025, 7, 1)),
        (date(2025, 7, 2), date(2025, 10, 1)),
        (date(2025, 10, 2), date(2026, 1, 1)),  # over the turn of the year
    ],
)
def test_quarterly(today, expected):
    assert next_occurrence(date(2024, 1, 1), Recurrence.QUARTERLY, today) == expected


@pytest.mark.parametrize(
    ("first", "today", "expected"),
    [
        # 31 August every six months: end of February, then 31 August again.
        (date(2024, 8, 31), date(2024, 9, 1), date(2025, 2, 28)),
        (date(2023, 8, 31), date(2023, 9, 1), date(2024, 2, 29)),  # leap year
        (date(2024, 8, 31), date(2025, 3, 1), date(2025, 8, 31)),  # back to the 31st
        (date(2024, 8, 31), date(2027, 9, 1), date(2028, 2, 29)),
        # 31 January quarterly: the last day of April, July, October, January.
        (date(2025, 1, 31), date(2025, 2, 1), date(2025, 4, 30)),
        (date(2025, 1, 31), date(2025, 5, 1), date(2025, 7, 31)),
        (date(2025, 1, 31), date(2025, 8, 1), date(2025, 10, 31)),
        (date(2025, 1, 31), date(2025, 11, 1), date(2026, 1, 31)),
        # 29 February yearly: the last day of February in other years.
        (date(2024, 2, 29), date(2024, 3, 1), date(2025, 2, 28)),
        (date(2024, 2, 29), date(2027, 3, 1), date(2028, 2, 29)),
    ],
)
def test_month_ends_stay_month_ends(first, today, expected):
    recurrence = {8: Recurrence.HALF_YEARLY, 1: Recurrence.QUARTERLY, 2: Recurrence.YEARLY}
    assert next_occurrence(first, recurrence[first.month], today) == expected


def test_a_shortened_occurrence_does_not_shorten_the_series():
    """30 January quarterly: 30 April is the 30th, and July keeps the 30th (stepping on from
    30 April, the last day of its month, would drift to 31 July)."""
    first = date(2025, 1, 30)
    assert next_occurrence(first, Recurrence.QUARTERLY, date(2025, 2, 1)) == date(2025, 4, 30)
    assert next_occurrence(first, Recurrence.QUARTERLY, date(2025, 5, 1)) == date(2025, 7, 30)
    assert next_occurrence(first, Recurrence.HALF_YEARLY, date(2025, 3, 1)) == date(2025, 7, 30)


def reference(first: date, recurrence: str, today: date) -> date:
    """The slow, obvious answer: count occurrences from the first one."""
    step = Recurrence.MONTHS[recurrence]
    count = 0
    while (candidate := add_months(first, count * step)) < today:
        count += 1
    return candidate


@pytest.mark.parametrize(
    "recurrence", [Recurrence.YEARLY, Recurrence.HALF_YEARLY, Recurrence.QUARTERLY]
)
@pytest.mark.parametrize(
    "first", [date(1990, 1, 31), date(1990, 1, 30), date(1992, 2, 29), date(1990, 8, 15)]
)
def test_long_series_agree_with_counting_from_the_first_date(first, recurrence):
    """Over seventy years, checked every 19 days: the same dates as counting one by one."""
    for ordinal in range(date(1990, 1, 1).toordinal(), date(2060, 1, 1).toordinal(), 19):
        today = date.fromordinal(ordinal)
        assert next_occurrence(first, recurrence, today) == reference(first, recurrence, today), (
            today
        )


def test_a_series_over_decades_keeps_its_day():
    assert next_occurrence(date(1950, 3, 15), Recurrence.QUARTERLY, date(2100, 1, 2)) == date(
        2100, 3, 15
    )
    assert next_occurrence(date(1950, 1, 1), Recurrence.YEARLY, date(2100, 1, 2)) == date(
        2101, 1, 1
    )


def test_a_long_series_is_not_stepped_through_one_by_one(monkeypatch):
    calls = []

    def counting(day, months):
        calls.append(months)
        return add_months(day, months)

    monkeypatch.setattr(deadlines, "add_months", counting)
    assert deadlines.next_occurrence(date(1900, 1, 1), Recurrence.QUARTERLY, date(2100, 2, 1)) == (
        date(2100, 4, 1)
    )
    assert len(calls) <= 3


def test_an_unknown_recurrence_is_an_error():
    with pytest.raises(KeyError):
        next_occurrence(date(2020, 1, 1), "weekly", date(2026, 1, 1))


# --- deadlines of a programme ----------------------------------------------------------------


def test_the_next_deadline_of_a_programme_is_its_earliest_upcoming_one():
    programme = FundingProgramme(
        deadlines=[
            ProgrammeDeadline(due_on=date(2025, 6, 30), recurrence=Recurrence.NONE),  # passed
            ProgrammeDeadline(due_on=date(2020, 3, 31), recurrence=Recurrence.YEARLY),
            ProgrammeDeadline(due_on=date(2026, 2, 1), recurrence=Recurrence.NONE),
        ]
    )
    due, deadline = programme.next_deadline(date(2026, 1, 10))
    assert due == date(2026, 2, 1)
    assert deadline.recurrence == Recurrence.NONE
    due, deadline = programme.next_deadline(date(2026, 2, 2))
    assert (due, deadline.recurrence) == (date(2026, 3, 31), Recurrence.YEARLY)


def test_a_programme_whose_deadlines_have_all_passed_has_no_next_deadline():
    programme = FundingProgramme(deadlines=[ProgrammeDeadline(due_on=date(2025, 6, 30))])
    programme.deadlines[0].recurrence = Recurrence.NONE
    assert programme.next_deadline(date(2025, 7, 1)) is None
    assert FundingProgramme(deadlines=[]).next_deadline(date(2025, 7, 1)) is None


# --- today in Hesse ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        # Summer time (UTC+2): 23:30 UTC on 31 March is 01:30 on 1 April in Wiesbaden.
        (datetime(2026, 3, 31, 23, 30, tzinfo=UTC), date(2026, 4, 1)),
        (datetime(2026, 3, 31, 21, 30, tzinfo=UTC), date(2026, 3, 31)),  # 23:30 in Hesse
        (datetime(2026, 3, 31, 22, 0, tzinfo=UTC), date(2026, 4, 1)),  # midnight in Hesse
        # Winter time (UTC+1): 23:30 UTC is 00:30 the next day.
        (datetime(2026, 1, 31, 23, 30, tzinfo=UTC), date(2026, 2, 1)),
        (datetime(2026, 1, 31, 22, 30, tzinfo=UTC), date(2026, 1, 31)),
        # New Year's Eve: the year changes in Hesse an hour before UTC.
        (datetime(2025, 12, 31, 23, 15, tzinfo=UTC), date(2026, 1, 1)),
    ],
)
def test_today_in_hesse(time_machine, utc, expected):
    time_machine.move_to(utc, tick=False)
    assert today_in_hesse() == expected


def one_deadline(due_on: date, recurrence: str = Recurrence.NONE) -> FundingProgramme:
    programme = FundingProgramme(
        name="Sozialer Zusammenhalt",
        funder_level="state",
        funder="Land Hessen",
        all_regions=True,
        status="open",
        deadlines=[ProgrammeDeadline(due_on=due_on, recurrence=recurrence)],
    )
    programme.refresh_search_key()
    db.session.add(programme)
    db.session.commit()
    return programme


def test_a_deadline_is_open_until_its_day_ends_in_hesse(time_machine):
    programme = one_deadline(date(2026, 3, 31))
    time_machine.move_to(datetime(2026, 3, 31, 21, 30, tzinfo=UTC), tick=False)  # 23:30 there
    assert programmes(ProgrammeFilters()) == [(programme, date(2026, 3, 31))]
    assert [row[0] for row in deadlines_soon(2)] == [date(2026, 3, 31)]

    time_machine.move_to(datetime(2026, 3, 31, 22, 30, tzinfo=UTC), tick=False)  # 00:30 there
    assert programmes(ProgrammeFilters()) == [(programme, None)]
    assert deadlines_soon(2) == []


def test_a_recurring_deadline_moves_on_at_midnight_in_hesse(time_machine):
    programme = one_deadline(date(2020, 3, 31), Recurrence.YEARLY)
    time_machine.move_to(datetime(2026, 3, 31, 21, 59, tzinfo=UTC), tick=False)
    assert programmes(ProgrammeFilters()) == [(programme, date(2026, 3, 31))]
    time_machine.move_to(datetime(2026, 3, 31, 22, 1, tzinfo=UTC), tick=False)
    assert programmes(ProgrammeFilters()) == [(programme, date(2027, 3, 31))]
