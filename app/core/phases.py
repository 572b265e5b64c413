"""Phases as data: which participation feature each phase allows.

One predicate in `permissions.py` (`phase_allows`) asks the active phase; nothing else decides
what a phase permits.
"""

from datetime import datetime
from itertools import pairwise

from app.core.i18n import _l

INFORMATION = "information"
PROPOSALS = "proposals"
DISCUSSION = "discussion"
VOTING = "voting"
RESULTS = "results"

PHASE_ORDER = (INFORMATION, PROPOSALS, DISCUSSION, VOTING, RESULTS)

# Feature codes: propose (submit), edit_proposal, withdraw, comment, vote, statement (an
# organisation publishes or edits its formal statement).
PHASE_FEATURES: dict[str, frozenset[str]] = {
    INFORMATION: frozenset(),
    PROPOSALS: frozenset({"propose", "edit_proposal", "withdraw", "comment"}),
    DISCUSSION: frozenset({"withdraw", "comment", "statement"}),
    VOTING: frozenset({"withdraw", "vote"}),
    RESULTS: frozenset(),
}
FEATURES = frozenset().union(*PHASE_FEATURES.values())

PHASE_NAMES = {
    INFORMATION: _l("Information"),
    PROPOSALS: _l("Proposals"),
    DISCUSSION: _l("Discussion"),
    VOTING: _l("Voting"),
    RESULTS: _l("Results"),
}
OPTIONAL_PHASES = (PROPOSALS, DISCUSSION, VOTING, RESULTS)


def active_phase(consultation, at: datetime):
    """The phase running at `at` (naive UTC), or None before, between or after the phases."""
    return next((phase for phase in consultation.phases if phase.is_active(at)), None)


def phase_allows(consultation, feature: str, at: datetime) -> bool:
    if feature not in FEATURES:
        raise KeyError(f"unknown phase feature {feature!r}")
    phase = active_phase(consultation, at)
    return phase is not None and feature in PHASE_FEATURES[phase.kind]


def next_phase_allowing(consultation, feature: str, at: datetime):
    """The next phase, starting after `at`, in which `feature` is allowed (to say "from when")."""
    upcoming = [
        phase
        for phase in consultation.phases
        if phase.starts_at > at and feature in PHASE_FEATURES[phase.kind]
    ]
    return min(upcoming, key=lambda phase: phase.starts_at, default=None)


def validate_schedule(phases: dict[str, tuple[datetime, datetime]]) -> list[tuple[str, str, str]]:
    """Problems with a planned schedule as (phase kind, "starts_at" | "ends_at", message);
    empty when it is fine.

    The information phase is required; each phase ends after it starts; phases follow the fixed
    order and do not overlap.
    """
    problems: list[tuple[str, str]] = []
    if INFORMATION not in phases:
        problems.append((INFORMATION, "starts_at", str(_l("The information phase is required."))))
    for kind, (start, end) in phases.items():
        if end <= start:
            problems.append((kind, "ends_at", str(_l("The phase must end after it starts."))))
    ordered = [kind for kind in PHASE_ORDER if kind in phases]
    for earlier, later in pairwise(ordered):
        if phases[later][0] < phases[earlier][1]:
            problems.append(
                (
                    later,
                    "starts_at",
                    str(
                        _l(
                            "This phase starts before the phase “%(phase)s” ends. Phases follow "
                            "each other and must not overlap.",
                            phase=PHASE_NAMES[earlier],
                        )
                    ),
                )
            )
    return problems
