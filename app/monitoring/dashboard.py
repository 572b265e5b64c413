"""The charts of the monitoring pages: indicators in, `Chart` objects out.

Every chart has a builder `build(filters, region=None) -> Chart` registered under its stable id,
so a page and the chart's CSV / JSON download rebuild the very same object (see charts.py) and
cannot disagree. Indicators are computed through `cache.cached()` keyed by the filters, so the
page and its downloads share results; within one request each indicator is computed once.

Scopes: "all" charts compare the model regions side by side (the dashboard), "region" charts
describe one region (the region view, which needs the `region` argument), "both" charts do
either: the model regions side by side, or only the given region.

Charts that are not public (the ministry view) are registered with `public=False`; their
downloads require "monitoring.internal".
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date

from babel import Locale, UnknownLocaleError
from flask import g, has_request_context
from flask_babel import format_date, ngettext

from app.consultations.models import Consultation, ConsultationState
from app.core.i18n import LANGUAGE_NAMES, _, _l, current_language
from app.core.models import Translated
from app.extensions import db
from app.monitoring import charts, context_queries
from app.monitoring import participation as participation_figures
from app.monitoring import profiles as profile_figures
from app.monitoring import responsiveness as responsiveness_figures
from app.monitoring.cache import cached
from app.monitoring.charts import Chart, ValueUnit
from app.monitoring.context import CONTEXT_INDICATORS
from app.monitoring.filters import Filters
from app.monitoring.models import ContextIndicator
from app.monitoring.participation import ParticipationFigures
from app.monitoring.responsiveness import ResponsivenessFigures, TransparencyFigures
from app.monitoring.suppression import EMPTY, Cell
from app.regions.models import FieldOfAction, Region, RegionKind

ALL, REGION, BOTH = "all", "region", "both"
# The context indicator the profiles' migration experience is compared with.
MIGRATION_CONTEXT_KEY = "migration_background_share"


# --- Memo and cache ----------------------------------------------------------------------------


def _per_request(key: Hashable, compute: Callable[[], object]):
    """`compute()` once per request (several charts use the same indicator); outside a request
    (tests, commands) every call computes afresh."""
    if not has_request_context():
        return compute()
    memo = g.setdefault("_monitoring_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _indicator(key: tuple, compute: Callable[[], object]):
    """An indicator from the shared cache (plain data only: no ORM objects are cached)."""
    return _per_request(("indicator", *key), lambda: cached(key, compute))


def participation(filters: Filters, by: tuple[str, ...], region: Region | None = None) -> dict:
    region_id = region.id if region is not None else None
    return _indicator(
        filters.cache_key("participation", by, region_id),
        lambda: participation_figures.participation(filters, by, region_id),
    )


def active_persons(
    filters: Filters, region: Region | None = None, month: str | None = None
) -> Cell:
    """An active-person figure of a region, a month, both or neither, always from the one
    table that suppresses them together (see participation.active_persons)."""
    table = _indicator(
        filters.cache_key("active_persons"),
        lambda: participation_figures.active_persons(filters),
    )
    if region is None and month is None:
        return table.grand_total
    if region is None:
        return table.column_totals.get(month, Cell(0))
    if month is None:
        return table.row_totals.get(region.id, Cell(0))
    return table.cells.get((region.id, month), Cell(0))


def responsiveness(filters: Filters, by: tuple[str, ...], region: Region | None = None) -> dict:
    region_id = region.id if region is not None else None
    return _indicator(
        filters.cache_key("responsiveness", by, region_id),
        lambda: responsiveness_figures.responsiveness(filters, by, region_id),
    )


def transparency(filters: Filters, region: Region | None = None) -> dict:
    region_id = region.id if region is not None else None
    return _indicator(
        filters.cache_key("transparency", region_id),
        lambda: responsiveness_figures.transparency(filters, region_id),
    )


def contribution_languages(filters: Filters, region: Region | None = None) -> dict:
    region_id = region.id if region is not None else None
    return _indicator(
        filters.cache_key("languages", region_id),
        lambda: participation_figures.contributions_by_language(filters, region_id),
    )


def profile_tables() -> dict:
    """Not filtered by period or field (see profiles.py): one key for every filter."""
    return _indicator(("profile_tables",), profile_figures.profile_tables)


# --- Regions, fields, consultations, context (read per request, never cached as objects) -------


def all_regions() -> list[Region]:
    """Every region: model regions first, each kind by position (one query)."""
    return _per_request(
        ("regions",),
        lambda: list(
            db.session.scalars(
                db.select(Region).order_by(
                    Region.kind != RegionKind.MODEL_REGION, Region.position, Region.slug
                )
            )
        ),
    )


def model_regions() -> list[Region]:
    return [region for region in all_regions() if region.kind == RegionKind.MODEL_REGION]


def kompetenzkreis_regions() -> list[Region]:
    return [region for region in all_regions() if region.kind == RegionKind.KOMPETENZKREIS]


def region_by_slug(slug: str | None) -> Region | None:
    return next((region for region in all_regions() if region.slug == slug), None)


def all_fields_of_action() -> list[FieldOfAction]:
    """Every field of action, inactive ones included (older contributions may name them)."""
    return _per_request(
        ("all_fields",),
        lambda: list(
            db.session.scalars(
                db.select(FieldOfAction).order_by(FieldOfAction.position, FieldOfAction.slug)
            )
        ),
    )


def fields_of_action() -> list[FieldOfAction]:
    """The active fields of action (the filter's choices), in catalogue order."""
    return [field for field in all_fields_of_action() if field.is_active]


def filters_from_args(args) -> Filters:
    """Filters from the query string (bad values give the defaults, see Filters.from_args)."""
    return Filters.from_args(args, {field.id for field in fields_of_action()})


def public_consultations(region: Region) -> list[tuple[int, Translated]]:
    """(id, title) of the region's published and archived consultations, newest first."""
    return _per_request(
        ("consultations", region.id),
        lambda: [
            (row.id, Translated(row.title))
            for row in db.session.execute(
                db.select(Consultation.id, Consultation.title)
                .where(
                    Consultation.region_id == region.id,
                    Consultation.state.in_(
                        (ConsultationState.PUBLISHED, ConsultationState.ARCHIVED)
                    ),
                )
                .order_by(Consultation.published_at.desc(), Consultation.id.desc())
            )
        ],
    )


def latest_context(region_ids) -> dict:
    """{(region id, key): the ContextIndicator of the latest year} (one query per request)."""
    region_ids = tuple(sorted(region_ids))
    return _per_request(("context", region_ids), lambda: context_queries.latest_context(region_ids))


def context_table(region: Region) -> list[tuple[object, ContextIndicator, str]]:
    """The region's latest context indicators in catalogue order: (kind, indicator, value
    with its unit as the reader writes it)."""
    values = latest_context([region.id])
    return [
        (
            kind,
            values[(region.id, key)],
            context_queries.format_value(values[(region.id, key)].value, kind.unit),
        )
        for key, kind in CONTEXT_INDICATORS.items()
        if (region.id, key) in values
    ]


# --- Labels and formatting ---------------------------------------------------------------------


def region_label(region: Region) -> str:
    return str(region.title())


def month_label(month: date, long: bool = False) -> str:
    return format_date(month, "LLLL y" if long else "LLL y")


def month_categories(filters: Filters) -> tuple[tuple[str, str], ...]:
    return tuple(
        (key, month_label(month))
        for key, month in zip(filters.period.month_keys, filters.period.months, strict=True)
    )


def language_label(code: str | None) -> str:
    """The language of contributions named in the reader's language (Babel's names, so codes
    the UI does not offer are named too)."""
    if code is None:
        return _("Not answered")
    try:
        names = Locale.parse(current_language()).languages
    except (ValueError, UnknownLocaleError):
        names = {}
    return names.get(code) or names.get(code.split("-")[0]) or LANGUAGE_NAMES.get(code, code)


def format_cell(cell: Cell, unit: str) -> str:
    """A published figure as text, as the charts' tables write it ("fewer than 5" when
    suppressed, "–" when undefined); days and hours carry their unit."""
    text = charts.format_cell(cell, unit)
    if not cell.known or unit not in (ValueUnit.DAYS, ValueUnit.HOURS):
        return text
    count = round(cell.value)
    if unit == ValueUnit.DAYS:
        return ngettext("%(value)s day", "%(value)s days", count, value=text)
    return ngettext("%(value)s hour", "%(value)s hours", count, value=text)


def days_cell(value: float | None) -> Cell:
    return Cell(round(value, 1)) if value is not None else EMPTY


# --- Key figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    cell: Cell
    unit: str
    hint: str = ""

    @property
    def text(self) -> str:
        return format_cell(self.cell, self.unit)


def key_figures(filters: Filters, region: Region | None = None) -> list[KeyFigure]:
    """The cards at the top of a page: all regions together, or one region."""
    figures = participation(filters, (), region).get((), ParticipationFigures())
    answers = responsiveness(filters, (), region).get((), ResponsivenessFigures())
    return [
        KeyFigure(
            "active_persons",
            _("Active persons"),
            active_persons(filters, region),
            ValueUnit.PERSONS,
            _("wrote or voted online"),
        ),
        KeyFigure(
            "contributions",
            _("Contributions"),
            Cell(figures.contributions),
            ValueUnit.COUNT,
            _("proposals, comments and statements"),
        ),
        KeyFigure("votes", _("Votes"), Cell(figures.votes), ValueUnit.COUNT, _("cast")),
        KeyFigure(
            "answered_share",
            _("Proposals answered"),
            answers.answered_share,
            ValueUnit.PERCENT,
            _("with an official answer"),
        ),
    ]


def answer_figures(filters: Filters, region: Region) -> list[KeyFigure]:
    """Responsiveness of one region, as a list of facts."""
    answers = responsiveness(filters, (), region).get((), ResponsivenessFigures())
    return [
        KeyFigure(
            "proposals", _("Proposals in the period"), Cell(answers.proposals), ValueUnit.COUNT
        ),
        KeyFigure("answered", _("of these answered"), Cell(answers.answered), ValueUnit.COUNT),
        KeyFigure("answered_share", _("Share answered"), answers.answered_share, ValueUnit.PERCENT),
        KeyFigure(
            "median_days",
            _("Median time to the answer"),
            days_cell(answers.median_days_to_answer),
            ValueUnit.DAYS,
        ),
        KeyFigure(
            "over_threshold",
            _("Proposals over the answer threshold still unanswered (now)"),
            Cell(answers.over_threshold_unanswered),
            ValueUnit.COUNT,
        ),
    ]


def funding_figures(filters: Filters, region: Region) -> list[KeyFigure]:
    figures = transparency(filters, region).get(region.id, TransparencyFigures())
    return [
        KeyFigure(
            "granted", _("Funding granted"), Cell(figures.funding_granted_euros), ValueUnit.EUROS
        ),
        KeyFigure(
            "applied",
            _("Funding applied for"),
            Cell(figures.funding_applied_euros),
            ValueUnit.EUROS,
        ),
    ]


# --- The registry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartSpec:
    id: str
    build: Callable[[Filters, Region | None], Chart]
    scope: str = ALL
    public: bool = True

    def accepts(self, region: Region | None) -> bool:
        if self.scope == ALL:
            return region is None
        if self.scope == REGION:
            return region is not None
        return True


REGISTRY: dict[str, ChartSpec] = {}


def register(chart_id: str, scope: str = ALL, public: bool = True):
    def decorator(build):
        if chart_id in REGISTRY:
            raise ValueError(f"chart id {chart_id!r} registered twice")
        REGISTRY[chart_id] = ChartSpec(chart_id, build, scope, public)
        return build

    return decorator


def chart_spec(chart_id: str) -> ChartSpec | None:
    return REGISTRY.get(chart_id)


def build(chart_id: str, filters: Filters, region: Region | None = None) -> Chart:
    spec = REGISTRY[chart_id]
    return spec.build(filters, region if spec.scope != ALL else None)


def build_many(chart_ids, filters: Filters, region: Region | None = None) -> dict[str, Chart]:
    return {chart_id: build(chart_id, filters, region) for chart_id in chart_ids}


# --- Page layout: which charts in which section ------------------------------------------------


@dataclass(frozen=True)
class Section:
    id: str
    title: object  # lazy gettext string
    intro: object
    chart_ids: tuple[str, ...]


DASHBOARD_SECTIONS = (
    Section(
        "side-by-side",
        _l("Regions side by side"),
        _l(
            "How much the people in each model region take part, and how: online or at events, "
            "as individuals or on behalf of organisations."
        ),
        (
            "contributions",
            "active-persons",
            "votes",
            "online-on-site",
            "on-behalf",
            "active-organisations",
        ),
    ),
    Section(
        "over-time",
        _l("Over time"),
        _l("Month by month in the period chosen, in Berlin time."),
        ("contributions-by-month", "active-persons-by-month"),
    ),
    Section(
        "reach",
        _l("Are we reaching the people integration policy is about?"),
        _l(
            "Participants may answer a short, voluntary participation profile. We compare "
            "their answers with the official statistics of each region. Only a part of the "
            "participants answer it, so these figures describe tendencies, not exact shares."
        ),
        ("reach", "age-bands", "home-languages", "contribution-languages"),
    ),
    Section(
        "results",
        _l("Answers and results"),
        _l(
            "Do the regions answer the proposals, and what becomes of them: measures of the "
            "action concepts, project approaches and their funding."
        ),
        (
            "answered-share",
            "days-to-answer",
            "over-threshold",
            "measures",
            "projects",
            "funding",
        ),
    ),
)

REGION_SECTIONS = (
    Section(
        "over-time",
        _l("Over time"),
        _l("Month by month in the period chosen, in Berlin time."),
        ("region-activity-by-month", "region-active-persons-by-month"),
    ),
    Section(
        "fields",
        _l("By field of action and language"),
        _l("What the contributions are about, and in which languages they are written."),
        ("region-fields", "contribution-languages", "online-on-site", "on-behalf"),
    ),
    Section(
        "reach",
        _l("Who takes part"),
        _l(
            "Answers of the voluntary participation profile of people who named this region "
            "as their home region, beside the official statistics."
        ),
        ("reach", "age-bands", "home-languages"),
    ),
    Section(
        "results",
        _l("Answers and results"),
        _l("Measures of the action concept and project approaches by their status today."),
        ("measures", "projects"),
    ),
)


def chart_ids(sections) -> list[str]:
    return [chart_id for section in sections for chart_id in section.chart_ids]


# Builders register themselves on import; they use the pieces above, so they come last.
from app.monitoring import builders  # noqa: E402,F401
