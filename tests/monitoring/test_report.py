"""The printable report of a region (/monitoring/regions/<slug>/report): title, period and the
time it was made in Berlin time, every chart with its data table open and the same numbers as
the region page, the context figures with their sources, the print stylesheet's hooks, and
unknown regions and hostile filters."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.extensions import db
from app.monitoring import dashboard
from app.monitoring.periods import Period, month_key
from tests.factories import make_region
from tests.monitoring.page_data import (
    PERIOD,
    Tables,
    chart_table,
    context_figure,
    key_figure,
    populated,
)

# 22:30 UTC on 1 July is 00:30 on 2 July in Berlin (summer time).
NOW = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
REPORT_CHARTS = [*dashboard.chart_ids(dashboard.REGION_SECTIONS), "region-consultations"]
STYLESHEET = Path(__file__).resolve().parents[2] / "app" / "static" / "css" / "mitreden.css"


@pytest.fixture
def world(app, time_machine):
    time_machine.move_to(NOW, tick=False)
    built = populated(moment=NOW)
    context_figure(
        built.regions[0],
        34.2,
        year=2024,
        source="Statistik Hessen 2024",
        source_url="https://statistik.hessen.de/zahlen",
        note="Mikrozensus",
    )
    db.session.commit()
    return built


def report_path(region) -> str:
    return f"/monitoring/regions/{region.slug}/report"


def get(client, path, language="en", **args):
    return client.get(path, query_string=args, headers={"Accept-Language": language})


def main_part(page: str) -> str:
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_report_names_region_period_and_when_it_was_made(client, world):
    region = world.regions[0]
    response = get(client, report_path(region), **PERIOD)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("<h1") == 1
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert "Participation report" in h1 and str(region.title("en")) in h1
    assert "<title>Report: " in page
    assert "January 2026 to June 2026" in page
    assert "All fields of action" in page
    # Made at 00:30 on 2 July, Berlin time (UTC still says 1 July).
    assert "Jul 2, 2026, 12:30\u202fAM (German time)" in page or (
        "Jul 2, 2026, 12:30 AM (German time)" in page
    )


def test_every_chart_comes_with_its_table_open(client, world):
    region = world.regions[0]
    page = get(client, report_path(region), **PERIOD).get_data(as_text=True)
    content = main_part(page)
    assert "<details" not in content
    tables = Tables(page).tables
    for chart_id in REPORT_CHARTS:
        assert f'<figure class="chart report-chart" id="chart-{chart_id}">' in content, chart_id
        assert f"chart-{chart_id}-table-caption" in tables, chart_id
    # No downloads in the report: they live on the region page.
    assert "/monitoring/charts/" not in content


def test_the_report_shows_the_numbers_of_the_region_page(client, world):
    region = world.regions[0]
    report = get(client, report_path(region), **PERIOD).get_data(as_text=True)
    page = get(client, f"/monitoring/regions/{region.slug}", **PERIOD).get_data(as_text=True)
    for chart_id in [*dashboard.chart_ids(dashboard.REGION_SECTIONS)]:
        assert chart_table(report, chart_id) == chart_table(page, chart_id), chart_id
    for key in ("active-persons", "contributions", "votes", "answered-share"):
        assert key_figure(report, key) == key_figure(page, key)
    # Figures by hand (tests/monitoring/test_pages.py counts the same world).
    assert key_figure(report, "contributions").startswith("Contributions 6 ")
    by_month = chart_table(report, "region-activity-by-month")
    assert by_month[("Feb 2026", "Proposals")] == "2"
    assert by_month[("Mar 2026", "Proposals")] == "1"
    consultations = chart_table(report, "region-consultations")
    labels = {label for label, _series in consultations}
    assert labels == {world.consultations[region.id].title["en"], world.archived.title["en"]}
    assert world.draft.title["en"] not in report
    assert "Answers and results" in report
    assert "Proposals over the answer threshold still unanswered (now)" in report
    assert "Funding granted" in report


def test_context_figures_carry_their_sources(client, world):
    page = get(client, report_path(world.regions[0]), **PERIOD).get_data(as_text=True)
    cards = re.search(r'<ul class="monitoring-context report-sources">.*?</ul>', page, re.S)
    assert cards
    assert "Share of the population with a migration background" in cards.group(0)
    assert '<a href="https://statistik.hessen.de/zahlen"' in cards.group(0)
    assert "Statistik Hessen 2024" in cards.group(0)
    assert "Mikrozensus" in cards.group(0)
    reach = chart_table(page, "reach")
    # One region: one bar per group, the region is the series.
    name = str(world.regions[0].title("en"))
    assert reach[("Population with a migration background", name)] == "34.2%"
    assert "population: Statistik Hessen 2024, 2024." in page
    other = get(client, report_path(world.regions[1]), **PERIOD).get_data(as_text=True)
    assert "No figures from official statistics have been entered for this region yet." in other


def test_counting_and_privacy_are_explained(client, world):
    page = get(client, report_path(world.regions[0]), **PERIOD).get_data(as_text=True)
    method = re.search(r'id="method".*?</section>', page, re.S).group(0)
    assert "How the figures are counted" in method
    assert "Months are calendar months in German time." in method
    assert "Figures about persons are shown only for groups of 5 or more." in method
    assert "use the print function of your browser" in page


def test_the_print_stylesheet_has_its_hooks(client, world):
    page = get(client, report_path(world.regions[0]), **PERIOD).get_data(as_text=True)
    for hook in (
        '<article class="monitoring-report"',
        'class="note report-print-hint"',
        '<div class="report-screen-only">',
        'class="facts report-meta"',
        'class="report-links"',
        "report-chart__table",
    ):
        assert hook in page, hook
    # The filter form is there on screen, inside the part the printout leaves out.
    screen_only = re.search(r'<div class="report-screen-only">(.*?)</form>', page, re.S)
    assert screen_only and 'class="filter-form monitoring-filters"' in screen_only.group(1)

    css = STYLESHEET.read_text(encoding="utf-8")
    section = css.split("Monitoring report (print)", 1)[1]
    prints = section.split("@media print", 1)[1]
    for rule in (
        "body:has(.monitoring-report) .site-header",
        "body:has(.monitoring-report) .site-footer",
        "body:has(.monitoring-report) .breadcrumbs",
        ".monitoring-report .report-print-hint",
        ".monitoring-report .report-screen-only",
        ".monitoring-report .monitoring-filters",
        ".monitoring-report .chart__downloads",
        "break-inside: avoid",
        "--color-text: #000000",
        'content: " (" attr(href) ")"',
        "page: monitoring-report",
    ):
        assert rule in prints, rule
    assert re.search(r"@page monitoring-report \{\s*size: A4;\s*margin: [^;]+;", section)
    # Logical properties only (right-to-left pages mirror by themselves).
    assert not re.search(r"(margin|padding|border)-(left|right)", section)


def test_the_region_page_links_the_report_with_its_filters(client, world):
    region = world.regions[0]
    field = world.fields[0]
    page = get(client, f"/monitoring/regions/{region.slug}", field=field.id, **PERIOD)
    assert re.search(
        rf'href="/monitoring/regions/{region.slug}/report\?(?=[^"]*from=2026-01)'
        rf'(?=[^"]*to=2026-06)(?=[^"]*field={field.id})[^"]*"',
        page.get_data(as_text=True),
    )


def test_the_field_filter_narrows_the_report(client, world):
    region = world.regions[1]  # wrote about the second field
    field = world.fields[1]
    page = get(client, report_path(region), field=field.id, **PERIOD).get_data(as_text=True)
    assert f'<option value="{field.id}" selected' in page
    meta = re.search(r'<dl class="facts report-meta">.*?</dl>', page, re.S).group(0)
    assert str(field.title("en")) in meta
    assert "Only the field of action" in page


def test_an_unknown_region_is_not_found(client, world):
    assert get(client, "/monitoring/regions/atlantis/report").status_code == 404


HOSTILE = [
    {"from": "2026-13"},
    {"to": "9999-99"},
    {"from": "2026-05", "to": "2026-02"},
    {"from": "2001-01", "to": "2026-01"},
    {"from": "²²²²-01"},
    {"field": "²"},
    {"field": "999999999999999999999999999"},
    {"from": "2026-01' OR '1'='1", "to": "<script>", "field": "%00"},
]


@pytest.mark.parametrize("args", HOSTILE)
def test_hostile_filters_give_the_defaults(client, world, args):
    default = Period.recent()
    response = get(client, report_path(world.regions[0]), **args)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, args
    if "from" in args or "to" in args:
        assert f'<option value="{month_key(default.first)}" selected' in page
        assert f'<option value="{month_key(default.last)}" selected' in page
    assert "All fields of action</dd>" in page
    assert "<script>" not in main_part(page)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_report_in_german_and_arabic(client, world, language):
    region = world.regions[0]
    page = get(client, report_path(region), language, **PERIOD).get_data(as_text=True)
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"' in page
    assert str(region.title(language)) in page
    assert page.count("<h1") == 1


def test_a_kompetenzkreis_region_and_an_empty_one(client, world):
    page = get(client, report_path(world.kompetenzkreis), **PERIOD).get_data(as_text=True)
    assert "Kompetenzkreis Integration vor Ort" in page
    empty = make_region("leer")
    db.session.commit()
    response = get(client, report_path(empty), **PERIOD)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This region has not published a consultation yet." in page
    assert key_figure(page, "contributions").startswith("Contributions 0 ")
