"""/api/v1/project-approaches: the register of every region with the page's filters; partners as
the page names them; linked proposals only while anyone may read them; measures only of the
current action concept; the results summary only once a project has ended; cursor pages; 404s;
no addresses of accounts; a fixed number of statements per page."""

from datetime import date

import pytest

from app.concepts.models import VersionState
from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.extensions import db
from app.organisations.models import OrganisationStatus
from app.projects.models import FundingState, ProjectStatus
from tests.concepts import page_builders as concept
from tests.factories import make_field_of_action, make_region, make_user
from tests.organisation_builders import organisation
from tests.participation_builders import consultation, proposal
from tests.projects.builders import programme, project

API = "/api/v1/project-approaches"


@pytest.fixture
def world(app):
    alpha, beta = make_region("alpha"), make_region("beta")
    language, work = make_field_of_action("language"), make_field_of_action("work")
    author = make_user(email="author@example.org", display_name="Ada Author")
    running = consultation(alpha, "discussion")
    draft = consultation(alpha, state=ConsultationState.DRAFT)
    visible = proposal(running, author, title="Sprachcafé bitte")
    not_public = [
        proposal(running, author, moderation_state=state)
        for state in (ModerationState.PENDING, ModerationState.HIDDEN, ModerationState.REJECTED)
    ]
    not_public.append(proposal(draft, author))
    club = organisation(alpha, name="Kulturverein Brücke e. V.")
    suspended = organisation(alpha, name="Ruhender Verein", status=OrganisationStatus.SUSPENDED)
    fund = programme("WIR-Programm")
    cafe = project(
        alpha,
        "Sprachcafé",
        field=language,
        lead=club,
        partners=[suspended, "Stadtbibliothek"],
        fundings=[(fund, FundingState.GRANTED, 8000)],
        proposals=[visible, *not_public],
        starts_on=date(2026, 1, 1),
        budget=20000,
        results_summary="Noch nicht zu Ende.",
    )
    cafe.created_by_id = author.id
    done = project(
        beta,
        "Werkstatt",
        field=work,
        status=ProjectStatus.COMPLETED,
        results_summary="Zwölf Menschen fanden Arbeit.",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
    )
    idea = project(alpha, "Nur eine Idee", field=work, status=ProjectStatus.IDEA)
    # Action concepts of alpha: an older published version, the current one and a draft, each
    # with a measure that names the café.
    older = concept.version(alpha, 1)
    current = concept.version(alpha, 2)
    drafted = concept.version(alpha, 3, state=VersionState.DRAFT)
    measures = {
        name: concept.measure(concept.goal(version_, language), projects=[cafe])
        for name, version_ in (("older", older), ("current", current), ("draft", drafted))
    }
    db.session.commit()
    return {
        "cafe": cafe.id,
        "done": done.id,
        "idea": idea.id,
        "club": club.id,
        "suspended": suspended.id,
        "fund": fund.id,
        "visible": visible.id,
        "not_public": [item.id for item in not_public],
        "measures": {name: item.id for name, item in measures.items()},
    }


def listed(client, arguments: str = "") -> list[int]:
    response = client.get(f"{API}?limit=100{arguments}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["id"] for item in response.get_json()["data"]]


def test_one_project_as_its_page_shows_it(client, world):
    response = client.get(f"{API}/{world['cafe']}")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["title"], body["region"], body["field_of_action"]) == (
        "Sprachcafé",
        "alpha",
        "language",
    )
    assert body["status"] == "running"
    assert body["lead"] == {
        "name": "Kulturverein Brücke e. V.",
        "organisation": {
            "id": world["club"],
            "name": "Kulturverein Brücke e. V.",
            "verified": True,
        },
    }
    assert body["partners"] == [
        {
            "name": "Ruhender Verein",
            "organisation": {
                "id": world["suspended"],
                "name": "Ruhender Verein",
                "verified": False,
            },
        },
        {"name": "Stadtbibliothek", "organisation": None},
    ]
    assert (body["starts_on"], body["ends_on"], body["budget"]) == ("2026-01-01", None, 20000)
    assert body["granted_amount"] == 8000
    assert [(f["programme_id"], f["state"], f["amount"]) for f in body["fundings"]] == [
        (world["fund"], "granted", 8000)
    ]
    assert body["fundings"][0]["programme"].endswith(f"/api/v1/funding-programmes/{world['fund']}")
    assert body["url"].endswith(f"/projects/{world['cafe']}")


def test_only_proposals_anyone_may_read_are_linked(client, world):
    body = client.get(f"{API}/{world['cafe']}").get_json()
    # Pending, hidden, rejected, and one of a draft consultation: linked, yet never shown.
    assert body["proposal_ids"] == [world["visible"]]
    response = client.get(f"{API}?limit=100")
    listed_ids = {i for item in response.get_json()["data"] for i in item["proposal_ids"]}
    assert listed_ids == {world["visible"]}
    text = response.get_data(as_text=True)
    assert "author@example.org" not in text
    assert "Ada Author" not in text


def test_only_measures_of_the_current_concept_are_linked(client, world):
    body = client.get(f"{API}/{world['cafe']}").get_json()
    assert body["measure_ids"] == [world["measures"]["current"]]


def test_the_results_summary_only_once_the_project_has_ended(client, world):
    assert client.get(f"{API}/{world['cafe']}").get_json()["results_summary"] is None
    done = client.get(f"{API}/{world['done']}").get_json()
    assert done["results_summary"] == "Zwölf Menschen fanden Arbeit."
    assert (done["starts_on"], done["ends_on"]) == ("2025-01-01", "2025-12-31")


def test_newest_first_by_default_and_oldest_on_request(client, world):
    expected = [world["cafe"], world["done"], world["idea"]]
    assert listed(client) == sorted(expected, reverse=True)
    assert listed(client, "&sort=oldest") == sorted(expected)


@pytest.mark.parametrize(
    ("arguments", "names"),
    [
        ("&region=alpha", ["cafe", "idea"]),
        ("&region=beta", ["done"]),
        ("&field=work", ["done", "idea"]),
        ("&status=completed", ["done"]),
        ("&region=alpha&field=work", ["idea"]),
        ("&region=nowhere", []),
        ("&field=nothing", []),
    ],
)
def test_the_page_filters(client, world, arguments, names):
    assert listed(client, arguments + "&sort=oldest") == sorted(world[name] for name in names)


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [("?status=forgotten", "status"), ("?limit=0", "limit"), ("?cursor=not-ours", "cursor")],
)
def test_bad_parameters_are_problems(client, world, arguments, parameter):
    response = client.get(f"{API}{arguments}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["parameter"] for error in response.get_json()["errors"]] == [parameter]


def test_pages_follow_one_another_without_gaps(client, world):
    seen, url = [], f"{API}?limit=1&sort=oldest"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_json()
        assert len(body["data"]) <= 1
        seen += [item["id"] for item in body["data"]]
        url = body["links"]["next"]
        if url:
            assert response.headers["Link"].startswith("<http")
            url = url.replace("http://localhost", "")
    assert seen == sorted([world["cafe"], world["done"], world["idea"]])


@pytest.mark.parametrize("approach_id", ["999999", str(2**31)])
def test_unknown_projects_are_not_found(client, world, approach_id):
    response = client.get(f"{API}/{approach_id}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_a_page_runs_the_same_statements_for_few_and_many(client, world, count_queries):
    client.get(API)
    with count_queries() as few:
        assert len(client.get(f"{API}?limit=100").get_json()["data"]) == 3
    region = make_region()
    author = make_user()
    running = consultation(region, "discussion")
    lead = organisation(region, name="Weiterer Verein")
    fund = programme("Noch ein Programm")
    for number in range(15):
        item = project(
            region,
            f"Projekt {number}",
            lead=lead,
            partners=[lead, f"Partner {number}"],
            fundings=[(fund, FundingState.APPLIED, number)],
            proposals=[proposal(running, author)],
        )
        version_ = concept.version(region, number + 1)
        concept.measure(concept.goal(version_, make_field_of_action()), projects=[item])
    db.session.commit()
    with count_queries() as many:
        assert len(client.get(f"{API}?limit=100").get_json()["data"]) == 18
    assert len(many) == len(few)
