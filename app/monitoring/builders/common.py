"""What the chart builders share: regions as categories, indicators per region, the
field-of-action note."""

from app.core.i18n import _
from app.monitoring.charts import Chart, ChartKind, Series
from app.monitoring.dashboard import (
    fields_of_action,
    model_regions,
    participation,
    region_label,
    responsiveness,
)
from app.monitoring.filters import Filters
from app.monitoring.participation import ParticipationFigures
from app.monitoring.responsiveness import ResponsivenessFigures
from app.regions.models import Region


def regions_of(region: Region | None) -> list[Region]:
    return [region] if region is not None else model_regions()


def region_categories(regions: list[Region]) -> tuple[tuple[str, str], ...]:
    return tuple((region.slug, region_label(region)) for region in regions)


def by_region(filters: Filters, region: Region | None) -> dict[int, ParticipationFigures]:
    groups = participation(filters, ("region",), region)
    return {item.id: groups.get((item.id,), ParticipationFigures()) for item in regions_of(region)}


def answers_by_region(filters: Filters, region: Region | None) -> dict[int, ResponsivenessFigures]:
    groups = responsiveness(filters, ("region",), region)
    return {item.id: groups.get((item.id,), ResponsivenessFigures()) for item in regions_of(region)}


def series_of(key: str, label: str, values) -> Series:
    return Series(key=key, label=label, values=tuple(values))


def region_chart(
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
                series_of(region.slug, region_label(region), (item.values[0] for item in series)),
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
        categories=region_categories(regions),
        series=series,
        notes=tuple(notes),
        category_name=_("Region"),
    )


def field_note(filters: Filters) -> tuple[str, ...]:
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
