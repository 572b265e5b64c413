"""/api/v1/measures: measures of published action-concept versions only (by default each
region's current one, as the open-data dataset), never of a draft; linked proposals only while
anyone may read them; the page's filters; cursor pages; 404s; no addresses of accounts; a fixed
number of statements per page."""

import pytest

from app.concepts.models import VersionState
from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.extensions import db
from app.opendata import datasets
from tests.concepts import page_builders as concept
from tests.factories import make_field_of_action, make_region, make_user
from tests.participation_builders import consultation, proposal

API = "/api/v1/measures"


@pytest.fixture
def world(app):
    alpha, beta = make_region("alpha"), make_region("beta")
    language, work = make_field_of_action("language"), make_field_of_action("work")
    author = make_user(email="writer@example.org", display_name="Wanda Writer")
    running = consultation(alpha, "discussion")
    draft_consultation = consultation(alpha, state=ConsultationState.DRAFT)
    visible = proposal(running, author)
    hidden = proposal(running, author, moderation_state=ModerationState.HIDDEN)
    pending = proposal(running, author, moderation_state=ModerationState.PENDING)
    in_draft = proposal(draft_consultation, author)
    cafe = concept.project(alpha, "Sprachpaten")

    older = concept.version(alpha, 1)
    old_goal = concept.goal(older, language, key="g-language")
    old_measure = concept.measure(old_goal, "Sprachcafés", key="m-cafe", status="planned")

    current = concept.version(alpha, 2)
    goal = concept.goal(current, language, "Mehr Deutsch", key="g-language")
    cafe_measure = concept.measure(
        goal,
        "Sprachcafés",
        key="m-cafe",
        status="in_progress",
        responsible="Volkshochschule",
        timeframe="2026",
        proposals=[visible, hidden, pending, in_draft],
        projects=[cafe],
    )
    work_goal = concept.goal(current, work, "Arbeit finden", key="g-work")
    jobs = concept.measure(work_goal, "Jobbörse", key="m-jobs", status="done")

    drafted = concept.version(alpha, 3, state=VersionState.DRAFT)
    draft_goal = concept.goal(drafted, language, key="g-language")
    draft_measure = concept.measure(draft_goal, "Geheimer Entwurf", key="m-secret")
    # beta has only a draft: nothing of it is public.
    beta_draft = concept.version(beta, 1, state=VersionState.DRAFT)
    beta_measure = concept.measure(concept.goal(beta_draft, work), "Auch geheim")
    db.session.commit()
    return {
        "old": old_measure.id,
        "cafe": cafe_measure.id,
        "jobs": jobs.id,
        "goal": goal.id,
        "draft": draft_measure.id,
        "beta_draft": beta_measure.id,
        "visible": visible.id,
        "project": cafe.id,
    }


def listed(client, arguments: str = "") -> list[int]:
    response = client.get(f"{API}?limit=100{arguments}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["id"] for item in response.get_json()["data"]]


def test_the_current_versions_by_default_drafts_never(client, world):
    assert listed(client) == sorted([world["cafe"], world["jobs"]])
    text = client.get(API).get_data(as_text=True)
    assert "Geheimer Entwurf" not in text
    assert "Auch geheim" not in text


def test_every_published_version_on_request(client, world):
    assert listed(client, "&versions=all") == sorted([world["old"], world["cafe"], world["jobs"]])


def test_the_same_measures_as_the_open_data_dataset(client, world):
    rows = list(datasets.get("measures").rows())
    api_rows = client.get(f"{API}?limit=100").get_json()["data"]
    assert sorted(
        (row["measure_key"], row["proposal_ids"], row["project_ids"]) for row in rows
    ) == (sorted((item["key"], item["proposal_ids"], item["project_ids"]) for item in api_rows))


def test_one_measure_with_its_goal_version_and_links(client, world):
    response = client.get(f"{API}/{world['cafe']}")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["key"], body["title"], body["region"], body["field_of_action"]) == (
        "m-cafe",
        "Sprachcafés",
        "alpha",
        "language",
    )
    assert body["version"]["number"] == 2
    assert body["version"]["current"] is True
    assert body["version"]["valid_from"] == "2025-03-01"
    assert body["goal"]["id"] == world["goal"]
    assert (body["goal"]["key"], body["goal"]["title"]) == ("g-language", "Mehr Deutsch")
    assert (body["responsible"], body["timeframe"], body["status"]) == (
        "Volkshochschule",
        "2026",
        "in_progress",
    )
    # Hidden, pending and a draft consultation's proposals are linked, yet never shown.
    assert body["proposal_ids"] == [world["visible"]]
    assert body["project_ids"] == [world["project"]]
    assert body["url"].endswith("/regions/alpha/concept#item-m-cafe")
    text = response.get_data(as_text=True)
    assert "writer@example.org" not in text
    assert "Wanda Writer" not in text


def test_a_measure_of_an_older_published_version(client, world):
    body = client.get(f"{API}/{world['old']}").get_json()
    assert (body["version"]["number"], body["version"]["current"]) == (1, False)
    assert body["status"] == "planned"
    assert body["url"].endswith("/regions/alpha/concept/versions/1#item-m-cafe")


@pytest.mark.parametrize("name", ["draft", "beta_draft", "goal"])
def test_drafts_and_goals_are_not_measures_found(client, world, name):
    response = client.get(f"{API}/{world[name]}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("measure_id", ["999999", str(2**31)])
def test_unknown_measures_are_not_found(client, world, measure_id):
    assert client.get(f"{API}/{measure_id}").status_code == 404


@pytest.mark.parametrize(
    ("arguments", "names"),
    [
        ("&region=alpha", ["cafe", "jobs"]),
        ("&region=beta", []),
        ("&field=work", ["jobs"]),
        ("&status=done", ["jobs"]),
        ("&status=planned", []),
        ("&status=planned&versions=all", ["old"]),
        ("&field=language&versions=all", ["old", "cafe"]),
        ("&region=nowhere", []),
    ],
)
def test_the_filters(client, world, arguments, names):
    assert listed(client, arguments) == sorted(world[name] for name in names)


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [("?status=someday", "status"), ("?versions=draft", "versions"), ("?limit=101", "limit")],
)
def test_bad_parameters_are_problems(client, world, arguments, parameter):
    response = client.get(f"{API}{arguments}")
    assert response.status_code == 400
    assert [error["parameter"] for error in response.get_json()["errors"]] == [parameter]


def test_pages_follow_one_another(client, world):
    first = client.get(f"{API}?limit=1&versions=all").get_json()
    assert [item["id"] for item in first["data"]] == [world["old"]]
    second = client.get(first["links"]["next"].replace("http://localhost", "")).get_json()
    assert [item["id"] for item in second["data"]] == [world["cafe"]]


def test_a_page_runs_the_same_statements_for_few_and_many(client, world, count_queries):
    client.get(API)
    with count_queries() as few:
        assert len(client.get(f"{API}?limit=100&versions=all").get_json()["data"]) == 3
    author = make_user()
    for number in range(6):
        region = make_region()
        running = consultation(region, "discussion")
        version_ = concept.version(region, 1)
        for _ in range(3):
            goal = concept.goal(version_, make_field_of_action())
            concept.measure(
                goal,
                proposals=[proposal(running, author)],
                projects=[concept.project(region, f"Projekt {number}")],
            )
    db.session.commit()
    with count_queries() as many:
        assert len(client.get(f"{API}?limit=100&versions=all").get_json()["data"]) == 21
    assert len(many) == len(few)
