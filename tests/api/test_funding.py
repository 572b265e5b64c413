"""/api/v1/funding-programmes: the catalogue as its page shows it, in the page's order (next
deadline first), with the page's filters; the projects that applied; 404s; no addresses of
accounts; a fixed number of statements however many programmes there are.

"Today" is 15 July 2026 in Hesse.
"""

from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.funding.models import FunderLevel, ProgrammeDeadline, ProgrammeStatus, Recurrence
from app.projects.models import FundingState
from tests.factories import make_field_of_action, make_region, make_user
from tests.projects.builders import programme, project

API = "/api/v1/funding-programmes"
NOW = datetime(2026, 7, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def world(app, time_machine):
    time_machine.move_to(NOW, tick=False)
    alpha, beta = make_region("alpha"), make_region("beta")
    language, work = make_field_of_action("language"), make_field_of_action("work")
    keeper = make_user(email="keeper@example.org", display_name="Kim Keeper")
    soon = programme("Sprachförderung Hessen", fields=[language], level=FunderLevel.STATE)
    soon.deadlines = [
        ProgrammeDeadline(due_on=date(2026, 8, 5), label="Erste Runde"),
        ProgrammeDeadline(due_on=date(2025, 9, 30), recurrence=Recurrence.YEARLY),
    ]
    soon.created_by_id = keeper.id
    soon.amount_min, soon.amount_max, soon.co_funding_percent = 5000, 50000, 10
    soon.url = "https://foerderung.example.org/sprache"
    soon.contact = "Programmbüro, programm@foerderung.example.org"
    only_beta = programme(
        "Arbeit vor Ort",
        all_regions=False,
        regions=[beta],
        fields=[work],
        funder="Bundesamt",
        level=FunderLevel.FEDERAL,
        status=ProgrammeStatus.ANNOUNCED,
    )
    only_beta.description = {"de": "Für Betriebe.", "en": "For businesses.", "fr": " "}
    closed = programme("Alte Runde", fields=[language], status=ProgrammeStatus.CLOSED)
    closed.deadlines = [ProgrammeDeadline(due_on=date(2026, 7, 20))]
    later = programme("Zukunftsstiftung", level=FunderLevel.FOUNDATION)
    later.deadlines = [ProgrammeDeadline(due_on=date(2026, 12, 1))]
    cafe = project(alpha, "Sprachcafé", fundings=[(soon, FundingState.GRANTED, 12000)])
    workshop = project(beta, "Werkstatt", fundings=[(soon, FundingState.APPLIED, None)])
    db.session.commit()
    return {
        "soon": soon.id,
        "only_beta": only_beta.id,
        "closed": closed.id,
        "later": later.id,
        "cafe": cafe.id,
        "workshop": workshop.id,
    }


def names(client, arguments: str = "") -> list[str]:
    response = client.get(f"{API}{arguments}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["name"] for item in response.get_json()["data"]]


def test_the_catalogue_in_the_page_order_next_deadline_first(client, world):
    assert names(client) == [
        "Alte Runde",  # 20 July
        "Sprachförderung Hessen",  # 5 August
        "Zukunftsstiftung",  # 1 December
        "Arbeit vor Ort",  # no deadline
    ]


def test_one_programme_with_deadlines_amounts_regions_and_projects(client, world):
    response = client.get(f"{API}/{world['soon']}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["name"] == "Sprachförderung Hessen"
    assert body["funder_level"] == "state"
    assert body["status"] == "open"
    assert body["fields_of_action"] == ["language"]
    assert (body["all_regions"], body["regions"]) == (True, [])
    assert (body["amount_min"], body["amount_max"], body["co_funding_percent"]) == (
        5000,
        50000,
        10,
    )
    assert body["next_deadline"] == "2026-08-05"
    # By date: the yearly series first (first on 30 September 2025, next on 30 September 2026).
    assert body["deadlines"] == [
        {"due_on": "2025-09-30", "recurrence": "yearly", "label": "", "next_on": "2026-09-30"},
        {
            "due_on": "2026-08-05",
            "recurrence": "none",
            "label": "Erste Runde",
            "next_on": "2026-08-05",
        },
    ]
    assert body["website"] == "https://foerderung.example.org/sprache"
    # The contact address stays on the page (the API gives no e-mail address of anyone).
    assert "contact" not in body
    assert "programm@foerderung.example.org" not in response.get_data(as_text=True)
    assert [(p["project_id"], p["state"], p["amount"]) for p in body["projects"]] == [
        (world["cafe"], "granted", 12000),
        (world["workshop"], "applied", None),
    ]
    assert body["projects"][0]["project"].endswith(f"/api/v1/project-approaches/{world['cafe']}")
    assert body["url"].endswith(f"/funding/{world['soon']}")
    # Who entered the programme is nobody's business.
    assert "keeper@example.org" not in response.get_data(as_text=True)
    assert "Kim Keeper" not in response.get_data(as_text=True)


def test_eligible_regions_and_description_languages(client, world):
    body = client.get(f"{API}/{world['only_beta']}").get_json()
    assert (body["all_regions"], body["regions"]) == (False, ["beta"])
    assert body["description"] == {"de": "Für Betriebe.", "en": "For businesses."}
    assert body["next_deadline"] is None
    assert body["deadlines"] == []
    assert body["projects"] == []


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("?level=federal", ["Arbeit vor Ort"]),
        ("?field=work", ["Arbeit vor Ort"]),
        ("?field=language", ["Alte Runde", "Sprachförderung Hessen"]),
        # Open to every region, or naming it.
        ("?region=alpha", ["Alte Runde", "Sprachförderung Hessen", "Zukunftsstiftung"]),
        (
            "?region=beta",
            ["Alte Runde", "Sprachförderung Hessen", "Zukunftsstiftung", "Arbeit vor Ort"],
        ),
        ("?open=true", ["Sprachförderung Hessen", "Zukunftsstiftung"]),
        # Within four weeks: 5 August yes, 20 July no (closed), 1 December no.
        ("?within_weeks=4", ["Sprachförderung Hessen"]),
        ("?within_weeks=26", ["Sprachförderung Hessen", "Zukunftsstiftung"]),
        ("?q=STIFTUNG", ["Zukunftsstiftung"]),
        ("?q=bundesamt", ["Arbeit vor Ort"]),
        ("?q=nothing+like+it", []),
        ("?region=nowhere", []),
        ("?field=nothing", []),
        ("?level=state&field=language&open=1", ["Sprachförderung Hessen"]),
    ],
)
def test_the_page_filters(client, world, arguments, expected):
    assert names(client, arguments) == expected


def test_the_filters_agree_with_the_page(client, world):
    page = client.get("/funding/?field=language&open=1").get_data(as_text=True)
    assert "Sprachförderung Hessen" in page
    assert "Alte Runde" not in page
    assert names(client, "?field=language&open=true") == ["Sprachförderung Hessen"]


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ("?level=galactic", "level"),
        ("?within_weeks=0", "within_weeks"),
        ("?within_weeks=many", "within_weeks"),
        ("?open=perhaps", "open"),
        ("?q=" + "x" * 101, "q"),
    ],
)
def test_bad_parameters_are_problems(client, world, arguments, parameter):
    response = client.get(f"{API}{arguments}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["parameter"] for error in response.get_json()["errors"]] == [parameter]


@pytest.mark.parametrize("programme_id", ["999999", str(2**31), str(2**63)])
def test_unknown_programmes_are_not_found(client, world, programme_id):
    response = client.get(f"{API}/{programme_id}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_the_list_runs_the_same_statements_for_few_and_many(client, world, count_queries):
    client.get(API)  # warm up (first-request work)
    with count_queries() as few:
        assert len(client.get(API).get_json()["data"]) == 4
    for number in range(20):
        extra = programme(f"Programm {number}", fields=[], regions=[])
        extra.deadlines = [ProgrammeDeadline(due_on=date(2026, 9, 1))]
        project(make_region(), f"Projekt {number}", fundings=[(extra, FundingState.APPLIED, 10)])
    db.session.commit()
    with count_queries() as many:
        assert len(client.get(API).get_json()["data"]) == 24
    assert len(many) == len(few)
