"""Responsiveness indicators: do the regions answer, and what becomes of proposals? Plus the
state of the action concepts and projects, and the figures of moderation.

Every figure is an aggregate computed in the database (GROUP BY, window functions for medians);
each function runs a fixed number of statements, whatever the amount of data:
responsiveness() 3, transparency() 3, moderation() 5. Nothing here counts persons, so nothing
goes through suppression (counts of proposals, measures, decisions and reports are not
person counts). Caching is left to the pages (cache.cached), which know their keys.

What counts:
- proposals as in participation.py: published (not pending, hidden or rejected), not withdrawn,
  in a published or archived consultation, created (`created_at`) within the period, counted in
  the Berlin month they were written; region: the consultation's; field: the proposal's.
- answered: the proposal has at least one official answer, given at any time (also after the
  period). Days to answer: from the proposal's creation to its first answer.
- over the threshold and unanswered: as the consultation page lists them (published, not
  withdrawn, votes_for >= the consultation's answer_threshold, which must be above 0, no
  answer); a current state, so not bound to the period, but bound to the field and region.
- moderation: all kinds of contributions (proposals, comments, statements, translations,
  comments on concepts) by the region of their consultation; see moderation().
"""

from dataclasses import dataclass, field

from sqlalchemy import and_, exists, func, select

from app.concepts.models import ConceptItem, ConceptVersion, ItemKind, MeasureStatus, VersionState
from app.consultations.models import Consultation, ConsultationState
from app.core.clock import utcnow_naive
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.moderation.models import Appeal, AppealOutcome, ModerationDecision, Report
from app.monitoring.filters import DIMENSIONS, Filters
from app.monitoring.sql import days_between, median_by
from app.monitoring.suppression import Cell, share
from app.projects.models import FundingState, ProjectApproach, ProjectFunding, ProjectStatus
from app.proposals.models import OfficialResponse, Proposal, ProposalStatus

PUBLIC_STATES = (ConsultationState.PUBLISHED, ConsultationState.ARCHIVED)
# Medians and ages are rounded to one decimal in Python, so both databases (julianday on
# SQLite, epoch seconds on PostgreSQL) give the same published number.
DECIMALS = 1


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


# --- responsiveness ------------------------------------------------------------------------------


def _check_dimensions(by: tuple[str, ...]) -> None:
    unknown = [name for name in by if name not in DIMENSIONS]
    if unknown or len(set(by)) != len(by):
        raise ValueError(f"unknown or repeated grouping dimensions: {by!r}")


def _proposal_conditions(filters: Filters, region_id: int | None) -> list:
    """The proposals that count (any creation time): published, not withdrawn, in a public
    consultation, in the field and region asked for. The query joins Consultation."""
    conditions = [
        Proposal.moderation_state == ModerationState.PUBLISHED,
        Proposal.status != ProposalStatus.WITHDRAWN,
        Consultation.state.in_(PUBLIC_STATES),
    ]
    if filters.field_of_action_id is not None:
        conditions.append(Proposal.field_of_action_id == filters.field_of_action_id)
    if region_id is not None:
        conditions.append(Consultation.region_id == region_id)
    return conditions


def _proposal_dimensions(filters: Filters, by: tuple[str, ...]) -> list:
    columns = {
        "region": lambda: Consultation.region_id,
        "month": lambda: filters.period.month_of(Proposal.created_at),
        "consultation": lambda: Proposal.consultation_id,
        "field": lambda: Proposal.field_of_action_id,
    }
    return [columns[name]().label(name) for name in by]


def _rounded(value) -> float | None:
    return None if value is None else round(float(value), DECIMALS)


def responsiveness(
    filters: Filters, by: tuple[str, ...], region_id: int | None = None
) -> dict[tuple, ResponsivenessFigures]:
    """Figures per group, keyed like participation.participation(): tuples of the values of
    `by` in order (region id, month key 'YYYY-MM', consultation id, field id or None).

    `over_threshold_unanswered` is a current state and has no month. Grouped by month, it
    appears under the key with the group's other values and None in the month's place, e.g.
    (region id, None) for by=("region", "month"); the month keys carry 0 there. Without month
    in `by`, it sits in the same group as the period's figures.

    Only groups with something in them appear (by=() and nothing to count gives {}); callers
    fill the rest with ResponsivenessFigures(). `region_id` narrows to one region.
    """
    _check_dimensions(by)
    period = filters.period
    first_answers = (
        select(
            OfficialResponse.proposal_id.label("proposal_id"),
            func.min(OfficialResponse.created_at).label("answered_at"),
        )
        .group_by(OfficialResponse.proposal_id)
        .subquery("first_answers")
    )
    # One row per counted proposal with its group values and days to the first answer (NULL
    # when unanswered). Grouping happens outside, on plain columns of this subquery: the month
    # is a CASE with bound values, which PostgreSQL would not match between SELECT and GROUP BY.
    counted = (
        select(
            *_proposal_dimensions(filters, by),
            days_between(first_answers.c.answered_at, Proposal.created_at).label("value"),
        )
        .select_from(Proposal)
        .join(Consultation, Consultation.id == Proposal.consultation_id)
        .outerjoin(first_answers, first_answers.c.proposal_id == Proposal.id)
        .where(*_proposal_conditions(filters, region_id), period.contains(Proposal.created_at))
        .subquery("counted")
    )
    groups = [counted.c[name] for name in by]
    figures: dict[tuple, ResponsivenessFigures] = {}

    count_rows = db.session.execute(
        select(*groups, func.count().label("proposals"), func.count(counted.c.value)).group_by(
            *groups
        )
    ).all()
    for row in count_rows:
        key, (proposals, answered) = tuple(row[: len(by)]), row[len(by) :]
        if proposals:
            figures[key] = ResponsivenessFigures(proposals=proposals, answered=answered)

    answered_values = select(counted).where(counted.c.value.is_not(None)).subquery("answered")
    for row in db.session.execute(median_by(answered_values, list(by))).all():
        key, median = tuple(row[: len(by)]), row[len(by)]
        if key in figures:
            figures[key].median_days_to_answer = _rounded(median)

    not_answered = ~exists().where(OfficialResponse.proposal_id == Proposal.id)
    without_month = tuple(name for name in by if name != "month")
    state_groups = _proposal_dimensions(filters, without_month)
    over_rows = db.session.execute(
        select(*state_groups, func.count())
        .select_from(Proposal)
        .join(Consultation, Consultation.id == Proposal.consultation_id)
        .where(
            *_proposal_conditions(filters, region_id),
            Consultation.answer_threshold > 0,
            Proposal.votes_for >= Consultation.answer_threshold,
            not_answered,
        )
        .group_by(*state_groups)
    ).all()
    for row in over_rows:
        values, count = dict(zip(without_month, row, strict=False)), row[len(without_month)]
        if not count:
            continue
        key = tuple(values.get(name) for name in by)  # month: None
        figures.setdefault(key, ResponsivenessFigures()).over_threshold_unanswered = count
    return figures


# --- transparency --------------------------------------------------------------------------------


def transparency(filters: Filters, region_id: int | None = None) -> dict[int, TransparencyFigures]:
    """Per region id: measures of its current published action concept by status, projects by
    status and funding sums (the field filter applies to measures and projects with a field).

    The current version is the region's published version with the highest number (drafts
    never count), as on the concept pages. Goals are not measures. With a field filter, only
    measures of that field and projects of that field count (projects without a field drop
    out, like statements in participation.py). Funding: granted and still applied-for
    amounts of the region's (field's) projects; declined applications and amounts not given
    count 0. Not bound to the period: a state now.

    `measures_by_status` and `projects_by_status` hold every status code, in the order of
    MeasureStatus.ALL and ProjectStatus.ALL, with 0 where nothing is. Only regions with a
    measure or a project appear; callers fill the rest with TransparencyFigures().
    """
    field_id = filters.field_of_action_id
    current = (
        select(ConceptVersion.region_id, func.max(ConceptVersion.number).label("number"))
        .where(ConceptVersion.state == VersionState.PUBLISHED)
        .group_by(ConceptVersion.region_id)
        .subquery("current_versions")
    )
    measures = (
        select(ConceptVersion.region_id, ConceptItem.status, func.count())
        .select_from(ConceptItem)
        .join(ConceptVersion, ConceptVersion.id == ConceptItem.version_id)
        .join(
            current,
            and_(
                current.c.region_id == ConceptVersion.region_id,
                current.c.number == ConceptVersion.number,
            ),
        )
        .where(ConceptItem.kind == ItemKind.MEASURE)
        .group_by(ConceptVersion.region_id, ConceptItem.status)
    )
    projects = select(ProjectApproach.region_id, ProjectApproach.status, func.count()).group_by(
        ProjectApproach.region_id, ProjectApproach.status
    )
    fundings = (
        select(
            ProjectApproach.region_id,
            ProjectFunding.state,
            func.coalesce(func.sum(ProjectFunding.amount), 0),
        )
        .select_from(ProjectFunding)
        .join(ProjectApproach, ProjectApproach.id == ProjectFunding.project_id)
        .where(ProjectFunding.state.in_((FundingState.GRANTED, FundingState.APPLIED)))
        .group_by(ProjectApproach.region_id, ProjectFunding.state)
    )
    if field_id is not None:
        measures = measures.where(ConceptItem.field_of_action_id == field_id)
        projects = projects.where(ProjectApproach.field_of_action_id == field_id)
        fundings = fundings.where(ProjectApproach.field_of_action_id == field_id)
    if region_id is not None:
        measures = measures.where(ConceptVersion.region_id == region_id)
        projects = projects.where(ProjectApproach.region_id == region_id)
        fundings = fundings.where(ProjectApproach.region_id == region_id)

    figures: dict[int, TransparencyFigures] = {}

    def of(region: int) -> TransparencyFigures:
        if region not in figures:
            figures[region] = TransparencyFigures(
                measures_by_status=dict.fromkeys(MeasureStatus.ALL, 0),
                projects_by_status=dict.fromkeys(ProjectStatus.ALL, 0),
            )
        return figures[region]

    for region, status, count in db.session.execute(measures).all():
        of(region).measures_by_status[status] = count
    for region, status, count in db.session.execute(projects).all():
        of(region).projects_by_status[status] = count
    for region, state, amount in db.session.execute(fundings).all():
        if region not in figures:
            continue  # a funding always has its project, so this does not happen
        if state == FundingState.GRANTED:
            figures[region].funding_granted_euros = int(amount)
        else:
            figures[region].funding_applied_euros = int(amount)
    return figures


# --- moderation ----------------------------------------------------------------------------------


def moderation(filters: Filters, region_id: int | None = None) -> dict[int, ModerationFigures]:
    """Per region id (the region of the contribution's consultation).

    - queue_length, oldest_waiting_hours: contributions waiting for review (pending) now, and
      the hours since the oldest of them was written; not bound to the period.
    - decisions, decisions_by_reason: decisions taken by a person (moderator_id set, so the
      platform's automatic hiding after reports is left out; a reversal on appeal is a
      restore by the coordinator and counts) within the period; by reason only those with a
      reason (hide, reject).
    - median_hours_to_decision: per contribution whose first decision by a person lies in
      the period, the hours from its creation to that decision; the median over them.
    - reports: reports filed within the period. appeals: appeals lodged within the period;
      of these appeals_open are undecided now and reversals were decided for the author.

    Moderation is work per region, not per field of action, so the field filter does not
    apply here. Only regions with something in them appear; callers fill the rest with
    ModerationFigures(). Hours are rounded to one decimal.
    """
    period = filters.period

    def in_region(query):
        query = query.join(Consultation, Consultation.id == Contribution.consultation_id)
        if region_id is not None:
            query = query.where(Consultation.region_id == region_id)
        return query

    figures: dict[int, ModerationFigures] = {}

    def of(region: int) -> ModerationFigures:
        return figures.setdefault(region, ModerationFigures())

    now = utcnow_naive()
    queue = in_region(
        select(
            Consultation.region_id, func.count(Contribution.id), func.min(Contribution.created_at)
        )
        .select_from(Contribution)
        .where(Contribution.moderation_state == ModerationState.PENDING)
    ).group_by(Consultation.region_id)
    for region, count, oldest in db.session.execute(queue).all():
        of(region).queue_length = count
        of(region).oldest_waiting_hours = _rounded(max(0.0, (now - oldest).total_seconds()) / 3600)

    by_person = ModerationDecision.moderator_id.is_not(None)
    decisions = in_region(
        select(Consultation.region_id, ModerationDecision.reason, func.count())
        .select_from(ModerationDecision)
        .join(Contribution, Contribution.id == ModerationDecision.contribution_id)
        .where(by_person, period.contains(ModerationDecision.created_at))
    ).group_by(Consultation.region_id, ModerationDecision.reason)
    for region, reason, count in db.session.execute(decisions).all():
        of(region).decisions += count
        if reason is not None:
            of(region).decisions_by_reason[reason] = count

    first_decisions = (
        select(
            ModerationDecision.contribution_id.label("contribution_id"),
            func.min(ModerationDecision.created_at).label("decided_at"),
        )
        .where(by_person)
        .group_by(ModerationDecision.contribution_id)
        .subquery("first_decisions")
    )
    waited = in_region(
        select(
            Consultation.region_id.label("region"),
            (days_between(first_decisions.c.decided_at, Contribution.created_at) * 24).label(
                "value"
            ),
        )
        .select_from(first_decisions)
        .join(Contribution, Contribution.id == first_decisions.c.contribution_id)
        .where(period.contains(first_decisions.c.decided_at))
    ).subquery("waited")
    for region, median in db.session.execute(median_by(waited, ["region"])).all():
        of(region).median_hours_to_decision = _rounded(median)

    reports = in_region(
        select(Consultation.region_id, func.count(Report.id))
        .select_from(Report)
        .join(Contribution, Contribution.id == Report.contribution_id)
        .where(period.contains(Report.created_at))
    ).group_by(Consultation.region_id)
    for region, count in db.session.execute(reports).all():
        of(region).reports = count

    appeals = in_region(
        select(Consultation.region_id, Appeal.outcome, func.count(Appeal.id))
        .select_from(Appeal)
        .join(ModerationDecision, ModerationDecision.id == Appeal.decision_id)
        .join(Contribution, Contribution.id == ModerationDecision.contribution_id)
        .where(period.contains(Appeal.created_at))
    ).group_by(Consultation.region_id, Appeal.outcome)
    for region, outcome, count in db.session.execute(appeals).all():
        figures_of_region = of(region)
        figures_of_region.appeals += count
        if outcome is None:
            figures_of_region.appeals_open = count
        elif outcome == AppealOutcome.REVERSED:
            figures_of_region.reversals = count
    return figures
