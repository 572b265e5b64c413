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

from app.concepts.models import MEASURE_STATUS_NAMES, MeasureStatus
from app.consultations.models import Consultation, ConsultationState
from app.core.i18n import LANGUAGE_NAMES, _, _l, current_language
from app.core.models import Translated
from app.extensions import db
from app.monitoring import charts, context_queries
from app.monitoring import participation as participation_figures
from app.monitoring import profiles as profile_figures
from app.monitoring import responsiveness as responsiveness_figures
from app.monitoring.cache import cached
from app.monitoring.charts import Chart, ChartKind, Series, ValueUnit
from app.monitoring.context import CONTEXT_INDICATORS
from app.monitoring.filters import Filters
from app.monitoring.models import AgeBand, ContextIndicator
from app.monitoring.participation import ParticipationFigures
from app.monitoring.profile_forms import home_language_name
from app.monitoring.responsiveness import ResponsivenessFigures, TransparencyFigures
from app.monitoring.suppression import EMPTY, Cell
from app.projects.models import PROJECT_STATUS_NAMES, ProjectStatus
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
    """Filters from the query string. Only ASCII values are passed on: `str.isdigit()` accepts
    characters such as "²" that `int()` refuses, and a URL must never cause an error."""
    clean = {
        name: value
        for name in ("from", "to", "field")
        if (value := args.get(name)) is not None and value.isascii()
    }
    return Filters.from_args(clean, {field.id for field in fields_of_action()})


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


def _days(value: float | None) -> Cell:
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
            _days(answers.median_days_to_answer),
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


# --- Builders: helpers -------------------------------------------------------------------------


def _regions_of(region: Region | None) -> list[Region]:
    return [region] if region is not None else model_regions()


def _region_categories(regions: list[Region]) -> tuple[tuple[str, str], ...]:
    return tuple((region.slug, region_label(region)) for region in regions)


def _by_region(filters: Filters, region: Region | None) -> dict[int, ParticipationFigures]:
    groups = participation(filters, ("region",), region)
    return {item.id: groups.get((item.id,), ParticipationFigures()) for item in _regions_of(region)}


def _answers_by_region(filters: Filters, region: Region | None) -> dict[int, ResponsivenessFigures]:
    groups = responsiveness(filters, ("region",), region)
    return {
        item.id: groups.get((item.id,), ResponsivenessFigures()) for item in _regions_of(region)
    }


def _series(key: str, label: str, values) -> Series:
    return Series(key=key, label=label, values=tuple(values))


def _region_chart(
    chart_id, title, description, unit, regions, series, notes=(), *, series_name: str = ""
) -> Chart:
    """Regions side by side: one category per region, one bar per series. For a single region
    with several series the chart is turned around (one category per series, named by
    `series_name`), so each bar carries its own label instead of a legend entry."""
    series = tuple(series)
    if len(regions) == 1 and len(series) > 1:
        (region,) = regions
        return Chart(
            id=chart_id,
            title=title,
            description=description,
            kind=ChartKind.BARS,
            unit=unit,
            categories=tuple((item.key, item.label) for item in series),
            series=(
                _series(region.slug, region_label(region), (item.values[0] for item in series)),
            ),
            notes=tuple(notes),
            category_name=series_name,
        )
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        kind=ChartKind.BARS,
        unit=unit,
        categories=_region_categories(regions),
        series=series,
        notes=tuple(notes),
        category_name=_("Region"),
    )


def _field_note(filters: Filters) -> tuple[str, ...]:
    if filters.field_of_action_id is None:
        return ()
    field = next((f for f in fields_of_action() if f.id == filters.field_of_action_id), None)
    name = str(field.title()) if field is not None else ""
    return (
        _(
            "Only the field of action “%(field)s”: statements and comments on action concepts "
            "have no field of action and are left out.",
            field=name,
        ),
    )


# --- Builders: regions side by side (dashboard; "both" also for one region) --------------------


@register("contributions", BOTH)
def contributions_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    figures = _by_region(filters, region)
    return _region_chart(
        "contributions",
        _("Contributions"),
        _(
            "Published proposals, comments and statements written in the period. Withdrawn, "
            "hidden and unpublished contributions are not counted."
        ),
        ValueUnit.COUNT,
        regions,
        [
            _series("proposals", _("Proposals"), (Cell(figures[r.id].proposals) for r in regions)),
            _series("comments", _("Comments"), (Cell(figures[r.id].comments) for r in regions)),
            _series(
                "statements", _("Statements"), (Cell(figures[r.id].statements) for r in regions)
            ),
        ],
        _field_note(filters),
        series_name=_("Kind of contribution"),
    )


@register("active-persons", BOTH)
def active_persons_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    return _region_chart(
        "active-persons",
        _("Active persons"),
        _(
            "People who wrote a contribution online or cast a vote in the period, each counted "
            "once per region. Groups of fewer than 5 persons are not shown."
        ),
        ValueUnit.PERSONS,
        regions,
        [
            _series(
                "active_persons",
                _("Active persons"),
                (active_persons(filters, r) for r in regions),
            )
        ],
    )


@register("votes", BOTH)
def votes_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    figures = _by_region(filters, region)
    return _region_chart(
        "votes",
        _("Votes"),
        _("Votes cast in the period on published proposals."),
        ValueUnit.COUNT,
        regions,
        [_series("votes", _("Votes"), (Cell(figures[r.id].votes) for r in regions))],
        _field_note(filters),
    )


@register("answered-share", BOTH)
def answered_share_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    answers = _answers_by_region(filters, region)
    return _region_chart(
        "answered-share",
        _("Share of proposals with an official answer"),
        _(
            "Of the proposals written in the period, the share that the region has answered "
            "officially (answers given at any time)."
        ),
        ValueUnit.PERCENT,
        regions,
        [
            _series(
                "answered_share",
                _("Answered"),
                (answers[r.id].answered_share for r in regions),
            )
        ],
    )


@register("days-to-answer", BOTH)
def days_to_answer_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    answers = _answers_by_region(filters, region)
    return _region_chart(
        "days-to-answer",
        _("Days until the official answer"),
        _(
            "Median number of days from a proposal to its first official answer, over the "
            "answered proposals written in the period."
        ),
        ValueUnit.DAYS,
        regions,
        [
            _series(
                "median_days",
                _("Median days"),
                (_days(answers[r.id].median_days_to_answer) for r in regions),
            )
        ],
    )


@register("online-on-site", BOTH)
def online_on_site_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    figures = _by_region(filters, region)
    return _region_chart(
        "online-on-site",
        _("Online and on site"),
        _(
            "Contributions written online and contributions collected at on-site events "
            "(entered by the coordination)."
        ),
        ValueUnit.COUNT,
        regions,
        [
            _series("online", _("Online"), (Cell(figures[r.id].online) for r in regions)),
            _series("on_site", _("On site"), (Cell(figures[r.id].on_site) for r in regions)),
        ],
        _field_note(filters),
        series_name=_("Where written"),
    )


@register("on-behalf", BOTH)
def on_behalf_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    figures = _by_region(filters, region)
    return _region_chart(
        "on-behalf",
        _("Contributions on behalf of organisations"),
        _("The share of contributions published on behalf of an organisation."),
        ValueUnit.PERCENT,
        regions,
        [
            _series(
                "on_behalf_share",
                _("On behalf of an organisation"),
                (figures[r.id].on_behalf_share for r in regions),
            )
        ],
    )


@register("active-organisations", BOTH)
def active_organisations_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    figures = _by_region(filters, region)
    return _region_chart(
        "active-organisations",
        _("Active organisations"),
        _("Verified organisations that published at least one contribution in the period."),
        ValueUnit.COUNT,
        regions,
        [
            _series(
                "active_organisations",
                _("Organisations"),
                (Cell(figures[r.id].active_organisations) for r in regions),
            )
        ],
    )


@register("over-threshold", BOTH)
def over_threshold_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    answers = _answers_by_region(filters, region)
    return _region_chart(
        "over-threshold",
        _("Proposals waiting for an answer"),
        _(
            "Proposals that reached their consultation's answer threshold and have no official "
            "answer yet: the state today."
        ),
        ValueUnit.COUNT,
        regions,
        [
            _series(
                "over_threshold_unanswered",
                _("Unanswered over the threshold"),
                (Cell(answers[r.id].over_threshold_unanswered) for r in regions),
            )
        ],
    )


def _transparency_of(filters: Filters, regions: list[Region], region: Region | None):
    figures = transparency(filters, region)
    return {item.id: figures.get(item.id, TransparencyFigures()) for item in regions}


@register("measures", BOTH)
def measures_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    figures = _transparency_of(filters, regions, region)
    return _region_chart(
        "measures",
        _("Measures of the action concepts"),
        _("Measures of the current action concept by their status today."),
        ValueUnit.COUNT,
        regions,
        [
            _series(
                status,
                str(MEASURE_STATUS_NAMES[status]),
                (Cell(figures[r.id].measures_by_status.get(status, 0)) for r in regions),
            )
            for status in MeasureStatus.ALL
        ],
        series_name=_("Status"),
    )


@register("projects", BOTH)
def projects_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    figures = _transparency_of(filters, regions, region)
    return _region_chart(
        "projects",
        _("Project approaches"),
        _("Project approaches by their status today."),
        ValueUnit.COUNT,
        regions,
        [
            _series(
                status,
                str(PROJECT_STATUS_NAMES[status]),
                (Cell(figures[r.id].projects_by_status.get(status, 0)) for r in regions),
            )
            for status in ProjectStatus.ALL
        ],
        series_name=_("Status"),
    )


@register("funding", BOTH)
def funding_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    figures = _transparency_of(filters, regions, region)
    return _region_chart(
        "funding",
        _("Funding of the project approaches"),
        _("Sums of the funding granted and of the funding still applied for."),
        ValueUnit.EUROS,
        regions,
        [
            _series(
                "granted",
                _("Granted"),
                (Cell(figures[r.id].funding_granted_euros) for r in regions),
            ),
            _series(
                "applied",
                _("Applied for"),
                (Cell(figures[r.id].funding_applied_euros) for r in regions),
            ),
        ],
        series_name=_("Funding"),
    )


# --- Builders: over time -----------------------------------------------------------------------


@register("contributions-by-month")
def contributions_by_month_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = model_regions()
    groups = participation(filters, ("region", "month"))
    months = filters.period.month_keys
    return Chart(
        id="contributions-by-month",
        title=_("Contributions per month"),
        description=_(
            "Published proposals, comments and statements per Berlin calendar month, one line "
            "per model region."
        ),
        kind=ChartKind.LINES,
        unit=ValueUnit.COUNT,
        categories=month_categories(filters),
        series=tuple(
            _series(
                item.slug,
                region_label(item),
                (
                    Cell(groups.get((item.id, month), ParticipationFigures()).contributions)
                    for month in months
                ),
            )
            for item in regions
        ),
        notes=_field_note(filters),
    )


@register("active-persons-by-month")
def active_persons_by_month_chart(filters: Filters, region: Region | None = None) -> Chart:
    region = None  # all regions together, also when asked with a region
    return Chart(
        id="active-persons-by-month",
        title=_("Active persons per month"),
        description=_(
            "People who wrote online or voted, per calendar month, in all regions together. "
            "Months with fewer than 5 persons are not shown."
        ),
        kind=ChartKind.LINES,
        unit=ValueUnit.PERSONS,
        categories=month_categories(filters),
        series=(
            _series(
                "active_persons",
                _("Active persons"),
                (active_persons(filters, region, month) for month in filters.period.month_keys),
            ),
        ),
    )


@register("region-activity-by-month", REGION)
def region_activity_by_month_chart(filters: Filters, region: Region | None = None) -> Chart:
    groups = participation(filters, ("month",), region)
    months = filters.period.month_keys

    def values(attribute):
        return (
            Cell(getattr(groups.get((month,), ParticipationFigures()), attribute))
            for month in months
        )

    return Chart(
        id="region-activity-by-month",
        title=_("Proposals, comments and votes per month"),
        description=_(
            "Published proposals and comments written, and votes cast, per Berlin calendar month."
        ),
        kind=ChartKind.LINES,
        unit=ValueUnit.COUNT,
        categories=month_categories(filters),
        series=(
            _series("proposals", _("Proposals"), values("proposals")),
            _series("comments", _("Comments"), values("comments")),
            _series("votes", _("Votes"), values("votes")),
        ),
        notes=_field_note(filters),
    )


@register("region-active-persons-by-month", REGION)
def region_active_persons_by_month_chart(filters: Filters, region: Region | None = None) -> Chart:
    return Chart(
        id="region-active-persons-by-month",
        title=_("Active persons per month"),
        description=_(
            "People who wrote online or voted in the region, per calendar month. Months with "
            "fewer than 5 persons are not shown."
        ),
        kind=ChartKind.LINES,
        unit=ValueUnit.PERSONS,
        categories=month_categories(filters),
        series=(
            _series(
                "active_persons",
                _("Active persons"),
                (active_persons(filters, region, month) for month in filters.period.month_keys),
            ),
        ),
    )


# --- Builders: one region by consultation and by field -----------------------------------------


@register("region-consultations", REGION)
def region_consultations_chart(filters: Filters, region: Region | None = None) -> Chart:
    consultations = public_consultations(region)
    groups = participation(filters, ("consultation",), region)

    def values(attribute):
        return (
            Cell(getattr(groups.get((cid,), ParticipationFigures()), attribute))
            for cid, _title in consultations
        )

    return Chart(
        id="region-consultations",
        title=_("Participation by consultation"),
        description=_(
            "Published contributions and votes in the period for each published or archived "
            "consultation of the region."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.COUNT,
        categories=tuple((str(cid), str(title)) for cid, title in consultations),
        category_name=_("Consultation"),
        series=(
            _series("proposals", _("Proposals"), values("proposals")),
            _series("comments", _("Comments"), values("comments")),
            _series("statements", _("Statements"), values("statements")),
            _series("votes", _("Votes"), values("votes")),
        ),
        notes=_field_note(filters),
    )


@register("region-fields", REGION)
def region_fields_chart(filters: Filters, region: Region | None = None) -> Chart:
    groups = participation(filters, ("field",), region)
    # The fields the region works on, and any other field something was written about.
    chosen = {field.id for field in region.fields_of_action}
    fields = [
        field
        for field in all_fields_of_action()
        if filters.field_of_action_id in (None, field.id)
        and (field.id in chosen or (field.id,) in groups)
    ]
    categories = [(field.slug, str(field.title()), field.id) for field in fields]
    if (None,) in groups and filters.field_of_action_id is None:
        categories.append(("none", _("No field of action"), None))

    def values(attribute):
        return (
            Cell(getattr(groups.get((fid,), ParticipationFigures()), attribute))
            for _key, _label, fid in categories
        )

    return Chart(
        id="region-fields",
        title=_("Participation by field of action"),
        description=_(
            "Published proposals and comments, and votes, by the field of action of the proposal."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.COUNT,
        categories=tuple((key, label) for key, label, _fid in categories),
        category_name=_("Field of action"),
        series=(
            _series("proposals", _("Proposals"), values("proposals")),
            _series("comments", _("Comments"), values("comments")),
            _series("votes", _("Votes"), values("votes")),
        ),
        notes=(
            _(
                "Statements and comments on action concepts have no field of action; they "
                "appear under “No field of action”."
            ),
        ),
    )


# --- Builders: languages -----------------------------------------------------------------------


@register("contribution-languages", BOTH)
def contribution_languages_chart(filters: Filters, region: Region | None = None) -> Chart:
    counts = contribution_languages(filters, region)
    totals: dict[str, int] = {}
    for (region_id, language), count in counts.items():
        if region is None or region_id == region.id:
            totals[language] = totals.get(language, 0) + count
    languages = sorted(totals, key=lambda code: (-totals[code], code))
    return Chart(
        id="contribution-languages",
        title=_("Languages of the contributions"),
        description=_(
            "Published contributions in the period by the language they were written in "
            "(translations not counted)."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.COUNT,
        categories=tuple((code, language_label(code)) for code in languages),
        category_name=_("Language"),
        series=(
            _series(
                "contributions",
                _("all regions") if region is None else region_label(region),
                (Cell(totals[code]) for code in languages),
            ),
        ),
        notes=_field_note(filters),
    )


# --- Builders: reaching the people integration policy is about ---------------------------------


def _profile_row_cell(table, row, column) -> Cell:
    if row not in table.rows or column not in table.columns:
        return Cell(0)
    return table.cell(row, column)


def _profile_count(table, region: Region) -> Cell:
    return table.row_totals.get(region.id, Cell(0))


@register("reach", BOTH)
def reach_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = _regions_of(region)
    table = profile_tables()["migration_experience"]
    shares = profile_figures.migration_experience_share(table)
    context = latest_context([item.id for item in regions])
    population = {item.id: context.get((item.id, MIGRATION_CONTEXT_KEY)) for item in regions}
    kind = CONTEXT_INDICATORS[MIGRATION_CONTEXT_KEY]
    notes = []
    for item in regions:
        value = population[item.id]
        count = format_cell(_profile_count(table, item), ValueUnit.PERSONS)
        if value is not None:
            notes.append(
                _(
                    "%(region)s: %(count)s participation profiles; population: %(source)s, "
                    "%(year)s.",
                    region=region_label(item),
                    count=count,
                    source=value.source,
                    year=value.year,
                )
            )
        else:
            notes.append(
                _(
                    "%(region)s: %(count)s participation profiles; no official figure entered yet.",
                    region=region_label(item),
                    count=count,
                )
            )
    return _region_chart(
        "reach",
        _("Migration experience: participants and population"),
        _(
            "Participants: the share answering yes among those who answered the voluntary "
            "participation profile's question about their own or their parents' migration "
            "experience with yes or no. Population: %(indicator)s, from official statistics "
            "(latest year entered).",
            indicator=str(kind.name),
        ),
        ValueUnit.PERCENT,
        regions,
        [
            _series(
                "participants",
                _("Participants with own or parents' migration experience"),
                (shares.get(item.id, EMPTY) for item in regions),
            ),
            _series(
                "population",
                _("Population with a migration background"),
                (
                    Cell(population[item.id].value) if population[item.id] is not None else EMPTY
                    for item in regions
                ),
            ),
        ],
        notes,
        series_name=_("Group"),
    )


AGE_BAND_NAMES = {
    AgeBand.UNDER_18: _l("under 18"),
    AgeBand.FROM_18: _l("18 to 29"),
    AgeBand.FROM_30: _l("30 to 44"),
    AgeBand.FROM_45: _l("45 to 64"),
    AgeBand.FROM_65: _l("65 and older"),
    AgeBand.PREFER_NOT: _l("Prefer not to say"),
    None: _l("Not answered"),
}


def _profile_series(table, columns, region: Region | None) -> Series:
    if region is None:
        return _series(
            "participants",
            _("All participants with a profile"),
            (table.column_totals.get(column, Cell(0)) for column in columns),
        )
    return _series(
        region.slug,
        region_label(region),
        (_profile_row_cell(table, region.id, column) for column in columns),
    )


def _profile_notes(table, region: Region | None) -> tuple[str, ...]:
    total = table.grand_total if region is None else _profile_count(table, region)
    return (
        _(
            "Number of participation profiles: %(count)s. Answering is voluntary; the profile "
            "is not bound to the period or field of action chosen above.",
            count=format_cell(total, ValueUnit.PERSONS),
        ),
    )


@register("age-bands", BOTH)
def age_bands_chart(filters: Filters, region: Region | None = None) -> Chart:
    table = profile_tables()["age_band"]
    columns = [*AgeBand.ALL, None]
    return Chart(
        id="age-bands",
        title=_("Age of the participants"),
        description=_(
            "Age bands given in the voluntary participation profile, by the home region "
            "named there. Groups of fewer than 5 persons are not shown."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.PERSONS,
        categories=tuple(
            (column or "not_answered", str(AGE_BAND_NAMES[column])) for column in columns
        ),
        category_name=_("Age"),
        series=(_profile_series(table, columns, region),),
        notes=_profile_notes(table, region),
    )


@register("home-languages", BOTH)
def home_languages_chart(filters: Filters, region: Region | None = None) -> Chart:
    table = profile_tables()["home_languages"]
    named = [column for column in table.columns if column is not None]
    # Known figures first, largest first; hidden ones after, by name (their order would
    # otherwise hint at their size).
    totals = {
        column: (
            table.column_totals.get(column, Cell(0))
            if region is None
            else _profile_row_cell(table, region.id, column)
        )
        for column in named
    }
    columns = sorted(
        named,
        key=lambda code: (
            not totals[code].known,
            -(totals[code].value or 0),
            home_language_name(code),
        ),
    )
    if None in table.columns:
        columns.append(None)
    return Chart(
        id="home-languages",
        title=_("Languages spoken at home"),
        description=_(
            "Languages named in the voluntary participation profile (several per person "
            "possible). Groups of fewer than 5 persons are not shown."
        ),
        kind=ChartKind.BARS,
        unit=ValueUnit.PERSONS,
        categories=tuple(
            (column or "not_answered", home_language_name(column)) for column in columns
        ),
        category_name=_("Language"),
        series=(_profile_series(table, columns, region),),
        notes=_profile_notes(table, region),
    )


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
