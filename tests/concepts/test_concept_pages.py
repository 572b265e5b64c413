"""Reading a region's action concept: the current version, earlier versions, the comparison,
the CSV and HTML exports and the print stylesheet."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from app.concepts.queries import CSV_COLUMNS
from app.extensions import db
from tests.concepts import page_builders as build
from tests.factories import make_field_of_action, make_region, make_user
from tests.participation_builders import consultation, proposal

CSS = Path(__file__).resolve().parents[2] / "app" / "static" / "css" / "mitreden.css"


@pytest.fixture
def kassel():
    region = make_region("kassel", de="Stadt Kassel", en="City of Kassel")
    db.session.commit()
    return region


@pytest.fixture
def fields():
    language = make_field_of_action("language", de="Sprache und Bildung", en="Language")
    work = make_field_of_action("work", de="Arbeit und Ausbildung", en="Work")
    db.session.commit()
    return language, work


@pytest.fixture
def published(kassel, fields):
    """Version 1 (earlier) and version 2 (current) of Kassel's concept, with links."""
    language, work = fields
    author = make_user()
    consult = consultation(kassel, phase="results")
    idea = proposal(consult, author, title="Sprachcafé am Bahnhof", status="accepted")
    hidden = proposal(consult, author, title="Versteckter Vorschlag", moderation_state="hidden")
    helpers = build.project(kassel, title="Sprachpaten Nordstadt")

    first = build.version(kassel, 1, valid_from=date(2024, 1, 15), note="Erste Fassung")
    g1 = build.goal(first, language, "Mehr Menschen sprechen Deutsch", key="g-language")
    build.measure(
        g1,
        "Sprachcafés in zwei Stadtteilen",
        key="m-cafes",
        status="planned",
        timeframe="2024",
        responsible="Volkshochschule",
    )
    build.measure(g1, "Alte Maßnahme", key="m-old")

    second = build.version(kassel, 2, valid_from=date(2025, 3, 1), note="Zweite Fassung")
    g2 = build.goal(
        second,
        language,
        "Mehr Menschen sprechen Deutsch",
        key="g-language",
        description="Ziel für **alle** Stadtteile.",
    )
    build.measure(
        g2,
        "Sprachcafés in allen Stadtteilen",
        key="m-cafes",
        status="in_progress",
        timeframe="2024 bis 2026",
        responsible="Volkshochschule Kassel",
        proposals=[idea, hidden],
        projects=[helpers],
    )
    g3 = build.goal(second, work, "Schneller in Arbeit", key="g-work")
    build.measure(g3, "Jobmesse für Zugewanderte", key="m-fair", status="done")
    db.session.commit()
    return {"first": first, "second": second, "idea": idea, "hidden": hidden, "project": helpers}


def english(client):
    client.set_cookie("mitreden_locale", "en")


# --- the current version --------------------------------------------------------------------


def test_current_version_shows_fields_goals_and_measures(client, kassel, published):
    english(client)
    response = client.get("/regions/kassel/concept")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Action concept of <span>City of Kassel</span></h1>" in page
    # Version facts
    assert re.search(r"<dt>Version</dt><dd>2\s*</dd>", page)
    assert "Zweite Fassung" in page
    # Fields of action in the catalogue's order, each a heading
    assert page.index('id="field-language"') < page.index('id="field-work"')
    assert '<h2 id="field-language" class="concept-field__title">Language</h2>' in page
    # Goals and measures carry their keys as anchors
    assert 'id="item-g-language"' in page
    assert 'id="item-m-cafes"' in page
    # Texts of the coordination are German, marked as such (the page is English)
    assert '<span lang="de" dir="auto">Sprachcafés in allen Stadtteilen</span>' in page
    assert "<spanlang" not in page and "<ddlang" not in page
    assert "Ziel für <strong>alle</strong> Stadtteile." in page
    assert "Volkshochschule Kassel" in page and "2024 bis 2026" in page
    assert 'badge--measure-in_progress">In progress</span>' in page
    assert 'badge--measure-done">Done</span>' in page
    # Linked proposal with its status; the hidden one is left out
    idea = published["idea"]
    assert f"/consultations/{idea.consultation_id}/proposals/{idea.id}" in page
    assert "Sprachcafé am Bahnhof" in page
    assert 'badge--accepted">Accepted</span>' in page
    assert "Versteckter Vorschlag" not in page
    # Linked project
    assert f"/projects/{published['project'].id}" in page
    assert "Sprachpaten Nordstadt" in page
    # The earlier version stays out of the document
    assert "Alte Maßnahme" not in page


def test_current_page_links_versions_comparison_print_and_exports(client, kassel, published):
    english(client)
    page = client.get("/regions/kassel/concept").get_data(as_text=True)
    assert 'href="/regions/kassel/concept/compare?from=1&amp;to=2"' in page
    assert 'href="/regions/kassel/concept/versions/1"' in page
    assert 'href="/regions/kassel/concept.csv"' in page
    assert 'href="/regions/kassel/concept.html"' in page
    assert 'href="/regions/kassel/concept.html?view=print"' in page
    assert "Datenlizenz Deutschland – Namensnennung 2.0" in page
    # Readers get no editing controls
    assert "/concept/draft" not in page
    assert "Start a" not in page


def test_empty_state_without_published_version(client, login_as, kassel):
    english(client)
    page = client.get("/regions/kassel/concept").get_data(as_text=True)
    assert "This region has not published an action concept yet." in page
    assert "Start a draft" not in page

    login_as("coordinator", region=kassel, locale="en")
    page = client.get("/regions/kassel/concept").get_data(as_text=True)
    assert 'action="/regions/kassel/concept/draft/start"' in page
    assert "Start a draft" in page


def test_unknown_region_is_404(client):
    assert client.get("/regions/nowhere/concept").status_code == 404


def test_earlier_version_is_readable_with_a_comparison_link(client, kassel, published):
    english(client)
    response = client.get("/regions/kassel/concept/versions/1")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This is an earlier version. The current version is version 2." in page
    assert "Sprachcafés in zwei Stadtteilen" in page
    assert "Alte Maßnahme" in page
    assert 'href="/regions/kassel/concept/compare?from=1&amp;to=2"' in page
    assert client.get("/regions/kassel/concept/versions/9").status_code == 404


def test_draft_version_is_visible_only_to_editors(client, login_as, kassel, published):
    build.version(kassel, 3, state="draft")
    db.session.commit()
    assert client.get("/regions/kassel/concept/versions/3").status_code == 404
    login_as("participant")
    assert client.get("/regions/kassel/concept/versions/3").status_code == 404
    login_as("coordinator", region=make_region())
    assert client.get("/regions/kassel/concept/versions/3").status_code == 404
    login_as("coordinator", region=kassel)
    assert client.get("/regions/kassel/concept/versions/3").status_code == 200


def test_region_page_links_the_concept(client, kassel):
    page = client.get("/regions/kassel").get_data(as_text=True)
    assert 'href="/regions/kassel/concept"' in page


# --- comparison -------------------------------------------------------------------------------


def test_compare_defaults_to_previous_and_current(client, kassel, published):
    english(client)
    response = client.get("/regions/kassel/concept/compare")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Version 1 compared with version 2" in page
    # Word differences, marked
    assert "<del>zwei</del><ins>allen</ins>" in page
    assert "2024<ins> bis 2026</ins>" in page
    # Status as before → after
    assert "Planned → In progress" in page
    # Added goal and measure, removed measure
    assert re.search(r'badge--accepted">Added</span>\s*<span class="concept-kind">Goal', page)
    assert "Schneller in Arbeit" in page
    assert re.search(r'badge--rejected">Removed</span>', page)
    assert "<del>Alte Maßnahme</del>" in page
    # Link changes named
    assert "Proposals linked" in page
    assert "Project approaches linked" in page


def test_compare_explicit_versions_and_edge_cases(client, kassel, published):
    english(client)
    page = client.get("/regions/kassel/concept/compare?from=2&to=1").get_data(as_text=True)
    assert "Version 2 compared with version 1" in page
    assert "<del>allen</del><ins>zwei</ins>" in page
    page = client.get("/regions/kassel/concept/compare?from=2&to=2").get_data(as_text=True)
    assert "Please choose two different versions." in page
    assert client.get("/regions/kassel/concept/compare?from=7").status_code == 404


def test_compare_without_earlier_version(client, kassel, fields):
    english(client)
    build.goal(build.version(kassel, 1), fields[0])
    db.session.commit()
    page = client.get("/regions/kassel/concept/compare").get_data(as_text=True)
    assert "There is no earlier version to compare with." in page
    assert client.get("/regions/nowhere/concept/compare").status_code == 404


# --- exports ----------------------------------------------------------------------------------


def read_csv(response) -> tuple[str, list[dict]]:
    text = response.get_data(as_text=True)
    licence, rest = text.split("\n", 1)
    return licence, list(csv.DictReader(io.StringIO(rest)))


def test_csv_export_parses_back_to_the_version(client, kassel, published):
    response = client.get("/regions/kassel/concept.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "handlungskonzept-kassel-v2.csv" in response.headers["Content-Disposition"]
    licence, rows = read_csv(response)
    assert "Datenlizenz Deutschland – Namensnennung 2.0" in licence
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    second = published["second"]
    items = {item.key: item for item in second.items}
    assert [row["item_key"] for row in rows] == ["g-language", "m-cafes", "g-work", "m-fair"]
    for row in rows:
        item = items[row["item_key"]]
        goal = item if item.is_goal else item.goal
        assert row["region"] == "kassel"
        assert row["version"] == "2"
        assert row["valid_from"] == "2025-03-01"
        assert row["field_of_action"] == item.field_of_action.slug
        assert row["goal_key"] == goal.key
        assert row["goal"] == goal.title
        assert row["kind"] == item.kind
        assert row["title"] == item.title
        assert row["description"] == item.description
        assert row["responsible"] == item.responsible
        assert row["timeframe"] == item.timeframe
        assert row["status"] == (item.status or "")
    cafes = next(row for row in rows if row["item_key"] == "m-cafes")
    # Only proposals a reader may open; the hidden one is not exported
    assert cafes["proposal_ids"] == str(published["idea"].id)
    assert cafes["project_ids"] == str(published["project"].id)


def test_csv_export_of_an_earlier_version(client, kassel, published):
    _licence, rows = read_csv(client.get("/regions/kassel/concept.csv?version=1"))
    assert {row["version"] for row in rows} == {"1"}
    assert "Alte Maßnahme" in [row["title"] for row in rows]


def test_csv_cells_that_look_like_formulas_are_neutralised(client, kassel, fields):
    first = build.version(kassel, 1)
    goal = build.goal(first, fields[0], '=HYPERLINK("http://evil")')
    build.measure(goal, "+1 Kurs", description="-2", responsible="@chef", timeframe="=1+1")
    db.session.commit()
    _licence, rows = read_csv(client.get("/regions/kassel/concept.csv"))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["goal"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["title"] == "'+1 Kurs"
    assert rows[1]["description"] == "'-2"
    assert rows[1]["responsible"] == "'@chef"
    assert rows[1]["timeframe"] == "'=1+1"


def test_html_export_is_a_standalone_document_with_the_licence(client, kassel, published):
    response = client.get("/regions/kassel/concept.html")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "handlungskonzept-kassel-v2.html" in response.headers["Content-Disposition"]
    page = response.get_data(as_text=True)
    licence = page.index("Datenlizenz Deutschland – Namensnennung 2.0")
    assert licence < page.index("<h1>")
    assert "<style>" in page and 'rel="stylesheet"' not in page
    assert "Sprachcafés in allen Stadtteilen" in page
    assert f"http://localhost/consultations/{published['idea'].consultation_id}/proposals/" in page
    # Its own policy: the one style block by hash, no script at all
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "style-src 'sha256-" in policy
    assert "script" not in policy


def test_print_view_is_shown_not_downloaded(client, kassel, published):
    response = client.get("/regions/kassel/concept.html?view=print")
    assert response.status_code == 200
    assert "Content-Disposition" not in response.headers


def test_exports_need_a_published_version(client, kassel, published):
    build.version(kassel, 3, state="draft")
    db.session.commit()
    assert client.get("/regions/kassel/concept.csv?version=3").status_code == 404
    assert client.get("/regions/nowhere/concept.csv").status_code == 404
    empty = make_region("leer")
    db.session.commit()
    assert client.get(f"/regions/{empty.slug}/concept.html").status_code == 404


# --- print --------------------------------------------------------------------------------------


def test_print_stylesheet_for_the_concept(client, kassel, published):
    page = client.get("/regions/kassel/concept").get_data(as_text=True)
    assert 'href="/static/css/mitreden.css"' in page
    assert 'class="concept-page"' in page
    css = CSS.read_text(encoding="utf-8")
    section = css[css.index("Action concept: versions, goals and measures") :]
    print_block = section[section.index("@media print") :]
    assert ".concept-field + .concept-field {\n    break-before: page;" in print_block
    assert "body:has(.concept-page) .site-header" in print_block
    assert "body:has(.concept-page) .site-footer" in print_block
    assert '.concept-links a[href]::after {\n    content: " (" attr(href) ")";' in print_block
    # Logical properties only
    assert not re.search(r"(margin|padding|border)-(left|right)", section)


def test_concept_page_runs_a_fixed_number_of_queries(client, kassel, fields, count_queries):
    author = make_user()
    consult = consultation(kassel, phase="results")

    def fill(version_, measures: int):
        for index in range(measures):
            goal = build.goal(version_, fields[index % 2], f"Ziel {index}")
            build.measure(
                goal,
                f"Maßnahme {index}",
                proposals=[proposal(consult, author)],
                projects=[build.project(kassel, title=f"Projekt {index}")],
            )
        db.session.commit()

    fill(build.version(kassel, 1), 2)
    with count_queries() as small:
        client.get("/regions/kassel/concept")
    fill(build.version(kassel, 2), 12)
    with count_queries() as large:
        page = client.get("/regions/kassel/concept").get_data(as_text=True)
    assert page.count('class="concept-measure"') == 12
    assert len(large) == len(small)
