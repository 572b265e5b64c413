"""Open-data exports: every dataset as CSV and JSON parses back to what the database holds;
stable column names; only public data (no hidden or unpublished proposals, no drafts)."""

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest

from app.concepts.models import ConceptItem, ConceptVersion
from app.core.models import ModerationState
from app.extensions import db
from app.funding.models import FundingProgramme, ProgrammeDeadline
from app.opendata import datasets
from app.projects.models import ProjectApproach, ProjectFunding, ProjectPartner
from tests.factories import make_field_of_action, make_region, make_user
from tests.opendata.columns import PUBLIC_COLUMNS
from tests.organisation_builders import organisation
from tests.participation_builders import consultation, proposal

NOW = datetime(2025, 2, 1, 12, 0, tzinfo=UTC)
STAMP = "2025-02-01T12:00:00Z"

PROGRAMME_COLUMNS = [
    "id",
    "name",
    "funder_level",
    "funder",
    "status",
    "field_of_action_slugs",
    "all_regions",
    "region_slugs",
    "target_groups",
    "amount_min_eur",
    "amount_max_eur",
    "co_funding_percent",
    "deadlines",
    "next_deadline",
    "url",
    "contact",
    "description",
    "description_language",
    "updated_at",
]
PROJECT_COLUMNS = [
    "id",
    "region_slug",
    "title",
    "description",
    "language",
    "field_of_action_slug",
    "field_of_action_name_de",
    "lead",
    "partners",
    "status",
    "starts_on",
    "ends_on",
    "budget_eur",
    "programmes_applied_ids",
    "programmes_granted_ids",
    "programmes_declined_ids",
    "granted_amount_eur",
    "proposal_ids",
    "results_summary",
    "updated_at",
]
MEASURE_COLUMNS = [
    "region_slug",
    "version_number",
    "valid_from",
    "field_of_action_slug",
    "field_of_action_name_de",
    "goal_key",
    "goal_title",
    "measure_key",
    "measure_title",
    "measure_description",
    "responsible",
    "timeframe",
    "status",
    "proposal_ids",
    "project_ids",
]
COLUMNS = {
    "programmes": PROGRAMME_COLUMNS,
    "project_approaches": PROJECT_COLUMNS,
    "measures": MEASURE_COLUMNS,
    # The monitoring's figures per region and month (tests/opendata/test_indicator_dataset.py).
    "participation-by-region-month": [
        "region_slug",
        "month",
        "proposals",
        "comments",
        "statements",
        "votes",
        "on_site",
        "on_behalf",
        "active_persons",
        "active_persons_suppressed",
    ],
}
# Every dataset in the page's order: the public entities (tests/opendata/test_entities.py)
# first, then the four above.
ALL_COLUMNS = {**PUBLIC_COLUMNS, **COLUMNS}
LICENCE_LINK = '<https://www.govdata.de/dl-de/by-2-0>; rel="license"'


def measure(version, goal, key, title, **columns) -> ConceptItem:
    item = ConceptItem(
        version=version,
        key=key,
        kind="measure",
        field_of_action_id=goal.field_of_action_id,
        goal=goal,
        title=title,
        status=columns.pop("status", "planned"),
        **columns,
    )
    db.session.add(item)
    return item


@pytest.fixture
def world(time_machine):
    """Two regions with programmes, projects and concept versions; proposals in every state."""
    time_machine.move_to(NOW, tick=False)
    region = make_region("werra-meissner", de="Werra-Meißner-Kreis")
    other = make_region("fulda", de="Landkreis Fulda")
    field = make_field_of_action("arbeit", de="Arbeit und Ausbildung", en="Work and training")
    author = make_user(display_name="Amira Privat", email="amira@example.org")
    verein = organisation(region, name="Kulturverein Brücke e. V.", admins=[author])
    vhs = organisation(region, name="Volkshochschule Eschwege")

    open_consultation = consultation(region=region, phase="discussion")
    published = proposal(open_consultation, author, title="Sprachcafé im Dorf")
    published_too = proposal(open_consultation, author, title="Bewerbungstraining")
    hidden = proposal(open_consultation, author, moderation_state=ModerationState.HIDDEN)
    pending = proposal(open_consultation, author, moderation_state=ModerationState.PENDING)
    rejected = proposal(open_consultation, author, moderation_state=ModerationState.REJECTED)
    draft_consultation = consultation(region=region, state="draft")
    in_draft = proposal(draft_consultation, author)
    not_public = [hidden, pending, rejected, in_draft]

    wir = FundingProgramme(
        name="WIR – Vielfalt und Teilhabe",
        funder_level="state",
        funder="Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
        all_regions=False,
        target_groups="Kommunen, Vereine",
        amount_min=5000,
        amount_max=50000,
        co_funding_percent=10,
        status="open",
        url="https://example.org/wir",
        contact="wir@example.org",
        description={
            "de": 'Förderung von Vielfalt; auch "Zitate", Kommas, Zeilen\nund Umlaute: äöü.',
            "en": "Diversity.",
        },
    )
    wir.regions = [region]
    wir.fields_of_action = [field]
    wir.deadlines = [
        ProgrammeDeadline(due_on=date(2024, 3, 31), recurrence="yearly", label="Jährlich"),
        ProgrammeDeadline(due_on=date(2025, 6, 1), recurrence="none"),
        ProgrammeDeadline(due_on=date(2024, 1, 15), recurrence="quarterly"),
    ]
    eu = FundingProgramme(
        name='=HYPERLINK("http://example.com","klick")',
        funder_level="eu",
        funder="@Europäische Union",
        all_regions=True,
        status="announced",
        description={"en": "English only"},
    )
    wir.refresh_search_key()
    eu.refresh_search_key()
    db.session.add_all([wir, eu])
    db.session.flush()

    cafe = ProjectApproach(
        region=region,
        title="Sprachcafé im Dorf",
        description="Treffen **jeden Dienstag**; mit Kinderbetreuung.",
        field_of_action=field,
        lead_organisation=verein,
        budget=12000,
        starts_on=date(2025, 1, 1),
        status="running",
    )
    cafe.partners = [ProjectPartner(organisation=vhs), ProjectPartner(name="Kirchengemeinde")]
    cafe.fundings = [
        ProjectFunding(programme=wir, state="granted", amount=8000),
        ProjectFunding(programme=eu, state="applied"),
    ]
    cafe.proposals = [published, *not_public]
    idea = ProjectApproach(
        region=other,
        title="-Mentoring",
        lead_name="+Initiative Mentoring",
        status="idea",
        language="en",
    )
    for project in (cafe, idea):
        project.refresh_search_key()
    db.session.add_all([cafe, idea])
    db.session.flush()

    # Region: version 1 (old), version 2 (current), version 3 (draft). Other region: a draft.
    old = ConceptVersion(
        region=region, number=1, state="published", valid_from=date(2024, 1, 1), published_at=NOW
    )
    current = ConceptVersion(
        region=region, number=2, state="published", valid_from=date(2025, 1, 15), published_at=NOW
    )
    draft = ConceptVersion(region=region, number=3, state="draft")
    other_draft = ConceptVersion(region=other, number=1, state="draft")
    db.session.add_all([old, current, draft, other_draft])
    db.session.flush()
    goals = {}
    for version in (old, current, draft, other_draft):
        goals[version] = ConceptItem(
            version=version,
            key="goal-work",
            kind="goal",
            field_of_action=field,
            title="Mehr Menschen in Arbeit" if version is current else f"Ziel {version.number}",
        )
        db.session.add(goals[version])
    db.session.flush()
    measure(old, goals[old], "m-cafe", "Alter Titel")
    measure(
        current,
        goals[current],
        "m-cafe",
        "Sprachcafés in den Dörfern",
        position=2,
        description="In jedem Ortsteil; Träger: Vereine.",
        responsible="Kreisverwaltung, Fachdienst Integration",
        timeframe="2025–2026",
        status="in_progress",
        proposals=[published, published_too, *not_public],
        projects=[cafe],
    )
    measure(
        current,
        goals[current],
        "m-formula",
        "Beratung",
        position=1,
        description="=1+1",
        responsible="@Jobcenter",
        timeframe="-",
    )
    measure(draft, goals[draft], "m-draft", "Entwurfsmaßnahme")
    measure(other_draft, goals[other_draft], "m-other-draft", "Nur im Entwurf")
    db.session.commit()
    return {
        "region": region,
        "wir": wir,
        "eu": eu,
        "cafe": cafe,
        "idea": idea,
        "published": published,
        "published_too": published_too,
        "not_public": [p.id for p in not_public],
        "author": author,
    }


def get_csv(client, name):
    response = client.get(f"/open-data/{name}.csv")
    assert response.status_code == 200
    body = response.get_data()
    assert not body.startswith(b"\xef\xbb\xbf"), "no byte order mark"
    text = body.decode("utf-8")
    header = next(csv.reader(io.StringIO(text)))
    return header, list(csv.DictReader(io.StringIO(text)))


def get_json(client, name):
    response = client.get(f"/open-data/{name}.json")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def test_column_names_are_stable(client):
    for name, expected in ALL_COLUMNS.items():
        assert datasets.get(name).column_names == expected
        header, rows = get_csv(client, name)
        assert header == expected
        assert rows == []
        document = get_json(client, name)
        assert document["columns"] == expected
        assert document["rows"] == []
    assert [dataset.name for dataset in datasets.all_datasets()] == list(ALL_COLUMNS)


def test_every_row_has_exactly_the_documented_columns(world):
    for dataset in map(datasets.get, COLUMNS):
        rows = list(dataset.rows())
        assert rows, dataset.name
        for row in rows:
            assert list(row) == dataset.column_names


def test_programmes_parse_back(client, world):
    wir, eu, field_slug = world["wir"], world["eu"], "arbeit"
    expected = [
        {
            "id": wir.id,
            "name": "WIR – Vielfalt und Teilhabe",
            "funder_level": "state",
            "funder": "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
            "status": "open",
            "field_of_action_slugs": [field_slug],
            "all_regions": False,
            "region_slugs": ["werra-meissner"],
            "target_groups": "Kommunen, Vereine",
            "amount_min_eur": 5000,
            "amount_max_eur": 50000,
            "co_funding_percent": 10,
            "deadlines": ["R/2024-01-15/P3M", "R/2024-03-31/P1Y", "2025-06-01"],
            "next_deadline": "2025-03-31",  # the yearly series; the quarterly one is 15 April
            "url": "https://example.org/wir",
            "contact": "wir@example.org",
            "description": wir.description["de"],
            "description_language": "de",
            "updated_at": STAMP,
        },
        {
            "id": eu.id,
            "name": '=HYPERLINK("http://example.com","klick")',
            "funder_level": "eu",
            "funder": "@Europäische Union",
            "status": "announced",
            "field_of_action_slugs": [],
            "all_regions": True,
            "region_slugs": [],
            "target_groups": "",
            "amount_min_eur": None,
            "amount_max_eur": None,
            "co_funding_percent": None,
            "deadlines": [],
            "next_deadline": None,
            "url": "",
            "contact": "",
            "description": "English only",
            "description_language": "en",
            "updated_at": STAMP,
        },
    ]
    assert get_json(client, "programmes")["rows"] == expected

    _header, rows = get_csv(client, "programmes")
    assert rows == [
        {
            **as_csv(expected[0]),
            "field_of_action_slugs": "arbeit",
            "all_regions": "false",
            "deadlines": "R/2024-01-15/P3M;R/2024-03-31/P1Y;2025-06-01",
        },
        {
            **as_csv(expected[1]),
            "name": "'" + expected[1]["name"],
            "funder": "'@Europäische Union",
            "all_regions": "true",
        },
    ]
    assert (
        rows[0]["description"]
        == 'Förderung von Vielfalt; auch "Zitate", Kommas, Zeilen\nund Umlaute: äöü.'
    )


def as_csv(row: dict) -> dict:
    """A JSON row as CSV cells: None empty, numbers as digits, lists joined with ";"."""
    cells = {}
    for key, value in row.items():
        if value is None:
            cells[key] = ""
        elif isinstance(value, list):
            cells[key] = ";".join(str(element) for element in value)
        else:
            cells[key] = str(value)
    return cells


def test_project_approaches_parse_back(client, world):
    cafe, idea, wir, eu = world["cafe"], world["idea"], world["wir"], world["eu"]
    expected = [
        {
            "id": cafe.id,
            "region_slug": "werra-meissner",
            "title": "Sprachcafé im Dorf",
            "description": "Treffen **jeden Dienstag**; mit Kinderbetreuung.",
            "language": "de",
            "field_of_action_slug": "arbeit",
            "field_of_action_name_de": "Arbeit und Ausbildung",
            "lead": "Kulturverein Brücke e. V.",
            "partners": ["Volkshochschule Eschwege", "Kirchengemeinde"],
            "status": "running",
            "starts_on": "2025-01-01",
            "ends_on": None,
            "budget_eur": 12000,
            "programmes_applied_ids": [eu.id],
            "programmes_granted_ids": [wir.id],
            "programmes_declined_ids": [],
            "granted_amount_eur": 8000,
            "proposal_ids": [world["published"].id],
            "results_summary": "",
            "updated_at": STAMP,
        },
        {
            "id": idea.id,
            "region_slug": "fulda",
            "title": "-Mentoring",
            "description": "",
            "language": "en",
            "field_of_action_slug": None,
            "field_of_action_name_de": None,
            "lead": "+Initiative Mentoring",
            "partners": [],
            "status": "idea",
            "starts_on": None,
            "ends_on": None,
            "budget_eur": None,
            "programmes_applied_ids": [],
            "programmes_granted_ids": [],
            "programmes_declined_ids": [],
            "granted_amount_eur": 0,
            "proposal_ids": [],
            "results_summary": "",
            "updated_at": STAMP,
        },
    ]
    assert get_json(client, "project_approaches")["rows"] == expected

    _header, rows = get_csv(client, "project_approaches")
    assert rows == [
        as_csv(expected[0]),
        {**as_csv(expected[1]), "title": "'-Mentoring", "lead": "'+Initiative Mentoring"},
    ]


def test_measures_are_those_of_the_current_published_version(client, world):
    cafe, published, published_too = world["cafe"], world["published"], world["published_too"]
    common = {
        "region_slug": "werra-meissner",
        "version_number": 2,
        "valid_from": "2025-01-15",
        "field_of_action_slug": "arbeit",
        "field_of_action_name_de": "Arbeit und Ausbildung",
        "goal_key": "goal-work",
        "goal_title": "Mehr Menschen in Arbeit",
    }
    expected = [
        {
            **common,
            "measure_key": "m-formula",
            "measure_title": "Beratung",
            "measure_description": "=1+1",
            "responsible": "@Jobcenter",
            "timeframe": "-",
            "status": "planned",
            "proposal_ids": [],
            "project_ids": [],
        },
        {
            **common,
            "measure_key": "m-cafe",
            "measure_title": "Sprachcafés in den Dörfern",
            "measure_description": "In jedem Ortsteil; Träger: Vereine.",
            "responsible": "Kreisverwaltung, Fachdienst Integration",
            "timeframe": "2025–2026",
            "status": "in_progress",
            "proposal_ids": sorted([published.id, published_too.id]),
            "project_ids": [cafe.id],
        },
    ]
    assert get_json(client, "measures")["rows"] == expected

    _header, rows = get_csv(client, "measures")
    assert rows == [
        {
            **as_csv(expected[0]),
            "measure_description": "'=1+1",
            "responsible": "'@Jobcenter",
            "timeframe": "'-",
        },
        as_csv(expected[1]),
    ]


def test_drafts_and_older_versions_never_appear(client, world):
    for fmt in ("csv", "json"):
        text = client.get(f"/open-data/measures.{fmt}").get_data(as_text=True)
        for word in ("m-draft", "Entwurfsmaßnahme", "m-other-draft", "Nur im Entwurf"):
            assert word not in text
        assert "Alter Titel" not in text
        assert "fulda" not in text


def test_proposals_that_are_not_public_never_appear(client, world):
    hidden_ids = set(world["not_public"])
    projects = get_json(client, "project_approaches")["rows"]
    measures = get_json(client, "measures")["rows"]
    listed = {i for row in projects + measures for i in row["proposal_ids"]}
    assert listed == {world["published"].id, world["published_too"].id}
    assert not listed & hidden_ids
    cells = set()
    for name in ("project_approaches", "measures"):
        _header, rows = get_csv(client, name)
        cells |= {i for row in rows for i in row["proposal_ids"].split(";") if i}
    assert cells == {str(i) for i in listed}


def test_no_personal_data_of_participants(client, world):
    for name in COLUMNS:
        for fmt in ("csv", "json"):
            text = client.get(f"/open-data/{name}.{fmt}").get_data(as_text=True)
            assert "Amira Privat" not in text
            assert "amira@example.org" not in text


def test_a_proposal_hidden_later_disappears_from_the_links(client, world):
    published = db.session.get(type(world["published"]), world["published"].id)
    published.moderation_state = ModerationState.HIDDEN
    db.session.commit()
    projects = get_json(client, "project_approaches")["rows"]
    assert projects[0]["proposal_ids"] == []
    measures = get_json(client, "measures")["rows"]
    assert measures[1]["proposal_ids"] == [world["published_too"].id]


def test_formula_cells_are_neutralised_in_csv_only(client, world):
    raw = client.get("/open-data/programmes.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in raw
    assert "\n=HYPERLINK" not in raw and ",=HYPERLINK" not in raw
    document = get_json(client, "programmes")
    assert document["rows"][1]["name"].startswith("=HYPERLINK")


def test_headers_and_dated_file_names(client, world):
    response = client.get("/open-data/programmes.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="mitreden-programmes-2025-02-01.csv"'
    )
    assert response.headers["Link"].startswith(LICENCE_LINK)
    assert response.get_data(as_text=True).startswith("id,name,")
    response = client.get("/open-data/measures.json")
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="mitreden-measures-2025-02-01.json"'
    )
    assert response.headers["Link"].startswith(LICENCE_LINK)
    assert json.loads(response.get_data(as_text=True))["dataset"] == "measures"


def test_json_names_dataset_licence_and_time(client, world):
    for name in ALL_COLUMNS:
        document = get_json(client, name)
        assert list(document) == [
            "dataset",
            "licence",
            "attribution",
            "generated_at",
            "columns",
            "rows",
        ]
        assert document["dataset"] == name
        assert document["licence"] == {
            "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
            "url": "https://www.govdata.de/dl-de/by-2-0",
        }
        assert document["generated_at"] == STAMP
        assert document["attribution"] == (
            "Quelle: Mitreden – Beteiligungsplattform des hessischen Landesprogramms "
            f"„Modellregionen Integration“, Datensatz „{name}“, Datenlizenz Deutschland – "
            "Namensnennung – Version 2.0 (https://www.govdata.de/dl-de/by-2-0)"
        )


def test_the_page_lists_datasets_columns_licence_and_downloads(client, world):
    response = client.get("/open-data/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    assert 'href="https://www.govdata.de/dl-de/by-2-0"' in page
    for name, columns in ALL_COLUMNS.items():
        assert f'href="/open-data/{name}.csv"' in page
        assert f'href="/open-data/{name}.json"' in page
        for column in columns:
            assert f'<code dir="ltr">{column.replace("_", "_<wbr>")}</code>' in page
    # Last changed, once per dataset (German); this world has no official answers, comments
    # or statements.
    assert page.count("01.02.2025") == len(ALL_COLUMNS) - 3
    assert 'href="/open-data/api"' in page  # the read API's page
    assert "Datensatz „proposals“" in page  # the attribution to use
    assert 'href="/open-data/"' in client.get("/").get_data(as_text=True)  # footer link


def test_the_page_says_when_there_is_nothing_yet(client):
    page = client.get("/open-data/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.count("No entries yet") == len(ALL_COLUMNS)


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/unknown.csv",
        "/open-data/programmes.xml",
        "/open-data/programmes",
        "/open-data/programmes.CSV",
        "/open-data/.json",
    ],
)
def test_unknown_dataset_or_format_is_404(client, path):
    assert client.get(path).status_code == 404


def test_downloads_run_a_fixed_number_of_queries(client, world, count_queries):
    def counts():
        numbers = {}
        for name in COLUMNS:
            with count_queries() as counter:
                client.get(f"/open-data/{name}.json")
            numbers[name] = len(counter)
        return numbers

    before = counts()
    for number in range(5):
        project = ProjectApproach(region=world["region"], title=f"Projekt {number}", status="idea")
        project.partners = [ProjectPartner(name="Partner")]
        project.proposals = [world["published"]]
        db.session.add(project)
        programme = FundingProgramme(
            name=f"Programm {number}", funder_level="other", funder="Stiftung", all_regions=True
        )
        programme.deadlines = [ProgrammeDeadline(due_on=date(2025, 5, 1))]
        db.session.add(programme)
    db.session.commit()
    assert counts() == before


def test_registry_refuses_duplicates_and_unknown_types():
    with pytest.raises(ValueError):
        datasets.register(datasets.get("programmes"))
    with pytest.raises(ValueError):
        datasets.register(
            datasets.Dataset(
                name="broken",
                title="Broken",
                description="",
                columns=(datasets.Column("when", "timestamp", "When"),),
                rows=lambda: [],
                last_changed=lambda: None,
            )
        )
    assert datasets.get("broken") is None
