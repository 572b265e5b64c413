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

Registrations need more than cell suppression. `registered` at the end of a month is published
as well, and the difference of two months' values is the `new` of the months between, in any
period one asks for. So both come from one series per home region, the number of confirmed
accounts at the end of each month, counted from the first confirmation on the platform (the
same months for every period): a month's value is published only when nothing or at least
MIN_GROUP accounts were added since the last published value. Any two published values then
differ by 0 or by at least MIN_GROUP, so no difference of published figures reveals fewer than
MIN_GROUP persons. `new` is the difference of two values of the series, published when both
are (or when it is 0: zeros stay visible). A small month is hidden together with the month that
completes its group, which is the complementary suppression of the period total.

Active persons per region are published side by side with the figure for all regions
together; since few people take part in two regions, the total minus the other regions would
come close to a hidden region's figure. So `active_persons()` suppresses them as one table
(regions x months, with each region's period figure, each month's figure for all regions and
the overall figure) as if regions added up; pages take every active-person figure of a region,
a month or the whole from that one table.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Integer, case, cast, func, literal_column, null, or_, select, union_all

from app.accounts.models import User
from app.comments.models import Comment
from app.consultations.models import Consultation, ConsultationState
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.funding.deadlines import BERLIN
from app.monitoring.filters import DIMENSIONS, Filters
from app.monitoring.periods import Period
from app.monitoring.suppression import (
    EMPTY,
    MIN_GROUP,
    SUPPRESSED,
    Cell,
    SuppressedTable,
    person_count,
    share,
    suppress_table,
)
from app.organisations.models import Organisation, OrganisationStatus
from app.proposals.models import Proposal, ProposalStatus
from app.votes.models import Vote

# Polymorphic identities of what counts; translations (kind "translation") never do.
PROPOSAL, COMMENT, CONCEPT_COMMENT, STATEMENT = (
    "proposal",
    "comment",
    "concept_comment",
    "statement",
)
COUNTED_KINDS = (PROPOSAL, COMMENT, CONCEPT_COMMENT, STATEMENT)
PUBLIC_CONSULTATION_STATES = (ConsultationState.PUBLISHED, ConsultationState.ARCHIVED)

# Tables rather than mapped classes: one SELECT covers every kind of contribution through outer
# joins, without the ORM's polymorphic loading.
_contributions = Contribution.__table__
_proposals = Proposal.__table__
_comments = Comment.__table__
_commented = Proposal.__table__.alias("commented_proposals")
_voted = Contribution.__table__.alias("voted_contributions")
_voted_proposals = Proposal.__table__.alias("voted_proposals")
_consultations = Consultation.__table__
_organisations = Organisation.__table__
_votes = Vote.__table__
_users = User.__table__

_ZERO = literal_column("0", Integer)
_ONE = literal_column("1", Integer)
_NO_ID = cast(null(), Integer)
# On-site entries are written by the coordination for people without an account.
_ONLINE_AUTHOR = case(
    (_contributions.c.on_site_event_id.is_(None), _contributions.c.author_id), else_=_NO_ID
)
_SUMMED = ("proposals", "comments", "statements", "votes", "on_site", "on_behalf")


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
    _check_dimensions(by)
    kind = _contributions.c.kind

    def contribution_columns(dimensions: dict) -> dict:
        return {
            **{name: dimensions[name] for name in by},
            "proposals": _flag(kind == PROPOSAL),
            "comments": _flag(kind.in_((COMMENT, CONCEPT_COMMENT))),
            "statements": _flag(kind == STATEMENT),
            "votes": _ZERO,
            "on_site": _flag(_contributions.c.on_site_event_id.is_not(None)),
            "on_behalf": _flag(_contributions.c.organisation_id.is_not(None)),
            "person": _ONLINE_AUTHOR,
            "organisation": case(
                (
                    _organisations.c.status == OrganisationStatus.VERIFIED,
                    _contributions.c.organisation_id,
                ),
                else_=_NO_ID,
            ),
        }

    def vote_columns(dimensions: dict) -> dict:
        return {
            **{name: dimensions[name] for name in by},
            **{name: _ZERO for name in _SUMMED},
            "votes": _ONE,
            "person": _votes.c.user_id,
            "organisation": _NO_ID,
        }

    # One statement: contributions and votes are rows of one union, grouped once, so someone
    # who both wrote and voted is one active person.
    rows = union_all(
        _counted_contributions(filters, region_id, contribution_columns),
        _counted_votes(filters, region_id, vote_columns),
    ).subquery("counted")
    groups = [rows.c[name] for name in by]
    query = select(
        *groups,
        func.count().label("size"),
        *[func.sum(rows.c[name]).label(name) for name in _SUMMED],
        func.count(rows.c.person.distinct()).label("persons"),
        func.count(rows.c.organisation.distinct()).label("organisations"),
    ).group_by(*groups)
    figures = {}
    for row in db.session.execute(query).mappings():
        if not row["size"]:
            continue  # the overall total of nothing
        figures[tuple(row[name] for name in by)] = ParticipationFigures(
            **{name: int(row[name] or 0) for name in _SUMMED},
            active_organisations=int(row["organisations"]),
            active_persons=person_count(int(row["persons"])),
        )
    return figures


def active_persons(filters: Filters) -> SuppressedTable:
    """Active persons by region (rows) and month key (columns), with period figures per region
    (row totals), per month for all regions (column totals) and overall (grand total). Distinct
    counts do not add up over months, but over regions they nearly do, so columns are treated
    as sums (complementary suppression) and rows are not. Four statements, whatever the data."""
    counts = {by: _active_person_counts(filters, by) for by in _ACTIVE_PERSON_GROUPINGS}
    by_region_and_month = counts[("region", "month")]
    regions = sorted({key[0] for key in by_region_and_month}, key=lambda r: (r is None, r))
    months = filters.period.month_keys
    return suppress_table(
        by_region_and_month,
        regions,
        months,
        row_totals={r: counts[("region",)].get((r,), 0) for r in regions},
        column_totals={m: counts[("month",)].get((m,), 0) for m in months},
        grand_total=counts[()].get((), 0),
        additive_rows=False,
        additive_columns=True,
    )


_ACTIVE_PERSON_GROUPINGS = (("region", "month"), ("region",), ("month",), ())


def _active_person_counts(filters: Filters, by: tuple[str, ...]) -> dict[tuple, int]:
    """Distinct active persons per group (raw counts: only suppress_table may publish them)."""

    def columns(dimensions: dict) -> dict:
        return {**{name: dimensions[name] for name in by}, "person": dimensions["person"]}

    rows = union_all(
        _counted_contributions(filters, None, _with_person(columns, "contribution")),
        _counted_votes(filters, None, _with_person(columns, "vote")),
    ).subquery("active")
    groups = [rows.c[name] for name in by]
    query = select(*groups, func.count(rows.c.person.distinct())).group_by(*groups)
    return {tuple(row[:-1]): int(row[-1]) for row in db.session.execute(query)}


def _with_person(columns, source: str):
    """Adds the dimension "person": the account that took part (never on-site entries)."""
    person = _votes.c.user_id if source == "vote" else _ONLINE_AUTHOR

    def with_person(dimensions: dict) -> dict:
        return columns({**dimensions, "person": person})

    return with_person


def contributions_by_language(
    filters: Filters, region_id: int | None = None
) -> dict[tuple[int, str], int]:
    """Counted contributions per (region id, language code)."""

    def columns(dimensions: dict) -> dict:
        return {"region": dimensions["region"], "language": _contributions.c.language}

    rows = _counted_contributions(filters, region_id, columns).subquery("counted")
    query = select(rows.c.region, rows.c.language, func.count()).group_by(
        rows.c.region, rows.c.language
    )
    return {(region, language): int(size) for region, language, size in db.session.execute(query)}


def registrations(
    filters: Filters, by_month: bool, region_id: int | None = None
) -> dict[tuple, RegistrationFigures]:
    """Confirmed accounts by home region (None: no home region given): keys (region id,) or,
    with by_month, (region id, month key). `registered` is the number at the end of the month
    (or period); `new` those confirmed within it. Person counts, suppressed below 5 and so
    that no difference of published figures, in this period or another, reveals fewer than 5
    (see the module docstring)."""
    period = filters.period
    confirmed = _users.c.confirmed_at
    first = db.session.scalar(select(func.min(confirmed)))
    # From the first confirmation on the platform (or the period's start, if earlier: months
    # without confirmations change nothing), so every period sees the same published months.
    # Always two statements, also when nobody is confirmed (the second then finds nothing).
    start = _berlin_month(first) if first is not None else period.first
    history = Period(min(start, period.first), period.last)
    accounts = select(
        _users.c.home_region_id.label("region"), history.month_of(confirmed).label("month")
    ).where(confirmed.is_not(None), confirmed < history.ends_at)
    if region_id is not None:
        accounts = accounts.where(_users.c.home_region_id == region_id)
    accounts = accounts.subquery("accounts")
    query = select(accounts.c.region, accounts.c.month, func.count()).group_by(
        accounts.c.region, accounts.c.month
    )
    added: dict = {}
    for region, month, size in db.session.execute(query):
        added.setdefault(region, {})[month] = int(size)

    months = history.month_keys
    # The period's months are the last ones of the history; `before` is the index of the month
    # before the period (-1: before the history, when nobody was confirmed yet).
    before = len(months) - len(period.month_keys) - 1
    figures: dict[tuple, RegistrationFigures] = {}
    for region, counts in added.items():
        series = _Series([counts.get(month, 0) for month in months])
        if by_month:
            for index in range(before + 1, len(months)):
                figures[(region, months[index])] = RegistrationFigures(
                    registered=series.at(index), new=series.between(index - 1, index)
                )
        else:
            last = len(months) - 1
            figures[(region,)] = RegistrationFigures(
                registered=series.at(last), new=series.between(before, last)
            )
    return figures


# --- pieces ----------------------------------------------------------------------------------


def _check_dimensions(by: tuple[str, ...]) -> None:
    if any(name not in DIMENSIONS for name in by) or len(set(by)) != len(by):
        raise ValueError(f"unknown or repeated dimensions: {by!r}")


def _flag(condition):
    return case((condition, _ONE), else_=_ZERO)


def _counted_contributions(filters: Filters, region_id: int | None, columns):
    """SELECT over the counted contributions; `columns(dimensions)` gives the named columns
    from the dimension expressions (region, month, consultation, field)."""
    field_id = func.coalesce(_proposals.c.field_of_action_id, _commented.c.field_of_action_id)
    dimensions = {
        "region": _consultations.c.region_id,
        "month": filters.period.month_of(_contributions.c.created_at),
        "consultation": _contributions.c.consultation_id,
        "field": field_id,  # a comment's through its proposal; NULL for the other kinds
    }
    source = (
        _contributions.join(_consultations, _consultations.c.id == _contributions.c.consultation_id)
        .outerjoin(_proposals, _proposals.c.id == _contributions.c.id)
        .outerjoin(_comments, _comments.c.id == _contributions.c.id)
        .outerjoin(_commented, _commented.c.id == _comments.c.proposal_id)
        .outerjoin(_organisations, _organisations.c.id == _contributions.c.organisation_id)
    )
    query = (
        select(*[column.label(name) for name, column in columns(dimensions).items()])
        .select_from(source)
        .where(
            _contributions.c.kind.in_(COUNTED_KINDS),
            _contributions.c.moderation_state.in_(ModerationState.VISIBLE),
            _consultations.c.state.in_(PUBLIC_CONSULTATION_STATES),
            # Only proposals have a status, only comments a removal time (NULL for the rest).
            or_(_proposals.c.status.is_(None), _proposals.c.status != ProposalStatus.WITHDRAWN),
            _comments.c.deleted_at.is_(None),
            filters.period.contains(_contributions.c.created_at),
        )
    )
    if region_id is not None:
        query = query.where(_consultations.c.region_id == region_id)
    if filters.field_of_action_id is not None:
        query = query.where(field_id == filters.field_of_action_id)
    return query


def _counted_votes(filters: Filters, region_id: int | None, columns):
    """SELECT over the counted votes, like _counted_contributions."""
    dimensions = {
        "region": _consultations.c.region_id,
        "month": filters.period.month_of(_votes.c.created_at),
        "consultation": _votes.c.consultation_id,
        "field": _voted_proposals.c.field_of_action_id,
    }
    source = (
        _votes.join(_voted, _voted.c.id == _votes.c.proposal_id)
        .join(_voted_proposals, _voted_proposals.c.id == _votes.c.proposal_id)
        .join(_consultations, _consultations.c.id == _voted.c.consultation_id)
    )
    query = (
        select(*[column.label(name) for name, column in columns(dimensions).items()])
        .select_from(source)
        .where(
            _voted.c.moderation_state.in_(ModerationState.VISIBLE),
            _consultations.c.state.in_(PUBLIC_CONSULTATION_STATES),
            filters.period.contains(_votes.c.created_at),
        )
    )
    if region_id is not None:
        query = query.where(_consultations.c.region_id == region_id)
    if filters.field_of_action_id is not None:
        query = query.where(_voted_proposals.c.field_of_action_id == filters.field_of_action_id)
    return query


def _berlin_month(moment: datetime) -> date:
    """The first of the Berlin month a naive UTC time falls in."""
    return moment.replace(tzinfo=UTC).astimezone(BERLIN).date().replace(day=1)


class _Series:
    """A region's confirmed accounts at the end of each month of the history, with the months
    whose value may be published (see the module docstring)."""

    def __init__(self, added: list[int]):
        self.totals, self.published = [], []
        total = waiting = 0
        for count in added:
            total += count
            waiting += count
            shown = waiting == 0 or waiting >= MIN_GROUP
            if shown:
                waiting = 0
            self.totals.append(total)
            self.published.append(shown)

    def _total(self, index: int) -> int:
        return self.totals[index] if index >= 0 else 0

    def _known(self, index: int) -> bool:
        return index < 0 or self.published[index]

    def at(self, index: int) -> Cell:
        """Accounts at the end of month `index`."""
        return Cell(self._total(index)) if self._known(index) else SUPPRESSED

    def between(self, earlier: int, later: int) -> Cell:
        """Accounts confirmed after the end of month `earlier` up to the end of `later`."""
        added = self._total(later) - self._total(earlier)
        if added == 0 or (self._known(earlier) and self._known(later)):
            return Cell(added)
        return SUPPRESSED
