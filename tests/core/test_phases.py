"""Phases as data: the active phase, what each phase allows, what comes next, schedule checks."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from app.consultations.models import Phase
from app.core.phases import (
    FEATURES,
    OPTIONAL_PHASES,
    PHASE_ORDER,
    active_phase,
    next_phase_allowing,
    phase_allows,
    validate_schedule,
)

T0 = datetime(2026, 7, 1, 8, 0)


def day(number: float) -> datetime:
    return T0 + timedelta(days=number)


def consultation_with(**phases) -> SimpleNamespace:
    """A consultation-like object: phases=(start day, end day) relative to T0."""
    return SimpleNamespace(
        phases=sorted(
            (
                Phase(kind=kind, starts_at=day(start), ends_at=day(end))
                for kind, (start, end) in phases.items()
            ),
            key=lambda phase: phase.starts_at,
        )
    )


FULL = {
    "information": (0, 10),
    "proposals": (10, 20),
    "discussion": (20, 30),
    "voting": (30, 40),
    "results": (40, 50),
}


@pytest.fixture
def english(app):
    """Messages in English (validate_schedule translates at call time)."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


# --- active_phase ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at_day", "expected"),
    [
        (-1, None),  # before the first phase
        (0, "information"),  # a phase starts at its start ...
        (9.99, "information"),
        (10, "proposals"),  # ... and is over at its end: the next one runs
        (25, "discussion"),
        (35, "voting"),
        (49.99, "results"),
        (50, None),  # after the last phase
    ],
)
def test_active_phase(at_day, expected):
    phase = active_phase(consultation_with(**FULL), day(at_day))
    assert (phase.kind if phase else None) == expected


def test_no_phase_is_active_in_a_gap_between_phases():
    consultation = consultation_with(information=(0, 10), voting=(15, 20))
    assert active_phase(consultation, day(12)) is None
    assert active_phase(consultation, day(15)).kind == "voting"


def test_a_consultation_without_phases_has_no_active_phase():
    assert active_phase(SimpleNamespace(phases=[]), T0) is None


# --- phase_allows: every phase x feature pair --------------------------------------------------

# Written out by hand (not read from PHASE_FEATURES), so a change there must change this table.
ALLOWED = {
    "information": set(),
    "proposals": {"propose", "edit_proposal", "withdraw", "comment"},
    "discussion": {"withdraw", "comment", "statement"},
    "voting": {"withdraw", "vote"},
    "results": set(),
}
ALL_FEATURES = ("propose", "edit_proposal", "withdraw", "comment", "vote", "statement")


def test_the_feature_list_is_the_one_tested_here():
    assert set(ALL_FEATURES) == FEATURES
    assert tuple(ALLOWED) == PHASE_ORDER


@pytest.mark.parametrize("feature", ALL_FEATURES)
@pytest.mark.parametrize("kind", PHASE_ORDER)
def test_phase_allows(kind, feature):
    consultation = consultation_with(**FULL)
    start, end = FULL[kind]
    at = day((start + end) / 2)
    assert active_phase(consultation, at).kind == kind
    assert phase_allows(consultation, feature, at) is (feature in ALLOWED[kind])


@pytest.mark.parametrize("feature", ALL_FEATURES)
@pytest.mark.parametrize("at_day", [-1, 50, 100])
def test_nothing_is_allowed_outside_the_phases(feature, at_day):
    assert phase_allows(consultation_with(**FULL), feature, day(at_day)) is False


@pytest.mark.parametrize("feature", ALL_FEATURES)
def test_nothing_is_allowed_in_a_gap(feature):
    consultation = consultation_with(information=(0, 10), proposals=(15, 20), voting=(25, 30))
    assert phase_allows(consultation, feature, day(12)) is False
    assert phase_allows(consultation, feature, day(22)) is False


def test_unknown_feature_is_an_error_not_a_no():
    with pytest.raises(KeyError):
        phase_allows(consultation_with(**FULL), "delete_everything", day(15))


def test_phase_allows_is_gated_by_the_end_of_the_phase():
    consultation = consultation_with(information=(0, 10), proposals=(10, 20))
    assert phase_allows(consultation, "propose", day(20) - timedelta(seconds=1)) is True
    assert phase_allows(consultation, "propose", day(20)) is False


# --- next_phase_allowing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at_day", "feature", "expected"),
    [
        (5, "propose", "proposals"),
        (5, "comment", "proposals"),  # the earliest phase that allows it
        (5, "vote", "voting"),
        (5, "withdraw", "proposals"),
        (15, "comment", "discussion"),  # proposals already started: the next one
        (15, "propose", None),  # no later phase takes proposals
        (25, "vote", "voting"),
        (35, "vote", None),  # voting runs now; nothing starts later
        (-5, "vote", "voting"),
        (60, "comment", None),
    ],
)
def test_next_phase_allowing(at_day, feature, expected):
    phase = next_phase_allowing(consultation_with(**FULL), feature, day(at_day))
    assert (phase.kind if phase else None) == expected


def test_next_phase_allowing_skips_phases_that_are_left_out():
    consultation = consultation_with(information=(0, 10), voting=(20, 30))
    assert next_phase_allowing(consultation, "comment", day(5)) is None
    assert next_phase_allowing(consultation, "vote", day(5)).kind == "voting"


# --- validate_schedule -------------------------------------------------------------------------


def schedule(**phases) -> dict:
    return {kind: (day(start), day(end)) for kind, (start, end) in phases.items()}


@pytest.mark.parametrize(
    "phases",
    [
        {"information": (0, 10)},
        FULL,
        {"information": (0, 10), "voting": (10, 12)},  # optional phases may be left out
        {"information": (0, 10), "results": (30, 40)},  # gaps are fine
        {"information": (0, 0.001), "proposals": (0.001, 0.002)},  # one ends as the next starts
    ],
)
def test_a_good_schedule_has_no_problems(english, phases):
    assert validate_schedule(schedule(**phases)) == []


def test_the_information_phase_is_required(english):
    assert validate_schedule({}) == [
        ("information", "starts_at", "The information phase is required.")
    ]
    problems = validate_schedule(schedule(proposals=(0, 10)))
    assert problems == [("information", "starts_at", "The information phase is required.")]


@pytest.mark.parametrize("kind", PHASE_ORDER)
@pytest.mark.parametrize("end", [5, 4])  # ends when it starts, or before
def test_a_phase_must_end_after_it_starts(english, kind, end):
    phases = {"information": (-20, -10)} if kind != "information" else {}
    phases[kind] = (5, end)
    assert validate_schedule(schedule(**phases)) == [
        (kind, "ends_at", "The phase must end after it starts.")
    ]


@pytest.mark.parametrize("later", OPTIONAL_PHASES)
def test_overlap_with_the_information_phase_is_refused(english, later):
    problems = validate_schedule(schedule(information=(0, 10), **{later: (9, 20)}))
    assert problems == [
        (
            later,
            "starts_at",
            "This phase starts before the phase “Information” ends. Phases follow each other "
            "and must not overlap.",
        )
    ]


def test_phases_follow_the_fixed_order(english):
    """Voting planned before the proposals: voting starts before the proposals end."""
    problems = validate_schedule(schedule(information=(0, 10), proposals=(20, 30), voting=(12, 15)))
    assert [(kind, which) for kind, which, _message in problems] == [("voting", "starts_at")]
    assert "“Proposals”" in problems[0][2]


def test_every_problem_is_reported(english):
    problems = validate_schedule(schedule(proposals=(10, 5), voting=(4, 8)))
    kinds = [kind for kind, _which, _message in problems]
    assert sorted(kinds) == ["information", "proposals", "voting"]
