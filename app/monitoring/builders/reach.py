"""Are we reaching the people integration policy is about? Profile answers beside context
figures; age bands and home languages from the participation profiles."""

from app.core.i18n import _, _l
from app.monitoring import profiles as profile_figures
from app.monitoring.builders.common import region_chart, regions_of, series_of
from app.monitoring.charts import Chart, ChartKind, Series, ValueUnit
from app.monitoring.context import CONTEXT_INDICATORS
from app.monitoring.dashboard import (
    BOTH,
    MIGRATION_CONTEXT_KEY,
    format_cell,
    latest_context,
    profile_tables,
    region_label,
    register,
)
from app.monitoring.filters import Filters
from app.monitoring.models import AgeBand
from app.monitoring.profile_forms import home_language_name
from app.monitoring.suppression import EMPTY, Cell
from app.regions.models import Region


def _profile_row_cell(table, row, column) -> Cell:
    if row not in table.rows or column not in table.columns:
        return Cell(0)
    return table.cell(row, column)


def _profile_count(table, region: Region) -> Cell:
    return table.row_totals.get(region.id, Cell(0))


@register("reach", BOTH)
def reach_chart(filters: Filters, region: Region | None = None) -> Chart:
    regions = regions_of(region)
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
    return region_chart(
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
            series_of(
                "participants",
                _("Participants with own or parents' migration experience"),
                (shares.get(item.id, EMPTY) for item in regions),
            ),
            series_of(
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
        return series_of(
            "participants",
            _("All participants with a profile"),
            (table.column_totals.get(column, Cell(0)) for column in columns),
        )
    return series_of(
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
