"""The charts' CSV and JSON downloads: same numbers as the pages, safe names, 404s, privacy."""

import csv
import io
import json
import re
from datetime import datetime

import pytest

from app.extensions import db
from app.monitoring import dashboard
from app.monitoring.builders import side_by_side
from app.monitoring.periods import Period, month_key
from tests.factories import make_region, make_user
from tests.monitoring.page_data import (
    PERIOD,
    chart_table,
    context_figure,
    populated,
    profiles,
)
from tests.participation_builders import consultation, proposal, vote

EN = {"Accept-Language": "en"}


@pytest.fixture
def world():
    return populated()


def download(client, chart_id, fmt, **args):
    return client.get(f"/monitoring/charts/{chart_id}.{fmt}", query_string=args, headers=EN)


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def table_number(text: str):
    """A number as an English page's table writes it ("1,234", "56.2%", "12 €") -> float."""
    return float(re.sub(r"[^\d.\-]", "", text))


def assert_same_numbers(table: dict, rows: list[dict]) -> int:
    """Every CSV row has its cell in the page's table, with the same number (or the same
    hidden / undefined state). Returns the number of cells compared."""
    assert len(rows) == len(table)
    for row in rows:
        text = table[(row["category"], row["series"])]
        if row["suppressed"] == "true":
            assert row["value"] == ""
            assert text == "fewer than 5"
        elif row["value"] == "":
            assert text.startswith("–")
        else:
            assert table_number(text) == float(row["value"]), (row, text)
    return len(rows)


# --- Formats and headers -------------------------------------------------------------------------


def test_csv_download(client, world):
    response = download(client, "contributions", "csv", **PERIOD)
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition == ('attachment; filename="mitreden-contributions-2026-01-2026-06.csv"')
    rows = csv_rows(response)
    assert list(rows[0]) == [
        "category_key",
        "category",
        "series_key",
        "series",
        "value",
        "suppressed",
    ]
    first = world.regions[0]
    mine = {row["series_key"]: row["value"] for row in rows if row["category_key"] == first.slug}
    assert mine == {"proposals": "3", "comments": "3", "statements": "0"}
    assert world.kompetenzkreis.slug not in {row["category_key"] for row in rows}


def test_json_download(client, world):
    response = download(client, "votes", "json", **PERIOD)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment; ")
    data = json.loads(response.get_data(as_text=True))
    assert data["id"] == "votes"
    assert [item["key"] for item in data["categories"]] == [r.slug for r in world.regions]
    values = [cell["value"] for cell in data["series"][0]["values"]]
    assert values == [6, 5, 5, 5, 5, 5]


def test_region_charts_need_a_known_region(client, world):
    region = world.regions[0]
    assert download(client, "region-activity-by-month", "csv").status_code == 404
    assert download(client, "region-activity-by-month", "csv", region="nowhere").status_code == 404
    response = download(client, "region-activity-by-month", "csv", region=region.slug, **PERIOD)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="mitreden-region-activity-by-month-'
        f'{region.slug}-2026-01-2026-06.csv"'
    )
    months = {row["category_key"] for row in csv_rows(response)}
    assert months == {"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"}


def test_charts_of_both_kinds_narrow_to_a_region(client, world):
    region = world.regions[1]
    rows = csv_rows(download(client, "contributions", "csv", region=region.slug, **PERIOD))
    # One region: turned around, one category per kind of contribution.
    assert {row["category_key"] for row in rows} == {"proposals", "comments", "statements"}
    assert {row["series_key"] for row in rows} == {region.slug}
    assert {row["category_key"]: row["value"] for row in rows} == {
        "proposals": "1",
        "comments": "3",
        "statements": "0",
    }


def test_dashboard_only_charts_ignore_a_region(client, world):
    rows = csv_rows(
        download(client, "contributions-by-month", "csv", region=world.regions[0].slug, **PERIOD)
    )
    assert {row["series_key"] for row in rows} == {region.slug for region in world.regions}


@pytest.mark.parametrize(
    "path",
    [
        "/monitoring/charts/nothing.csv",
        "/monitoring/charts/contributions.xml",
        "/monitoring/charts/contributions",
        "/monitoring/charts/..%2Fcontributions.csv",
        "/monitoring/charts/contributions.csv.json",
    ],
)
def test_unknown_charts_and_formats_are_not_found(client, world, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "args",
    [
        {"from": "2026-13", "to": "9999-99"},
        {"from": "2026-06", "to": "2026-01"},
        {"field": "abc"},
        {"field": "²"},
        {"from": '"; rm -rf /', "to": "\r\nX-Injected: 1"},
    ],
)
def test_hostile_parameters_give_the_default_period(client, world, args):
    response = download(client, "contributions-by-month", "json", **args)
    assert response.status_code == 200
    default = Period.recent()
    data = json.loads(response.get_data(as_text=True))
    assert [item["key"] for item in data["categories"]] == default.month_keys
    assert "X-Injected" not in response.headers
    assert re.fullmatch(
        r'attachment; filename="mitreden-contributions-by-month-'
        rf'{month_key(default.first)}-{month_key(default.last)}\.json"',
        response.headers["Content-Disposition"],
    )


def test_file_names_are_safe_whatever_the_region_slug(client):
    region = make_region("ü-ber slash")
    db.session.commit()
    response = client.get(
        "/monitoring/charts/region-fields.csv", query_string={"region": region.slug}
    )
    assert response.status_code == 200
    name = re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"]).group(1)
    assert re.fullmatch(r"[A-Za-z0-9._-]+", name)


# --- Same numbers as the page --------------------------------------------------------------------


@pytest.mark.parametrize(
    "chart_id",
    ["contributions", "votes", "active-persons", "online-on-site", "contribution-languages"],
)
def test_csv_equals_the_dashboard_table(client, world, chart_id):
    page = client.get("/monitoring/", query_string=PERIOD, headers=EN).get_data(as_text=True)
    rows = csv_rows(download(client, chart_id, "csv", **PERIOD))
    assert assert_same_numbers(chart_table(page, chart_id), rows) > 0


def test_percentages_and_hidden_cells_equal_the_dashboard_table(client, world):
    region = world.regions[0]
    profiles(10, region=region, migration_cycle=("yes", "no"))
    context_figure(region, 34.2)
    db.session.commit()
    page = client.get("/monitoring/", query_string=PERIOD, headers=EN).get_data(as_text=True)
    for chart_id in ("reach", "answered-share", "age-bands"):
        rows = csv_rows(download(client, chart_id, "csv", **PERIOD))
        assert assert_same_numbers(chart_table(page, chart_id), rows) > 0
    reach = csv_rows(download(client, "reach", "csv", **PERIOD))
    values = {(row["category_key"], row["series_key"]): row for row in reach}
    assert values[(region.slug, "participants")]["value"] == "56.2"
    assert values[(region.slug, "population")]["value"] == "34.2"
    hidden = values[(world.regions[1].slug, "participants")]
    assert (hidden["value"], hidden["suppressed"]) == ("", "true")


@pytest.mark.parametrize(
    "chart_id", ["region-activity-by-month", "region-fields", "region-consultations"]
)
def test_csv_equals_the_region_page(client, world, chart_id):
    region = world.regions[0]
    page = client.get(
        f"/monitoring/regions/{region.slug}", query_string=PERIOD, headers=EN
    ).get_data(as_text=True)
    rows = csv_rows(download(client, chart_id, "csv", region=region.slug, **PERIOD))
    if chart_id == "region-consultations":
        # Its own table with links: rows by consultation title, the series as columns.
        table_html = re.search(r'<caption id="consultations-caption">.*?</table>', page, re.S)
        cells = re.findall(
            r"<tr>\s*<th scope=\"row\"><a [^>]*>([^<]+)</a></th>(.*?)</tr>",
            table_html.group(0),
            re.S,
        )
        series = [row["series"] for row in rows[: len(rows) // len(cells)]]
        table = {
            (title, label): value
            for title, body in cells
            for label, value in zip(series, re.findall(r'numeric">([^<]*)<', body), strict=True)
        }
    else:
        table = chart_table(page, chart_id)
    assert assert_same_numbers(table, rows) > 0


def test_json_equals_csv(client, world):
    for chart_id in ("contributions", "reach", "funding"):
        rows = csv_rows(download(client, chart_id, "csv", **PERIOD))
        data = json.loads(download(client, chart_id, "json", **PERIOD).get_data(as_text=True))
        from_json = {
            (category["key"], series["key"]): cell
            for series in data["series"]
            for category, cell in zip(data["categories"], series["values"], strict=True)
        }
        assert len(from_json) == len(rows)
        for row in rows:
            cell = from_json[(row["category_key"], row["series_key"])]
            assert cell["suppressed"] == (row["suppressed"] == "true")
            expected = None if row["value"] == "" else float(row["value"])
            assert (None if cell["value"] is None else float(cell["value"])) == expected


def test_a_hidden_count_is_in_no_download(client):
    region = make_region("klein")
    target = consultation(region, phase="discussion")
    people = [make_user() for _ in range(3)]
    item = proposal(target, people[0], created_at=datetime(2026, 3, 10, 12))
    for person in people:
        vote(item, person).created_at = datetime(2026, 3, 11, 12)
    db.session.commit()
    for chart_id, args in (
        ("active-persons", PERIOD),
        ("active-persons-by-month", PERIOD),
        ("region-active-persons-by-month", {**PERIOD, "region": region.slug}),
    ):
        text = download(client, chart_id, "csv", **args).get_data(as_text=True)
        assert ",3," not in text and not text.rstrip().endswith(",3")
        assert "true" in text
        data = json.loads(download(client, chart_id, "json", **args).get_data(as_text=True))
        values = [cell for series in data["series"] for cell in series["values"]]
        assert {"value": None, "suppressed": True} in values
        assert all(cell["value"] != 3 for cell in values)


# --- Charts that are not public ------------------------------------------------------------------


@pytest.fixture
def internal_chart(monkeypatch):
    spec = dashboard.ChartSpec("internal-test", side_by_side.votes_chart, dashboard.BOTH, False)
    monkeypatch.setitem(dashboard.REGISTRY, "internal-test", spec)
    return spec


def test_internal_charts_need_the_ministry_view(client, world, internal_chart, login_as):
    anonymous = download(client, "internal-test", "csv")
    assert anonymous.status_code == 302
    assert "/account/login" in anonymous.headers["Location"]
    login_as("participant")
    assert download(client, "internal-test", "csv").status_code == 403
    login_as("moderator", region=world.regions[0])
    assert download(client, "internal-test", "json").status_code == 403
    login_as("coordinator", region=world.regions[0])
    assert download(client, "internal-test", "csv").status_code == 200
    login_as("administrator")
    assert download(client, "internal-test", "json").status_code == 200


def test_every_registered_chart_downloads(client, world, login_as):
    region = world.regions[0]

    def args_for(spec):
        return {**PERIOD, **({"region": region.slug} if spec.scope != dashboard.ALL else {})}

    for chart_id, spec in dashboard.REGISTRY.items():
        expected = 200 if spec.public else 302
        for fmt in ("csv", "json"):
            response = download(client, chart_id, fmt, **args_for(spec))
            assert response.status_code == expected, (chart_id, fmt)
    login_as("administrator")
    for chart_id, spec in dashboard.REGISTRY.items():
        for fmt in ("csv", "json"):
            response = download(client, chart_id, fmt, **args_for(spec))
            assert response.status_code == 200, (chart_id, fmt)
