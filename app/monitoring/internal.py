"""The ministry view: the figures that are not public.

- Moderation per region (`responsiveness.moderation()`): the queue now and how long its oldest
  item has waited, decisions in the period and their reasons, the median hours to the first
  decision, reports, and appeals with their outcome.
- Accounts per home region (`participation.registrations()`): confirmed accounts at the end of
  the period and of each month, and new ones. These are person counts, suppressed there so that
  no difference of two published figures reveals fewer than 5 persons; no sum over regions is
  shown, since such a new total would not be protected against differencing.
- Proposals over their consultation's answer threshold that still have no official answer, per
  region: the number (the same figure as the public chart "over-threshold") and the titles of
  the longest-waiting ones, read in one statement with at most `LIST_LIMIT` per region.

The charts are registered in the dashboard's registry with `public=False`, so their CSV and JSON
downloads require "monitoring.internal", like the page. Every region is shown (model regions
first, then the Kompetenzkreis): moderation and accounts are work of every region.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import g, has_request_context
from sqlalchemy import exists, func, select

from app.consultations.models import Consultation, ConsultationState
from app.core.i18n import _
from app.core.models import ModerationState
from app.extensions import db
from app.moderation.models import REASON_NAMES, ReportReason
from app.monitoring import dashboard
from app.monitoring import participation as participation_figures
from app.monitoring import responsiveness as responsiveness_figures
from app.monitoring.cache import cached
from app.monitoring.charts import Chart, ChartKind, Series, ValueUnit
from app.monitoring.dashboard import ALL, KeyFigure, month_categories, region_label, register
from app.monitoring.filters import Filters
from app.monitoring.participation import RegistrationFigures
from app.monitoring.responsiveness import ModerationFigures, ResponsivenessFigures
from app.monitoring.suppression import EMPTY, Cell
from app.proposals.models import OfficialResponse, Proposal, ProposalStatus
from app.regions.models import Region

# Titles listed per region; the number of all of them is shown beside the list.
LIST_LIMIT = 10
NO_REGION = "none"  # category key of accounts without a home region
PUBLIC_STATES = (ConsultationState.PUBLISHED, ConsultationState.ARCHIVED)


# --- Indicators, computed once per request and cached like the dashboard's ---------------------


def _indicator(key: tuple, compute: Callable[[], object]):
    """`compute()` through the shared cache, and once per request (several charts use it)."""
    if not has_request_context():
        return cached(key, compute)
    memo = g.setdefault("_monitoring_internal_memo", {})
    if key not in memo:
        memo[key] = cached(key, compute)
    return memo[key]


def moderation(filters: Filters) -> dict[int, ModerationFigures]:
    # Moderation ignores the field of action; the key leaves it out.
    return _indicator(
        ("internal", "moderation", filters.period.first, filters.period.last),
        lambda: responsiveness_figures.moderation(filters),
    )


def registrations(filters: Filters, by_month: bool) -> dict[tuple, RegistrationFigures]:
    return _indicator(
        ("internal", "registrations", filters.period.first, filters.period.last, by_month),
        lambda: participation_figures.registrations(filters, by_month),
    )


def regions() -> list[Region]:
    """Every region: model regions first (by position), then the Kompetenzkreis."""
    return dashboard.all_regions()


def _moderation_by_region(filters: Filters) -> dict[int, ModerationFigures]:
    figures = moderation(filters)
    return {region.id: figures.get(region.id, ModerationFigures()) for region in regions()}


def _answers_by_region(filters: Filters) -> dict[int, ResponsivenessFigures]:
    figures = dashboard.responsiveness(filters, ("region",))
    return {region.id: figures.get((region.id,), ResponsivenessFigures()) for region in regions()}


def _hours(value: float | None) -> Cell:
    return Cell(value) if value is not None else EMPTY


def hours_as_days(hours: float | None) -> Cell:
    return Cell(round(hours / 24, 1)) if hours is not None else EMPTY


def _series(key: str, label: str, values) -> Series:
    return Series(key=key, label=label, values=tuple(values))


def _region_chart(chart_id, title, description, unit, series) -> Chart:
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        kind=ChartKind.BARS,
        unit=unit,
        categories=tuple((region.slug, region_label(region)) for region in regions()),
        series=tuple(series),
        category_name=_("Region"),
    )


# --- Key figures -------------------------------------------------------------------------------


def key_figures(filters: Filters) -> list[KeyFigure]:
    """Totals over every region. Only counts of contributions, decisions, appeals and proposals:
    no person count is added up here."""
    figures = _moderation_by_region(filters).values()
    answers = _answers_by_region(filters).values()
    oldest = [item.oldest_waiting_hours for item in figures if item.oldest_waiting_hours]
    return [
        KeyFigure(
            "queue",
            _("Waiting for review"),
            Cell(sum(item.queue_length for item in figures)),
            ValueUnit.COUNT,
            _("contributions, now"),
        ),
        KeyFigure(
            "oldest",
            _("Oldest waiting item"),
            hours_as_days(max(oldest)) if oldest else EMPTY,
            ValueUnit.DAYS,
            _("waiting for review so long, now"),
        ),
        KeyFigure(
            "decisions",
            _("Moderation decisions"),
            Cell(sum(item.decisions for item in figures)),
            ValueUnit.COUNT,
            _("in the period"),
        ),
        KeyFigure(
            "waiting-answers",
            _("Proposals waiting for an answer"),
            Cell(sum(item.over_threshold_unanswered for item in answers)),
            ValueUnit.COUNT,
            _("over the answer threshold, now"),
        ),
    ]


# --- Charts: moderation ------------------------------------------------------------------------


@register("internal-moderation-queue", ALL, public=False)
def moderation_queue_chart(filters: Filters, region: Region | None = None) -> Chart:
    figures = _moderation_by_region(filters)
    return _region_chart(
        "internal-moderation-queue",
        _("Waiting for review now"),
        _(
            "Contributions waiting for a moderator's review (pre-moderation) at this moment, "
            "whatever the period."
        ),
        ValueUnit.COUNT,
        [
            _series(
                "queue_length",
                _("Waiting for review"),
                (Cell(figures[item.id].queue_length) for item in regions()),
            )
        ],
    )


@register("internal-moderation-oldest", ALL, public=False)
def moderation_oldest_chart(filters: Filters, region: Region | None = None) -> Chart:
    figures = _moderation_by_region(filters)
    return _region_chart(
        "internal-moderation-oldest",
        _("Oldest item waiting for review"),
        _(
            "Days since the oldest contribution still waiting for review was written, at this "
            "moment. “–” where nothing is waiting."
        ),
        ValueUnit.DAYS,
        [
            _series(
                "oldest_waiting_days",
                _("Days waiting"),
                (hours_as_days(figures[item.id].oldest_waiting_hours) for item in regions()),
            )
        ],
    )


@register("internal-moderation-decisions", ALL, public=False)
def moderation_decisions_chart(filters: Filters, region: Region | None = None) -> Chart:
    figures = _moderation_by_region(filters)
    return _region_chart(
        "internal-moderation-decisions",
        _("Moderation decisions and reports"),
        _(
            "Decisions taken by moderators and coordinators in the period (the automatic hiding "
            "after several reports is not counted; a reversal on appeal is), and reports "
            "received in the period."
        ),
        ValueUnit.COUNT,
        [
            _series(
                "decisions",
                _("Decisions"),
                (Cell(figures[item.id].decisions) for item in regions()),
            ),
            _series(
                "reports",
                _("Reports"),
                (Cell(figures[item.id].reports) for item in regions()),
            ),
        ],
    )


@register("internal-moderation-hours", ALL, public=False)
def moderation_hours_chart(filters: Filters, region: Region | None = None) -> Chart:
    figures = _moderation_by_region(filters)
    return _region_chart(
        "internal-moderation-hours",
        _("Hours until the first moderation decision"),
        _(
            "Median number of hours from a contribution to the first decision a person took on "
            "it, over the contributions whose first decision lies in the period."
        ),
        ValueUnit.HOURS,
        [
            _series(
                "median_hours_to_decision",
                _("Median hours"),
                (_hours(figures[item.id].median_hours_to_decision) for item in regions()),
            )
        ],
    )


@register("internal-moderation-reasons", ALL, public=False)
def moderation_reasons_chart(filters: Filters, region: Region | None = None) -> Chart:
    figures = _moderation_by_region(filters)
    # The reasons given in the period (all of them when none was: an empty chart).
    used = [
        reason
        for reason in ReportReason.ALL
        if any(item.decisions_by_reason.get(reason) for item in figures.values())
    ] or list(ReportReason.ALL)
    return _region_chart(
        "internal-moderation-reasons",
        _("Decisions by reason"),
        _(
            "Contributions hidden or rejected in the period, by the reason the moderators gave "
            "(decisions without a reason, such as approvals and restorations, are not included). "
            "Only the reasons given in the period are shown."
        ),
        ValueUnit.COUNT,
        [
            _series(
                reason,
                str(REASON_NAMES[reason]),
                (Cell(figures[item.id].decisions_by_reason.get(reason, 0)) for item in regions()),
            )
            for reason in used
        ],
    )


@register("internal-appeals", ALL, public=False)
def appeals_chart(filters: Filters, region: Region | None = None) -> Chart:
    figures = _moderation_by_region(filters)
    return _region_chart(
        "internal-appeals",
        _("Appeals"),
        _(
            "Appeals lodged by authors in the period against a moderation decision; of these, "
            "the ones not yet decided and the ones decided in the author's favour."
        ),
        ValueUnit.COUNT,
        [
            _series(
                "appeals",
                _("Appeals lodged"),
                (Cell(figures[item.id].appeals) for item in regions()),
            ),
            _series(
                "appeals_open",
                _("Still open"),
                (Cell(figures[item.id].appeals_open) for item in regions()),
            ),
            _series(
                "reversals",
                _("Decision reversed"),
                (Cell(figures[item.id].reversals) for item in regions()),
            ),
        ],
    )


# --- Charts: accounts --------------------------------------------------------------------------


def _account_categories() -> tuple[tuple[str, str, int | None], ...]:
    """(key, label, region id) of every region and of the accounts without a home region."""
    return (
        *((region.slug, region_label(region), region.id) for region in regions()),
        (NO_REGION, _("No home region given"), None),
    )


def _accounts_notes() -> tuple[str, ...]:
    return (
        _(
            "Confirmed accounts by the home region their owners gave. The field of action "
            "chosen above does not apply."
        ),
        _(
            "These are counts of persons: a figure is shown only when it and every difference "
            "to another published figure of the region are 0 or at least 5; a small month is "
            "shown together with the following ones."
        ),
    )


def _registration(groups: dict, key: tuple) -> RegistrationFigures:
    # A region nobody named yet has 0 accounts in every month (zeros stay visible).
    return groups.get(key) or RegistrationFigures(registered=Cell(0), new=Cell(0))


@register("internal-accounts", ALL, public=False)
def accounts_chart(filters: Filters, region: Region | None = None) -> Chart:
    groups = registrations(filters, by_month=False)
    categories = _account_categories()
    return Chart(
        id="internal-accounts",
        title=_("Accounts by home region"),
        description=_(
            "Confirmed accounts at the end of the period, and those confirmed within it."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.PERSONS,
        categories=tuple((key, label) for key, label, _id in categories),
        series=(
            _series(
                "registered",
                _("Accounts at the end of the period"),
                (_registration(groups, (region_id,)).registered for *_k, region_id in categories),
            ),
            _series(
                "new",
                _("New in the period"),
                (_registration(groups, (region_id,)).new for *_k, region_id in categories),
            ),
        ),
        notes=_accounts_notes(),
        category_name=_("Home region"),
    )


def _accounts_by_month(filters: Filters, chart_id: str, attribute: str, title, description):
    groups = registrations(filters, by_month=True)
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        kind=ChartKind.LINES,
        unit=ValueUnit.PERSONS,
        categories=month_categories(filters),
        series=tuple(
            _series(
                key,
                label,
                (
                    getattr(_registration(groups, (region_id, month)), attribute)
                    for month in filters.period.month_keys
                ),
            )
            for key, label, region_id in (
                (region.slug, region_label(region), region.id)
                for region in dashboard.model_regions()
            )
        ),
        notes=_accounts_notes(),
    )


@register("internal-new-accounts-by-month", ALL, public=False)
def new_accounts_by_month_chart(filters: Filters, region: Region | None = None) -> Chart:
    return _accounts_by_month(
        filters,
        "internal-new-accounts-by-month",
        "new",
        _("New accounts per month"),
        _(
            "Accounts confirmed in each Berlin calendar month, one line per model region (the "
            "Kompetenzkreis and accounts without a home region are in the chart above)."
        ),
    )


@register("internal-accounts-by-month", ALL, public=False)
def accounts_by_month_chart(filters: Filters, region: Region | None = None) -> Chart:
    return _accounts_by_month(
        filters,
        "internal-accounts-by-month",
        "registered",
        _("Accounts at the end of each month"),
        _(
            "Confirmed accounts at the end of each Berlin calendar month, one line per model "
            "region."
        ),
    )


# --- Proposals over the answer threshold, still unanswered -------------------------------------


@dataclass(frozen=True)
class WaitingProposal:
    id: int
    consultation_id: int
    region_id: int
    title: str
    language: str
    votes_for: int
    threshold: int
    created_at: datetime  # naive UTC


@dataclass(frozen=True)
class WaitingList:
    region: Region
    count: int  # all of them (the public figure "over-threshold")
    proposals: list[WaitingProposal]  # the longest-waiting ones, at most LIST_LIMIT

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.proposals))


def waiting_proposals(filters: Filters, limit: int = LIST_LIMIT) -> dict[int, list]:
    """{region id: [WaitingProposal]}: published proposals (not withdrawn) of published or
    archived consultations with an answer threshold, that reached it and have no official
    answer, in the field of action chosen (any time: a state now, like the figure). At most
    `limit` per region, the oldest first; one statement (a window function numbers them)."""
    conditions = [
        Proposal.moderation_state == ModerationState.PUBLISHED,
        Proposal.status != ProposalStatus.WITHDRAWN,
        Consultation.state.in_(PUBLIC_STATES),
        Consultation.answer_threshold > 0,
        Proposal.votes_for >= Consultation.answer_threshold,
        ~exists().where(OfficialResponse.proposal_id == Proposal.id),
    ]
    if filters.field_of_action_id is not None:
        conditions.append(Proposal.field_of_action_id == filters.field_of_action_id)
    ranked = (
        select(
            Proposal.id.label("id"),
            Proposal.consultation_id.label("consultation_id"),
            Consultation.region_id.label("region_id"),
            Proposal.title.label("title"),
            Proposal.language.label("language"),
            Proposal.votes_for.label("votes_for"),
            Consultation.answer_threshold.label("threshold"),
            Proposal.created_at.label("created_at"),
            func.row_number()
            .over(
                partition_by=Consultation.region_id,
                order_by=(Proposal.created_at, Proposal.id),
            )
            .label("position"),
        )
        .select_from(Proposal)
        .join(Consultation, Consultation.id == Proposal.consultation_id)
        .where(*conditions)
        .subquery("ranked")
    )
    rows = db.session.execute(
        select(ranked)
        .where(ranked.c.position <= limit)
        .order_by(ranked.c.region_id, ranked.c.position)
    ).mappings()
    listed: dict[int, list[WaitingProposal]] = {}
    for row in rows:
        fields = {name: row[name] for name in WaitingProposal.__dataclass_fields__}
        listed.setdefault(row["region_id"], []).append(WaitingProposal(**fields))
    return listed


def waiting_lists(filters: Filters) -> list[WaitingList]:
    """Per region (every region, in order): the number and the listed proposals."""
    answers = _answers_by_region(filters)
    listed = waiting_proposals(filters)
    return [
        WaitingList(
            region,
            answers[region.id].over_threshold_unanswered,
            listed.get(region.id, []),
        )
        for region in regions()
    ]


# --- Layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    chart_ids: tuple[str, ...]


def sections() -> list[Section]:
    return [
        Section(
            "moderation",
            _("Moderation"),
            _(
                "How much the moderation of each region has to do and how quickly it decides: "
                "the queue now, decisions, reports and appeals in the period. Moderation is "
                "counted by the region of the consultation; the field of action does not apply."
            ),
            (
                "internal-moderation-queue",
                "internal-moderation-oldest",
                "internal-moderation-decisions",
                "internal-moderation-hours",
                "internal-moderation-reasons",
                "internal-appeals",
            ),
        ),
        Section(
            "accounts",
            _("Accounts"),
            _(
                "Confirmed accounts by the home region given at registration: at the end of "
                "the period and month by month."
            ),
            (
                "internal-accounts",
                "internal-new-accounts-by-month",
                "internal-accounts-by-month",
            ),
        ),
    ]


def chart_ids() -> list[str]:
    return [chart_id for section in sections() for chart_id in section.chart_ids]


def build_all(filters: Filters) -> dict[str, Chart]:
    return dashboard.build_many(chart_ids(), filters)
