"""Charts: the SVG (well-formed, titled, one bar or point per known value, "< 5" instead of
hidden numbers, mirrored for right-to-left pages, escaped labels), the data table, the CSV and
JSON downloads (the same numbers as the table) and the page macro."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from flask import render_template_string
from flask_babel import lazy_gettext

from app.monitoring import charts
from app.monitoring.charts import Chart, ChartKind, Series, ValueUnit
from app.monitoring.suppression import EMPTY, SUPPRESSED, Cell, person_count

SVG = "{http://www.w3.org/2000/svg}"
REGIONS = (("wi", "Wiesbaden"), ("ks", "Kassel"), ("gg", "Groß-Gerau"))
MONTHS = (("2025-01", "Jan 2025"), ("2025-02", "Feb 2025"), ("2025-03", "Mar 2025"))


@pytest.fixture
def english(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def german(app):
    with app.test_request_context("/", headers={"Accept-Language": "de"}):
        yield


def bars(**changes) -> Chart:
    values = {
        "id": "contributions",
        "title": "Contributions by region",
        "description": "Published proposals and comments.",
        "kind": ChartKind.BARS,
        "unit": ValueUnit.COUNT,
        "categories": REGIONS,
        "series": (
            Series("proposals", "Proposals", (Cell(12), person_count(3), Cell(0))),
            Series("comments", "Comments", (Cell(1500), Cell(7), EMPTY)),
        ),
        "category_name": "Region",
    }
    values.update(changes)
    return Chart(**values)


def lines(**changes) -> Chart:
    values = {
        "id": "by-month",
        "title": "Active persons per month",
        "description": "People who wrote or voted.",
        "kind": ChartKind.LINES,
        "unit": ValueUnit.PERSONS,
        "categories": MONTHS,
        "series": (
            Series("wi", "Wiesbaden", (Cell(10), SUPPRESSED, Cell(20))),
            Series("ks", "Kassel", (Cell(5), Cell(6), Cell(7))),
        ),
    }
    values.update(changes)
    return Chart(**values)


def parse(svg) -> ET.Element:
    # The input is this module's own output, and the test is that it parses as XML.
    return ET.fromstring(str(svg))  # noqa: S314


def with_class(root: ET.Element, name: str, tag: str | None = None) -> list[ET.Element]:
    return [
        element
        for element in root.iter(f"{SVG}{tag}" if tag else None)
        if name in (element.get("class") or "").split()
    ]


def texts(root: ET.Element, name: str) -> list[str]:
    return [element.text for element in with_class(root, name, "text")]


def data_points(root: ET.Element) -> list[ET.Element]:
    return [
        element
        for element in with_class(root, "chart__point")
        if "chart__key" not in element.get("class").split()
    ]


def x_of(element: ET.Element) -> float:
    return float(element.get("x"))


# --- The SVG -------------------------------------------------------------------------------


def test_svg_is_well_formed_and_named_by_its_title_and_description(english):
    root = parse(charts.render_svg(bars(), rtl=False))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-contributions-title chart-contributions-desc"
    assert root.get("width") == "100%"
    assert re.fullmatch(rf"0 0 {charts.WIDTH} \d+", root.get("viewBox"))
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (
        f"{SVG}title",
        "chart-contributions-title",
        "Contributions by region",
    )
    assert (desc.tag, desc.get("id"), desc.text) == (
        f"{SVG}desc",
        "chart-contributions-desc",
        "Published proposals and comments.",
    )


def test_one_bar_per_known_value_with_its_value_at_the_end(english):
    root = parse(charts.render_svg(bars(), rtl=False))

    found = with_class(root, "chart__bar", "rect")
    # 12, 0, 1500 and 7 are known; the hidden 3 and the undefined cell get no bar.
    assert len(found) == 4
    assert [bar.find(f"{SVG}title").text for bar in found] == [
        "Wiesbaden, Proposals: 12",
        "Wiesbaden, Comments: 1,500",
        "Kassel, Comments: 7",
        "Groß-Gerau, Proposals: 0",
    ]
    assert texts(root, "chart__value") == ["12", "1,500", "7", "0", "–"]
    widths = [float(bar.get("width")) for bar in found]
    assert widths[3] == 0
    # Lengths are proportional to the values.
    assert widths[0] / widths[1] == pytest.approx(12 / 1500, rel=0.01)
    # Each series has its own pattern, referenced by id, and its own colour class.
    assert {bar.get("fill") for bar in found[:2]} == {
        "url(#chart-contributions-pattern-0)",
        "url(#chart-contributions-pattern-1)",
    }
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {"chart-contributions-pattern-0", "chart-contributions-pattern-1"}
    assert "chart__bar--1" in found[1].get("class").split()


def test_hidden_values_show_fewer_than_five_and_no_number(english):
    chart = bars(
        series=(Series("persons", "Active persons", (Cell(12), person_count(3), Cell(8))),)
    )
    svg = str(charts.render_svg(chart, rtl=False))
    root = parse(svg)

    # One "< 5" for the hidden cell and one in the legend that explains it.
    assert texts(root, "chart__suppressed") == ["< 5", "< 5"]
    assert "fewer than 5" in texts(root, "chart__legend")
    assert [bar.find(f"{SVG}title").text for bar in with_class(root, "chart__bar")] == [
        "Wiesbaden, Active persons: 12",
        "Groß-Gerau, Active persons: 8",
    ]
    assert texts(root, "chart__value") == ["12", "8"]
    assert "Kassel" not in " ".join(title.text for title in root.iter(f"{SVG}title"))
    assert "3" not in texts(root, "chart__value") + texts(root, "chart__suppressed")


def test_legend_names_each_series_once(english):
    root = parse(charts.render_svg(bars(), rtl=False))

    assert texts(root, "chart__legend") == ["Proposals", "Comments", "fewer than 5"]
    assert len(with_class(root, "chart__swatch", "rect")) == 2


def test_value_axis_in_the_readers_locale(german):
    root = parse(charts.render_svg(bars(), rtl=False))

    assert texts(root, "chart__tick") == ["0", "500", "1.000", "1.500"]
    assert "1.500" in texts(root, "chart__value")


def test_percent_and_euro_values_in_the_readers_locale(german):
    percent = bars(
        unit=ValueUnit.PERCENT,
        series=(Series("share", "Answered", (Cell(12.5), Cell(100.0), Cell(33.333))),),
    )
    root = parse(charts.render_svg(percent, rtl=False))
    assert texts(root, "chart__value") == ["12,5\xa0%", "100\xa0%", "33,3\xa0%"]
    assert texts(root, "chart__tick")[-1] == "100\xa0%"

    euros = bars(
        unit=ValueUnit.EUROS,
        series=(Series("granted", "Granted", (Cell(125000), Cell(4500.5), Cell(0))),),
    )
    root = parse(charts.render_svg(euros, rtl=False))
    assert texts(root, "chart__value") == ["125.000 €", "4.500,5 €", "0 €"]


def test_time_series_has_one_point_per_known_value_and_breaks_the_line(english):
    root = parse(charts.render_svg(lines(), rtl=False))

    points = data_points(root)
    assert len(points) == 5
    assert [point.find(f"{SVG}title").text for point in points] == [
        "Jan 2025, Wiesbaden: 10",
        "Mar 2025, Wiesbaden: 20",
        "Jan 2025, Kassel: 5",
        "Feb 2025, Kassel: 6",
        "Mar 2025, Kassel: 7",
    ]
    # Wiesbaden is interrupted by its hidden February: no line of one point; Kassel is one line.
    polylines = [
        element
        for element in root.iter(f"{SVG}polyline")
        if "chart__line" in element.get("class").split()
    ]
    assert len(polylines) == 1
    assert len(polylines[0].get("points").split()) == 3
    assert "chart__line--1" in polylines[0].get("class")
    # Series differ by marker shape and dash pattern, not by colour alone.
    assert {points[0].tag, points[2].tag} == {f"{SVG}circle", f"{SVG}rect"}
    legend_lines = with_class(root, "chart__key", "line")
    assert legend_lines[0].get("stroke-dasharray") is None
    assert legend_lines[1].get("stroke-dasharray") == "9 4"
    # The hidden February is marked under the axis, its value nowhere.
    assert texts(root, "chart__suppressed") == ["< 5", "< 5"]
    assert texts(root, "chart__tick")[-3:] == ["Jan 2025", "Feb 2025", "Mar 2025"]


def test_time_runs_from_left_to_right(english):
    root = parse(charts.render_svg(lines(), rtl=False))

    kassel = [float(p.get("x")) + 4 for p in data_points(root) if p.tag == f"{SVG}rect"]
    assert kassel == sorted(kassel) and kassel[0] < kassel[-1]


def test_right_to_left_mirrors_bars_and_keeps_numbers_left_to_right(english):
    ltr = parse(charts.render_svg(bars(), rtl=False))
    rtl = parse(charts.render_svg(bars(), rtl=True))

    width = charts.WIDTH
    for left, right in zip(
        with_class(ltr, "chart__bar", "rect"), with_class(rtl, "chart__bar", "rect"), strict=True
    ):
        assert right.get("width") == left.get("width")
        assert x_of(right) == pytest.approx(width - x_of(left) - float(left.get("width")))
    # Bars grow from the right edge: all start at the same x on the right.
    right_edges = {
        round(x_of(bar) + float(bar.get("width")), 1) for bar in with_class(rtl, "chart__bar")
    }
    assert len(right_edges) == 1 and right_edges.pop() > width / 2
    for left, right in zip(
        with_class(ltr, "chart__value", "text"),
        with_class(rtl, "chart__value", "text"),
        strict=True,
    ):
        assert x_of(right) == pytest.approx(width - x_of(left))
        assert right.get("direction") == "ltr"
        assert (left.get("text-anchor"), right.get("text-anchor")) == ("start", "end")
    categories = with_class(rtl, "chart__category", "text")
    assert {c.get("direction") for c in categories} == {"rtl"}
    assert {c.get("direction") for c in with_class(ltr, "chart__category", "text")} == {"ltr"}


def test_right_to_left_time_series_runs_from_right_to_left(english):
    ltr = parse(charts.render_svg(lines(), rtl=False))
    rtl = parse(charts.render_svg(lines(), rtl=True))

    def xs(root):
        return [
            float(p.get("cx")) if p.tag == f"{SVG}circle" else float(p.get("x")) + 4
            for p in data_points(root)
        ]

    assert xs(rtl) == pytest.approx([charts.WIDTH - x for x in xs(ltr)])
    kassel = xs(rtl)[2:]
    assert kassel == sorted(kassel, reverse=True)


def test_hostile_labels_are_escaped(english):
    hostile = "<script>alert(1)</script> & \"'"
    chart = bars(
        id='x"><script>',
        title=hostile,
        description=hostile,
        categories=(("a", hostile), ("b", "B"), ("c", "C")),
        series=(Series("s", hostile, (Cell(1), Cell(2), Cell(3))),),
    )
    svg = str(charts.render_svg(chart, rtl=False))
    root = parse(svg)

    assert "<script" not in svg
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    assert root[0].text == hostile and root[1].text == hostile
    assert hostile in texts(root, "chart__category")
    assert root.get("aria-labelledby") == "chart-x---script--title chart-x---script--desc"


def test_lazy_strings_are_escaped_too(english):
    # Lazy strings call themselves safe HTML; the chart must not trust that.
    label = lazy_gettext("<b>not bold</b>")
    chart = bars(series=(Series("s", label, (Cell(1), Cell(2), Cell(3))),), title=label)
    svg = str(charts.render_svg(chart, rtl=False))

    assert "<b>" not in svg
    assert parse(svg)[0].text == "<b>not bold</b>"


def test_no_inline_style_script_or_event_handlers(english):
    for chart in (bars(), lines()):
        for rtl in (False, True):
            svg = str(charts.render_svg(chart, rtl=rtl))
            assert " style=" not in svg
            assert "<script" not in svg
            assert not re.search(r"\son[a-z]+=", svg)


def test_ids_of_two_charts_do_not_collide(english):
    first = parse(charts.render_svg(bars(id="one"), rtl=False))
    second = parse(charts.render_svg(bars(id="two"), rtl=False))

    def ids(root):
        return {element.get("id") for element in root.iter() if element.get("id")}

    assert ids(first) and not ids(first) & ids(second)


def test_empty_chart(english):
    nothing = bars(categories=(), series=())
    root = parse(charts.render_svg(nothing, rtl=False))
    assert texts(root, "chart__legend") == ["No figures to show."]
    assert not with_class(root, "chart__bar")
    assert charts.table_rows(nothing).rows == ()
    assert charts.to_csv(nothing).splitlines() == [",".join(charts.CSV_COLUMNS)]
    assert charts.to_json(nothing)["categories"] == []
    assert charts.to_json(nothing)["series"] == []

    zeros = lines(series=(Series("a", "A", (Cell(0), Cell(0), EMPTY)),))
    assert zeros.is_empty
    root = parse(charts.render_svg(zeros, rtl=True))
    assert len(data_points(root)) == 2
    assert texts(root, "chart__tick")[:2] == ["0", "1"]


def test_a_chart_of_hidden_values_is_not_empty():
    assert not lines(series=(Series("a", "A", (SUPPRESSED, Cell(0), EMPTY)),)).is_empty
    assert bars().has_suppressed and bars().has_undefined
    assert not lines(series=(Series("a", "A", (Cell(1), Cell(0), Cell(2))),)).has_suppressed


def test_ticks_are_round_and_whole_for_counts():
    def width(text):
        return len(text) * 6

    assert charts.nice_ticks(3, ValueUnit.PERSONS, 300, width) == [0, 1, 2, 3]
    assert charts.nice_ticks(100, ValueUnit.PERCENT, 300, width) == [0, 20, 40, 60, 80, 100]
    assert charts.nice_ticks(1.2, ValueUnit.DAYS, 300, width) == [0, 0.5, 1, 1.5]
    assert charts.nice_ticks(0, ValueUnit.COUNT, 300, width) == [0, 1]
    assert charts.nice_ticks(0.02, ValueUnit.DAYS, 300, width) == [0, 0.1]
    # Few ticks when the labels are wide.
    assert len(charts.nice_ticks(1_000_000, ValueUnit.EUROS, 200, lambda t: 90)) <= 3


# --- Table, CSV and JSON: the same numbers ---------------------------------------------------


def test_table_rows(english):
    table = charts.table_rows(bars())

    assert table.header == ("Region", "Proposals", "Comments")
    assert [(row.key, row.label) for row in table.rows] == list(REGIONS)
    assert [[(c.text, c.state) for c in row.cells] for row in table.rows] == [
        [("12", "value"), ("1,500", "value")],
        [("fewer than 5", "suppressed"), ("7", "value")],
        [("0", "value"), ("–", "undefined")],
    ]
    assert charts.table_rows(lines()).header[0] == "Month"
    assert charts.table_rows(bars(category_name="")).header[0] == "Category"


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_long_format(english):
    rows = read_csv(charts.to_csv(bars()))

    assert list(rows[0]) == list(charts.CSV_COLUMNS)
    assert [tuple(row.values()) for row in rows] == [
        ("wi", "Wiesbaden", "proposals", "Proposals", "12", "false"),
        ("wi", "Wiesbaden", "comments", "Comments", "1500", "false"),
        ("ks", "Kassel", "proposals", "Proposals", "", "true"),
        ("ks", "Kassel", "comments", "Comments", "7", "false"),
        ("gg", "Groß-Gerau", "proposals", "Proposals", "0", "false"),
        ("gg", "Groß-Gerau", "comments", "Comments", "", "false"),
    ]
    assert not charts.to_csv(bars()).startswith("\ufeff")


def test_csv_neutralises_formulas(english):
    chart = bars(
        categories=(("=1+1", '=HYPERLINK("http://evil")'), ("b", "@SUM(A1)"), ("c", "-2")),
        series=(Series("+s", "+Series", (Cell(-3), Cell(1), Cell(2))),),
    )
    rows = read_csv(charts.to_csv(chart))

    assert rows[0]["category_key"] == "'=1+1"
    assert rows[0]["category"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["category"] == "'@SUM(A1)"
    assert rows[2]["category"] == "'-2"
    assert rows[0]["series_key"] == "'+s" and rows[0]["series"] == "'+Series"
    assert rows[0]["value"] == "-3"  # numbers stay numbers


def test_json_document(english):
    document = charts.to_json(bars(notes=("Source: the platform.",)))

    assert json.loads(json.dumps(document)) == document
    assert {key: document[key] for key in ("id", "title", "description", "kind", "unit")} == {
        "id": "contributions",
        "title": "Contributions by region",
        "description": "Published proposals and comments.",
        "kind": "bars",
        "unit": "count",
    }
    assert document["notes"] == ["Source: the platform."]
    assert document["suppressed_below"] == 5
    assert document["categories"][1] == {"key": "ks", "label": "Kassel"}
    assert document["series"][0]["key"] == "proposals"
    assert document["series"][0]["values"] == [
        {"value": 12, "suppressed": False},
        {"value": None, "suppressed": True},
        {"value": 0, "suppressed": False},
    ]
    assert document["series"][1]["values"][2] == {"value": None, "suppressed": False}


@pytest.mark.parametrize("language", ["en", "de", "ar"])
@pytest.mark.parametrize(
    ("unit", "values"),
    [
        (ValueUnit.COUNT, (Cell(12), SUPPRESSED, Cell(1234567))),
        (ValueUnit.PERCENT, (Cell(33.333), Cell(100.0), EMPTY)),
        (ValueUnit.DAYS, (Cell(3.0), Cell(2.46), Cell(0.04))),
        (ValueUnit.EUROS, (Cell(1250.456), Cell(0), SUPPRESSED)),
    ],
)
def test_csv_json_table_and_svg_show_the_same_numbers(app, language, unit, values):
    chart = bars(unit=unit, series=(Series("s", "Series", values),))
    with app.test_request_context("/", headers={"Accept-Language": language}):
        table = [row.cells[0] for row in charts.table_rows(chart).rows]
        csv_rows = read_csv(charts.to_csv(chart))
        json_values = charts.to_json(chart)["series"][0]["values"]
        root = parse(charts.render_svg(chart, rtl=language == "ar"))
        svg_values = texts(root, "chart__value")

        shown = []
        for cell, row, item in zip(table, csv_rows, json_values, strict=True):
            assert row["suppressed"] == ("true" if item["suppressed"] else "false")
            if item["suppressed"]:
                assert row["value"] == "" and item["value"] is None
                assert cell.text == charts.fewer_than_text()
                continue
            if item["value"] is None:
                assert row["value"] == "" and cell.text == "–"
                shown.append("–")
                continue
            # The CSV text is the JSON number, and both are the number the table shows.
            assert float(row["value"]) == item["value"]
            assert row["value"] == str(item["value"])
            assert cell.text == charts.format_value(item["value"], unit)
            shown.append(cell.text)
        # The SVG labels its bars with exactly the table's texts.
        assert svg_values == shown


def test_published_values_are_rounded_once():
    assert charts.published_value(3.0, ValueUnit.DAYS) == 3
    assert isinstance(charts.published_value(3.0, ValueUnit.DAYS), int)
    assert charts.published_value(2.46, ValueUnit.DAYS) == 2.5
    assert charts.published_value(1250.456, ValueUnit.EUROS) == 1250.46
    assert charts.published_value(7, ValueUnit.COUNT) == 7
    assert charts.published_value(None, ValueUnit.COUNT) is None


# --- The macro -------------------------------------------------------------------------------

MACRO = (
    """{% import "monitoring/_chart.html" as c %}{{ c.chart(chart, downloads, heading_level) }}"""
)


def render(chart, downloads=None, heading_level=None) -> str:
    return render_template_string(
        MACRO, chart=chart, downloads=downloads, heading_level=heading_level
    )


def test_macro_figure_with_caption_table_and_downloads(english):
    html = render(bars(notes=("Source: the platform.",)), {"csv": "/c.csv", "json": "/c.json"})

    assert '<figure class="chart" id="chart-contributions">' in html
    assert re.search(r"<figcaption[^>]*>\s*Contributions by region\s*</figcaption>", html)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "<li>Source: the platform.</li>" in html
    assert "fewer than 5 persons are not shown" in html
    assert "“–”: not defined" in html
    assert "<summary>Show the data as a table</summary>" in html
    assert (
        '<caption id="chart-contributions-table-caption">Contributions by region</caption>' in html
    )
    assert '<th scope="col">Region</th>' in html
    assert '<th scope="col" class="numeric">Comments</th>' in html
    assert '<th scope="row">Kassel</th>' in html
    assert re.search(r'chart__cell--value">\s*<span dir="ltr">1,500</span>', html)
    assert re.search(r'chart__cell--suppressed">\s*fewer than 5', html)
    assert '<span class="visually-hidden">not defined</span>' in html
    assert (
        '<a href="/c.csv" download aria-label="Download data of “Contributions by region” as CSV">'
        "CSV</a>"
    ) in html
    assert 'aria-label="Download data of “Contributions by region” as JSON">JSON</a>' in html


def test_macro_accepts_downloads_as_pairs_and_a_heading(english):
    html = render(bars(), [("csv", "/x.csv")], heading_level=3)

    assert '<h3 class="chart__heading">Contributions by region</h3>' in html
    assert 'href="/x.csv"' in html and "JSON" not in html


def test_macro_without_downloads_or_notes(english):
    html = render(lines(series=(Series("a", "A", (Cell(1), Cell(2), Cell(3))),)))

    assert "chart__downloads" not in html
    assert "chart__notes" not in html
    assert "<svg" in html


def test_macro_for_an_empty_chart(english):
    html = render(bars(series=(Series("a", "A", (Cell(0), Cell(0), Cell(0))),)))

    assert "No figures for this selection" in html
    assert "<svg" not in html
    assert html.count('<td class="numeric chart__cell--value">') == 3


def test_macro_escapes_hostile_text(english):
    hostile = "<script>alert(1)</script>"
    chart = bars(
        title=hostile,
        description=hostile,
        notes=(hostile,),
        categories=(("a", hostile), ("b", "B"), ("c", "C")),
        series=(Series("s", hostile, (Cell(1), Cell(2), Cell(3))),),
    )
    html = render(chart, {"csv": "/x.csv"})

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_macro_mirrors_the_chart_in_arabic(app):
    with app.test_request_context("/", headers={"Accept-Language": "ar"}):
        html = render(bars())
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    assert 'direction="rtl"' in svg
    assert svg == str(charts.render_svg(bars(), rtl=True))
