"""Participation indicators: who took part, how, in which language, on whose behalf.

Everything here is an aggregate computed in SQL (GROUP BY); no function loops over rows.

What counts (the same rules everywhere, and the same as the pages' visibility):
- a contribution is a proposal, a comment (on a proposal or on a draft concept) or a statement
  that is published (not pending, hidden or rejected), in a published or archived consultation
  (never a draft), not a translation; withdrawn proposals and comments their authors removed do
  not count. It counts in the Berlin month it was written (`created_at`).
- a vote counts when it exists (a retracted vote is gone) on a published proposal of a published
  or archived consultation, in the month it was cast.
- region: the consultation's region; field of action: the proposal's field (comments: the field
  of their proposal); statements and comments on concepts have no field, so a field filter
  leaves them out.
- active persons: distinct accounts that wrote a counted contribution online (on-site entries
  are written by the coordination for others) or cast a counted vote.
"""

from dataclasses import dataclass, field

from app.monitoring.filters import Filters
from app.monitoring.suppression import EMPTY, Cell, share


@dataclass
class ParticipationFigures:
    proposals: int = 0
    comments: int = 0
    statements: int = 0
    votes: int = 0
    on_site: int = 0  # counted contributions collected at on-site events
    on_behalf: int = 0  # counted contributions posted on behalf of an organisation
    active_organisations: int = 0  # distinct organisations, verified now, that contributed
    active_persons: Cell = field(default=EMPTY)  # suppressed below 5

    @property
    def contributions(self) -> int:
        return self.proposals + self.comments + self.statements

    @property
    def online(self) -> int:
        return self.contributions - self.on_site

    @property
    def on_site_share(self) -> Cell:
        return share(Cell(self.on_site), Cell(self.contributions))

    @property
    def on_behalf_share(self) -> Cell:
        return share(Cell(self.on_behalf), Cell(self.contributions))


@dataclass
class RegistrationFigures:
    registered: Cell = field(default=EMPTY)  # confirmed accounts at the end of the month/period
    new: Cell = field(default=EMPTY)  # confirmed in the month/period


def participation(
    filters: Filters, by: tuple[str, ...], region_id: int | None = None
) -> dict[tuple, ParticipationFigures]:
    """Figures per group; `by` names the grouping dimensions in order (a subset of
    filters.DIMENSIONS, may be empty for one overall total). Keys are tuples of the group
    values in that order: region id, month key 'YYYY-MM', consultation id, field id (None for
    no field). Only groups with something in them appear; callers fill the rest with
    ParticipationFigures(). `region_id` narrows to one region."""
    raise NotImplementedError


def contributions_by_language(
    filters: Filters, region_id: int | None = None
) -> dict[tuple[int, str], int]:
    """Counted contributions per (region id, language code)."""
    raise NotImplementedError


def registrations(
    filters: Filters, by_month: bool, region_id: int | None = None
) -> dict[tuple, RegistrationFigures]:
    """Confirmed accounts by home region (None: no home region given): keys (region id,) or,
    with by_month, (region id, month key). `registered` is the number at the end of the month
    (or period); `new` those confirmed within it. Person counts, suppressed below 5; `new` with
    complementary suppression over the region x month table with its totals."""
    raise NotImplementedError
