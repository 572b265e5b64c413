"""Time series: the months of the period, per region or for all regions together."""

from app.core.i18n import _
from app.monitoring.builders.common import field_note, series_of
from app.monitoring.charts import Chart, ChartKind, ValueUnit
from app.monitoring.dashboard import (
    REGION,
    active_persons,
    model_regions,
    month_categories,
    participation,
    region_label,
    register,
)
from app.monitoring.filters import Filters
from app.monitoring.participation import ParticipationFigures
from app.monitoring.suppression import Cell
from app.regions.models import Region


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
            series_of(
                item.slug,
                region_label(item),
                (
                    Cell(groups.get((item.id, month), ParticipationFigures()).contributions)
                    for month in months
                ),
            )
            for item in regions
        ),
        notes=field_note(filters),
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
            series_of(
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
            series_of("proposals", _("Proposals"), values("proposals")),
            series_of("comments", _("Comments"), values("comments")),
            series_of("votes", _("Votes"), values("votes")),
        ),
        notes=field_note(filters),
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
            series_of(
                "active_persons",
                _("Active persons"),
                (active_persons(filters, region, month) for month in filters.period.month_keys),
            ),
        ),
    )
