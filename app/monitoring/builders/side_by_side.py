"""Charts that put the model regions side by side (or show one region's figures)."""

from app.concepts.models import MEASURE_STATUS_NAMES, MeasureStatus
from app.core.i18n import _
from app.monitoring.builders.common import (
    answers_by_region,
    by_region,
    field_note,
    region_chart,
    regions_of,
    series_of,
)
from app.monitoring.charts import Chart, ValueUnit
from app.monitoring.dashboard import BOTH, active_persons, days_cell, register, transparency
from app.monitoring.filters import Filters
from app.monitoring.responsiveness import TransparencyFigures
from app.monitoring.suppression import Cell
from app.projects.models import PROJECT_STATUS_NAMES, ProjectStatus
from app.regions.models import Region


@register("contributions", BOTH)
def contributions_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    figures = by_region(filters, region)
    return region_chart(
        "contributions",
        _("Contributions"),
        _(
            "Published proposals, comments and statements written in the period. Withdrawn, "
            "hidden and unpublished contributions are not counted."
        ),
        ValueUnit.COUNT,
        regions,
        [
            series_of(
                "proposals", _("Proposals"), (Cell(figures[r.id].proposals) for r in regions)
            ),
            series_of("comments", _("Comments"), (Cell(figures[r.id].comments) for r in regions)),
            series_of(
                "statements", _("Statements"), (Cell(figures[r.id].statements) for r in regions)
            ),
        ],
        field_note(filters),
        series_name=_("Kind of contribution"),
    )


@register("active-persons", BOTH)
def active_persons_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    return region_chart(
        "active-persons",
        _("Active persons"),
        _(
            "People who wrote a contribution online or cast a vote in the period, each counted "
            "once per region. Groups of fewer than 5 persons are not shown."
        ),
        ValueUnit.PERSONS,
        regions,
        [
            series_of(
                "active_persons",
                _("Active persons"),
                (active_persons(filters, r) for r in regions),
            )
        ],
    )


@register("votes", BOTH)
def votes_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    figures = by_region(filters, region)
    return region_chart(
        "votes",
        _("Votes"),
        _("Votes cast in the period on published proposals."),
        ValueUnit.COUNT,
        regions,
        [series_of("votes", _("Votes"), (Cell(figures[r.id].votes) for r in regions))],
        field_note(filters),
    )


@register("answered-share", BOTH)
def answered_share_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    answers = answers_by_region(filters, region)
    return region_chart(
        "answered-share",
        _("Share of proposals with an official answer"),
        _(
            "Of the proposals written in the period, the share that the region has answered "
            "officially (answers given at any time)."
        ),
        ValueUnit.PERCENT,
        regions,
        [
            series_of(
                "answered_share",
                _("Answered"),
                (answers[r.id].answered_share for r in regions),
            )
        ],
    )


@register("days-to-answer", BOTH)
def days_to_answer_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    answers = answers_by_region(filters, region)
    return region_chart(
        "days-to-answer",
        _("Days until the official answer"),
        _(
            "Median number of days from a proposal to its first official answer, over the "
            "answered proposals written in the period."
        ),
        ValueUnit.DAYS,
        regions,
        [
            series_of(
                "median_days",
                _("Median days"),
                (days_cell(answers[r.id].median_days_to_answer) for r in regions),
            )
        ],
    )


@register("online-on-site", BOTH)
def online_on_site_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    figures = by_region(filters, region)
    return region_chart(
        "online-on-site",
        _("Online and on site"),
        _(
            "Contributions written online and contributions collected at on-site events "
            "(entered by the coordination)."
        ),
        ValueUnit.COUNT,
        regions,
        [
            series_of("online", _("Online"), (Cell(figures[r.id].online) for r in regions)),
            series_of("on_site", _("On site"), (Cell(figures[r.id].on_site) for r in regions)),
        ],
        field_note(filters),
        series_name=_("Where written"),
    )


@register("on-behalf", BOTH)
def on_behalf_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    figures = by_region(filters, region)
    return region_chart(
        "on-behalf",
        _("Contributions on behalf of organisations"),
        _("The share of contributions published on behalf of an organisation."),
        ValueUnit.PERCENT,
        regions,
        [
            series_of(
                "on_behalf_share",
                _("On behalf of an organisation"),
                (figures[r.id].on_behalf_share for r in regions),
            )
        ],
    )


@register("active-organisations", BOTH)
def active_organisations_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    figures = by_region(filters, region)
    return region_chart(
        "active-organisations",
        _("Active organisations"),
        _("Verified organisations that published at least one contribution in the period."),
        ValueUnit.COUNT,
        regions,
        [
            series_of(
                "active_organisations",
                _("Organisations"),
                (Cell(figures[r.id].active_organisations) for r in regions),
            )
        ],
    )


@register("over-threshold", BOTH)
def over_threshold_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
    answers = answers_by_region(filters, region)
    return region_chart(
        "over-threshold",
        _("Proposals waiting for an answer"),
        _(
            "Proposals that reached their consultation's answer threshold and have no official "
            "answer yet: the state today."
        ),
        ValueUnit.COUNT,
        regions,
        [
            series_of(
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
    regions = regions_of(region)
    figures = _transparency_of(filters, regions, region)
    return region_chart(
        "measures",
        _("Measures of the action concepts"),
        _("Measures of the current action concept by their status today."),
        ValueUnit.COUNT,
        regions,
        [
            series_of(
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
    regions = regions_of(region)
    figures = _transparency_of(filters, regions, region)
    return region_chart(
        "projects",
        _("Project approaches"),
        _("Project approaches by their status today."),
        ValueUnit.COUNT,
        regions,
        [
            series_of(
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
    regions = regions_of(region)
    figures = _transparency_of(filters, regions, region)
    return region_chart(
        "funding",
        _("Funding of the project approaches"),
        _("Sums of the funding granted and of the funding still applied for."),
        ValueUnit.EUROS,
        regions,
        [
            series_of(
                "granted",
                _("Granted"),
                (Cell(figures[r.id].funding_granted_euros) for r in regions),
            ),
            series_of(
                "applied",
                _("Applied for"),
                (Cell(figures[r.id].funding_applied_euros) for r in regions),
            ),
        ],
        series_name=_("Funding"),
    )
