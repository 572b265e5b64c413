"""The thread the other way round: a proposal page names the measures of the current action
concept that take it up and the project approaches that came from it."""

import re

import pytest

from app.extensions import db
from app.projects.models import project_proposals
from tests.concepts import page_builders as build
from tests.factories import make_field_of_action, make_region, make_user
from tests.participation_builders import consultation, proposal, proposal_url


@pytest.fixture
def setting():
    region = make_region("kassel", de="Stadt Kassel", en="City of Kassel")
    field = make_field_of_action("language", de="Sprache", en="Language")
    c = consultation(region, phase="results")
    idea = proposal(c, make_user(), title="Sprachcafé am Bahnhof", status="accepted")
    db.session.commit()
    return region, field, idea


def test_proposal_page_lists_measure_and_project(client, setting, count_queries):
    region, field, idea = setting
    old = build.version(region, 1)
    old_goal = build.goal(old, field, key="g")
    build.measure(old_goal, "Frühere Fassung der Maßnahme", key="m-old", proposals=[idea])
    current = build.version(region, 2)
    goal = build.goal(current, field, key="g")
    build.measure(
        goal,
        "Sprachcafés in allen Stadtteilen",
        key="m-cafes",
        status="in_progress",
        proposals=[idea],
    )
    build.measure(goal, "Andere Maßnahme", key="m-other")
    draft = build.version(region, 3, state="draft")
    build.measure(build.goal(draft, field, key="g"), "Nur im Entwurf", proposals=[idea])
    helpers = build.project(region, title="Sprachpaten Nordstadt")
    db.session.execute(
        project_proposals.insert().values(project_id=helpers.id, proposal_id=idea.id)
    )
    db.session.commit()

    client.set_cookie("mitreden_locale", "en")
    page = client.get(proposal_url(idea)).get_data(as_text=True)
    section = page[page.index('id="what-became-of-it"') :]
    assert "What became of it" in section
    assert 'href="/regions/kassel/concept#item-m-cafes"' in section
    assert "Sprachcafés in allen Stadtteilen" in section
    assert 'badge--measure-in_progress">In progress</span>' in section
    # Only the current version: neither the earlier one nor the draft
    assert "Frühere Fassung" not in page and "Nur im Entwurf" not in page
    assert "Andere Maßnahme" not in page
    assert f'href="/projects/{helpers.id}"' in section
    assert "Sprachpaten Nordstadt" in section


def test_traceability_costs_two_queries(client, setting, count_queries):
    region, field, idea = setting
    with count_queries() as without:
        client.get(proposal_url(idea))
    current = build.version(region, 1)
    goal = build.goal(current, field)
    for number in range(5):
        build.measure(goal, f"Maßnahme {number}", proposals=[idea])
    for number in range(3):
        project = build.project(region, title=f"Projekt {number}")
        db.session.execute(
            project_proposals.insert().values(project_id=project.id, proposal_id=idea.id)
        )
    db.session.commit()
    with count_queries() as linked:
        page = client.get(proposal_url(idea)).get_data(as_text=True)
    assert page.count("/regions/kassel/concept#item-") == 5
    assert len(re.findall(r'href="/projects/\d+"', page)) == 3
    # Two lookups that run either way: five measures and three projects add no query
    assert len(linked) == len(without)


def test_without_measures_or_projects_there_is_no_section(client, setting):
    _region, _field, idea = setting
    page = client.get(proposal_url(idea)).get_data(as_text=True)
    assert 'id="what-became-of-it"' not in page
