"""The chart builders and the pages' query budget: a fixed number of SQL statements whatever
the amount of data, and every chart shaped as its registry entry promises."""

from datetime import datetime

import pytest

from app.core.models import Contribution
from app.extensions import db
from app.monitoring import dashboard
from app.monitoring.builders import side_by_side
from app.monitoring.charts import ChartKind
from app.monitoring.filters import Filters
from app.monitoring.periods import Period
from app.monitoring.suppression import Cell
from tests.conftest import _empty_all_tables
from tests.database_template import DatabaseTemplate
from tests.monitoring.page_data import PERIOD, context_figure, grow, populate, populated

FILTERS = Filters(Period(datetime(2026, 1, 1).date(), datetime(2026, 6, 1).date()))


@pytest.fixture
def english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def statements_for(client, count_queries, path, **args) -> list[str]:
    client.get(path, query_string=args)  # warm: the first request of a client may do more
    with count_queries() as counter:
        response = client.get(path, query_string=args)
    assert response.status_code == 200
    return counter.statements


def _small():
    world = populate(scale=1)
    for region in world.regions:
        context_figure(region, 20.0 + region.position)
    return world


def _large():
    world = SMALL.restore()
    grow(world, scale=10)
    return world


# The same data for every page below, built once per run: small, then grown ten times.
SMALL = DatabaseTemplate("dashboard-small", _small)
LARGE = DatabaseTemplate("dashboard-large", _large)


@pytest.mark.parametrize(
    "path, args",
    [
        ("/monitoring/", PERIOD),
        ("/monitoring/", {}),
        ("/monitoring/", {**PERIOD, "field": "FIELD"}),
        ("/monitoring/regions/model-0", PERIOD),
        ("/monitoring/regions/model-0", {**PERIOD, "field": "FIELD"}),
        ("/monitoring/charts/contributions.csv", PERIOD),
        ("/monitoring/charts/reach.json", PERIOD),
        ("/monitoring/charts/region-consultations.csv", {**PERIOD, "region": "model-0"}),
    ],
)
def test_query_count_does_not_grow_with_the_data(client, count_queries, path, args):
    world = SMALL.restore()
    args = {
        key: str(world.fields[1].id) if value == "FIELD" else value for key, value in args.items()
    }
    small = statements_for(client, count_queries, path, **args)
    contributions = db.session.scalar(db.select(db.func.count(Contribution.id)))

    _empty_all_tables()
    LARGE.restore()  # the small data grown ten times (grow(world, scale=10)), same ids
    assert db.session.scalar(db.select(db.func.count(Contribution.id))) > 10 * contributions
    large = statements_for(client, count_queries, path, **args)

    assert len(large) == len(small), "\n\n".join(large)
    # And it is a modest number: indicators in grouped queries, not one per region or chart.
    assert len(small) <= 40, len(small)


def test_dashboard_computes_each_indicator_once_per_request(client, count_queries):
    populated()
    statements = statements_for(client, count_queries, "/monitoring/", **PERIOD)
    # Several charts use the per-region figures; they are computed once per request.
    repeated = [text for text in set(statements) if statements.count(text) > 1]
    assert not repeated, repeated


# --- Builders ------------------------------------------------------------------------------------


def test_every_chart_has_one_value_per_category_and_series(english):
    world = populated()
    for chart_id, spec in dashboard.REGISTRY.items():
        regions = [None] if spec.scope == dashboard.ALL else [world.regions[0]]
        if spec.scope == dashboard.BOTH:
            regions.append(None)
        for region in regions:
            chart = dashboard.build(chart_id, FILTERS, region)
            assert chart.id == chart_id
            assert chart.kind in ChartKind.ALL
            assert chart.title and chart.description
            assert chart.series, chart_id
            keys = [key for key, _label in chart.categories]
            assert len(keys) == len(set(keys)), chart_id
            for series in chart.series:
                assert len(series.values) == len(chart.categories), (chart_id, series.key)
                assert all(isinstance(cell, Cell) for cell in series.values)


def test_side_by_side_charts_show_the_model_regions_in_order(english):
    world = populated()
    for position, region in enumerate(world.regions, start=1):
        region.position = position
    world.regions[0].position, world.regions[5].position = 99, 0
    db.session.commit()
    chart = dashboard.build("contributions", FILTERS)
    order = [world.regions[5], *world.regions[1:5], world.regions[0]]
    assert [key for key, _label in chart.categories] == [region.slug for region in order]
    assert [label for _key, label in chart.categories] == [str(r.title("en")) for r in order]


def test_contributions_chart_counts_by_kind(english):
    populated()
    chart = dashboard.build("contributions", FILTERS)
    values = {series.key: [cell.value for cell in series.values] for series in chart.series}
    assert values == {
        "proposals": [3, 1, 1, 1, 1, 1],
        "comments": [3, 3, 3, 3, 3, 3],
        "statements": [0, 0, 0, 0, 0, 0],
    }


def test_month_series_cover_every_month_of_the_period(english):
    world = populated()
    chart = dashboard.build("contributions-by-month", FILTERS)
    assert [key for key, _label in chart.categories] == FILTERS.period.month_keys
    first = next(series for series in chart.series if series.key == world.regions[0].slug)
    # February: its proposal, 3 comments and the archived consultation's proposal; March: on site.
    assert [cell.value for cell in first.values] == [0, 5, 1, 0, 0, 0]


def test_languages_of_contributions_largest_first(english):
    populated()
    chart = dashboard.build("contribution-languages", FILTERS)
    values = [cell.value for cell in chart.series[0].values]
    assert values == sorted(values, reverse=True)
    assert sum(values) == 30
    labels = dict(chart.categories)
    assert labels["de"] == "German"
    assert labels["tr"] == "Turkish"


def test_reach_chart_notes_name_sources_and_profiles(english):
    world = populated()
    context_figure(world.regions[0], 40.0, year=2022, source="Zensus 2022")
    db.session.commit()
    chart = dashboard.build("reach", FILTERS)
    population = next(series for series in chart.series if series.key == "population")
    assert population.values[0] == Cell(40.0)
    assert population.values[1] == Cell(None)
    first, second = (str(region.title("en")) for region in world.regions[:2])
    assert f"{first}: 6 participation profiles; population: Zensus 2022, 2022." in chart.notes
    assert f"{second}: 6 participation profiles; no official figure entered yet." in chart.notes


def test_one_region_charts_are_turned_around(english):
    world = populated()
    region = world.regions[0]
    chart = dashboard.build("measures", FILTERS, region)
    assert [key for key, _label in chart.categories] == [
        "planned",
        "in_progress",
        "done",
        "dropped",
    ]
    assert [series.key for series in chart.series] == [region.slug]
    single = dashboard.build("votes", FILTERS, region)
    assert single.categories == ((region.slug, str(region.title("en"))),)


def test_region_consultations_lists_published_and_archived_only(english):
    world = populated()
    region = world.regions[0]
    chart = dashboard.build("region-consultations", FILTERS, region)
    keys = {int(key) for key, _label in chart.categories}
    assert keys == {world.consultations[region.id].id, world.archived.id}


def test_key_figures_of_nothing(english):
    chart_figures = {figure.key: figure for figure in dashboard.key_figures(FILTERS)}
    assert chart_figures["contributions"].cell == Cell(0)
    assert chart_figures["active_persons"].cell == Cell(0)
    assert chart_figures["answered_share"].cell.value is None
    assert chart_figures["answered_share"].text == "–"


def test_registry_refuses_a_second_chart_with_the_same_id():
    with pytest.raises(ValueError):
        dashboard.register("contributions")(side_by_side.votes_chart)
    assert dashboard.REGISTRY["contributions"].build is side_by_side.contributions_chart
