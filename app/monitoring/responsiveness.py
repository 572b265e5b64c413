"""Responsiveness indicators: do the regions answer, and what becomes of proposals?

Aggregates in SQL. Proposals count as in participation.py (published, not withdrawn, public
consultation, created in the period, field of action of the proposal).
"""

from dataclasses import dataclass, field

from app.monitoring.filters import Filters
from app.monitoring.suppression import Cell, share


@dataclass
class ResponsivenessFigures:
    proposals: int = 0  # counted proposals created in the period
    answered: int = 0  # of these, with at least one official answer (given at any time)
    median_days_to_answer: float | None = None  # first answer minus creation, over `answered`
    # Proposals of the group (created at any time) that reached their consultation's answer
    # threshold and have no official answer yet: a current state, not bound to the period.
    over_threshold_unanswered: int = 0

    @property
    def answered_share(self) -> Cell:
        return share(Cell(self.answered), Cell(self.proposals))


@dataclass
class TransparencyFigures:
    """The state of a region's action concept and projects now (not bound to the period)."""

    measures_by_status: dict = field(default_factory=dict)  # status code -> count
    projects_by_status: dict = field(default_factory=dict)  # status code -> count
    funding_granted_euros: int = 0  # sum of granted amounts of the region's projects
    funding_applied_euros: int = 0  # sum of amounts still applied for


@dataclass
class ModerationFigures:
    queue_length: int = 0  # waiting for review now (pending)
    oldest_waiting_hours: float | None = None  # age of the oldest waiting item now
    decisions: int = 0  # moderators' decisions in the period (automatic hiding not included)
    median_hours_to_decision: float | None = None  # creation to first decision, in the period
    decisions_by_reason: dict = field(default_factory=dict)  # reason code -> count, in period
    reports: int = 0  # reports received in the period
    appeals: int = 0  # appeals lodged in the period
    appeals_open: int = 0  # of these, not yet decided
    reversals: int = 0  # of these, decided in the author's favour


def responsiveness(
    filters: Filters, by: tuple[str, ...], region_id: int | None = None
) -> dict[tuple, ResponsivenessFigures]:
    """Figures per group, keyed like participation.participation()."""
    raise NotImplementedError


def transparency(filters: Filters, region_id: int | None = None) -> dict[int, TransparencyFigures]:
    """Per region id: measures of its current published action concept by status, projects by
    status and funding sums (the field filter applies to measures and projects with a field)."""
    raise NotImplementedError


def moderation(filters: Filters, region_id: int | None = None) -> dict[int, ModerationFigures]:
    """Per region id (the region of the contribution's consultation)."""
    raise NotImplementedError
