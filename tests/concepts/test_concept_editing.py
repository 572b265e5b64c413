"""The coordinators' draft: who may edit, starting a draft, goals and measures, publishing;
published versions stay as they are."""

import re
from datetime import date

import pytest

from app.concepts.models import ConceptItem, ConceptVersion
from app.extensions import db
from tests.concepts import page_builders as build
from tests.conftest import post_form
from tests.factories import make_field_of_action, make_region, make_user
from tests.participation_builders import consultation, proposal


@pytest.fixture
def kassel():
    region = make_region("kassel", de="Stadt Kassel", en="City of Kassel")
    region.fields_of_action = [
        make_field_of_action("language", de="Sprache und Bildung", en="Language"),
        make_field_of_action("work", de="Arbeit und Ausbildung", en="Work"),
    ]
    db.session.commit()
    return region


@pytest.fixture
def wetzlar():
    region = make_region("wetzlar", de="Stadt Wetzlar", en="City of Wetzlar")
    db.session.commit()
    return region


@pytest.fixture
def current(kassel):
    """Kassel's published version 1: one goal with one measure."""
    language = kassel.fields_of_action[0]
    first = build.version(kassel, 1)
    goal = build.goal(first, language, "Mehr Menschen sprechen Deutsch", key="g-language")
    build.measure(goal, "Sprachcafés", key="m-cafes", status="planned")
    db.session.commit()
    return first


def draft_of(region) -> ConceptVersion | None:
    db.session.expire_all()
    return db.session.scalar(
        db.select(ConceptVersion).where(
            ConceptVersion.region_id == region.id, ConceptVersion.state == "draft"
        )
    )


def item(version_, key: str) -> ConceptItem:
    return next(each for each in version_.items if each.key == key)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/account/login" in response.location


# --- who may edit -------------------------------------------------------------------------------


EDIT_PAGES = [
    ("post", "/regions/kassel/concept/draft/start"),
    ("get", "/regions/kassel/concept/draft"),
    ("post", "/regions/kassel/concept/draft/goals"),
    ("get", "/regions/kassel/concept/items/{measure}/edit"),
    ("post", "/regions/kassel/concept/items/{measure}/edit"),
    ("get", "/regions/kassel/concept/goals/{goal}/measures/new"),
    ("post", "/regions/kassel/concept/items/{measure}/remove"),
    ("get", "/regions/kassel/concept/publish"),
    ("post", "/regions/kassel/concept/publish"),
]


def draft_paths(kassel, current):
    draft = build.version(kassel, 2, state="draft")
    goal = build.goal(draft, kassel.fields_of_action[0], key="g-language")
    measure = build.measure(goal, key="m-cafes")
    db.session.commit()
    return {"goal": goal.id, "measure": measure.id}


@pytest.mark.parametrize(("method", "path"), EDIT_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, kassel, current, method, path):
    ids = draft_paths(kassel, current)
    target = path.format(**ids)
    response = client.get(target) if method == "get" else post_form(client, target)
    assert is_login_redirect(response)


@pytest.mark.parametrize(
    ("role", "home"),
    [("participant", None), ("moderator", "kassel"), ("coordinator", "wetzlar")],
)
@pytest.mark.parametrize(("method", "path"), EDIT_PAGES)
def test_others_may_not_edit(client, login_as, kassel, wetzlar, current, role, home, method, path):
    ids = draft_paths(kassel, current)
    region = {"kassel": kassel, "wetzlar": wetzlar, None: None}[home]
    login_as(role, region=region)
    target = path.format(**ids)
    response = client.get(target) if method == "get" else post_form(client, target, {"title": "X"})
    assert response.status_code == 403
    draft = draft_of(kassel)
    assert [each.title for each in draft.items] == [
        "Mehr Menschen sprechen Deutsch",
        "Sprachcafés in jedem Stadtteil",
    ]


@pytest.mark.parametrize("role", ["coordinator", "administrator"])
def test_coordinator_of_the_region_and_administrators_start_a_draft(
    client, login_as, kassel, current, role
):
    login_as(role, region=kassel if role == "coordinator" else None)
    response = post_form(client, "/regions/kassel/concept/draft/start")
    assert response.status_code == 302
    assert response.location == "/regions/kassel/concept/draft"
    draft = draft_of(kassel)
    assert draft.number == 2
    # A copy of the current version: same keys, texts and links
    assert sorted(each.key for each in draft.items) == ["g-language", "m-cafes"]
    assert item(draft, "m-cafes").goal.key == "g-language"
    assert item(draft, "m-cafes").title == "Sprachcafés"
    # The published version is untouched
    assert len(db.session.get(ConceptVersion, current.id).items) == 2


def test_second_draft_is_refused_with_a_message(client, login_as, kassel, current):
    login_as("coordinator", region=kassel, locale="en")
    post_form(client, "/regions/kassel/concept/draft/start")
    response = post_form(client, "/regions/kassel/concept/draft/start")
    assert response.status_code == 302
    assert response.location == "/regions/kassel/concept"
    with client.session_transaction() as session:
        messages = [message for category, message in session["_flashes"] if category == "error"]
    assert messages == ["There is already a draft. Please continue working on it."]
    assert db.session.scalar(db.select(db.func.count(ConceptVersion.id))) == 2


def test_draft_page_without_draft_leads_back(client, login_as, kassel, current):
    login_as("coordinator", region=kassel)
    response = client.get("/regions/kassel/concept/draft")
    assert response.status_code == 302
    assert response.location == "/regions/kassel/concept"


def test_draft_page_shows_items_with_their_actions(client, login_as, kassel, current):
    login_as("coordinator", region=kassel, locale="en")
    post_form(client, "/regions/kassel/concept/draft/start")
    draft = draft_of(kassel)
    goal, measure = item(draft, "g-language"), item(draft, "m-cafes")
    page = client.get("/regions/kassel/concept/draft").get_data(as_text=True)
    assert "Draft of version 2" in page
    assert f'href="/regions/kassel/concept/items/{goal.id}/edit"' in page
    assert f'href="/regions/kassel/concept/goals/{goal.id}/measures/new"' in page
    assert f'action="/regions/kassel/concept/items/{measure.id}/remove"' in page
    assert 'href="/regions/kassel/concept/publish"' in page
    assert 'href="/regions/kassel/concept/compare?from=1&amp;to=2"' in page
    # The goal form offers the region's fields of action
    assert '<select class="select" id="field_of_action" name="field_of_action"' in page
    assert ">Language</option>" in page and ">Work</option>" in page
    # The current page tells editors where the draft is
    page = client.get("/regions/kassel/concept").get_data(as_text=True)
    assert "Continue the draft (version 2)" in page


# --- goals and measures ---------------------------------------------------------------------


def test_add_goal(client, login_as, kassel, current):
    login_as("coordinator", region=kassel)
    post_form(client, "/regions/kassel/concept/draft/start")
    work = kassel.fields_of_action[1]
    response = post_form(
        client,
        "/regions/kassel/concept/draft/goals",
        {"field_of_action": work.id, "title": "Schneller in Arbeit", "position": "2"},
    )
    assert response.status_code == 302
    draft = draft_of(kassel)
    added = next(each for each in draft.items if each.title == "Schneller in Arbeit")
    assert response.location == f"/regions/kassel/concept/draft#item-{added.key}"
    assert added.is_goal and added.field_of_action_id == work.id and added.position == 2


def test_add_goal_with_errors_keeps_the_input(client, login_as, kassel, current):
    login_as("coordinator", region=kassel, locale="en")
    post_form(client, "/regions/kassel/concept/draft/start")
    response = post_form(
        client,
        "/regions/kassel/concept/draft/goals",
        {"field_of_action": "999999", "title": "", "description": "Mein Text", "position": "x"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please fill in this field." in build.field_error(page, "title")
    assert "Please choose a field of action from the list." in build.field_error(
        page, "field_of_action"
    )
    assert "Please enter a number from 0 to 999." in build.field_error(page, "position")
    assert "Mein Text</textarea>" in page
    assert len(draft_of(kassel).items) == 2


def test_add_measure_with_links(client, login_as, kassel, wetzlar, current):
    author = make_user()
    ours = proposal(consultation(kassel, phase="results"), author, title="Sprachcafé am Bahnhof")
    theirs = proposal(consultation(wetzlar, phase="results"), author, title="Anderswo")
    helpers = build.project(kassel, title="Sprachpaten")
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    post_form(client, "/regions/kassel/concept/draft/start")
    goal = item(draft_of(kassel), "g-language")
    path = f"/regions/kassel/concept/goals/{goal.id}/measures/new"

    page = client.get(path).get_data(as_text=True)
    assert "Sprachcafé am Bahnhof" in page
    assert "Anderswo" not in page  # only the region's proposals are offered
    assert "Sprachpaten" in page

    refused = post_form(
        client,
        path,
        {"title": "Lernpaten", "status": "planned", "position": "0", "proposals": [str(theirs.id)]},
    )
    assert refused.status_code == 200
    assert "Please choose published proposals" in build.field_error(
        refused.get_data(as_text=True), "proposals"
    )

    response = post_form(
        client,
        path,
        {
            "title": "Lernpaten",
            "description": "Ehrenamtliche begleiten.",
            "responsible": "Freiwilligenzentrum",
            "timeframe": "ab 2026",
            "status": "in_progress",
            "position": "1",
            "proposals": [str(ours.id)],
            "projects": [str(helpers.id)],
        },
    )
    assert response.status_code == 302
    draft = draft_of(kassel)
    added = next(each for each in draft.items if each.title == "Lernpaten")
    assert added.goal_id == goal.id
    assert (added.responsible, added.timeframe, added.status) == (
        "Freiwilligenzentrum",
        "ab 2026",
        "in_progress",
    )
    assert [p.id for p in added.proposals] == [ours.id]
    assert [p.id for p in added.projects] == [helpers.id]


def test_edit_measure_and_goal(client, login_as, kassel, current):
    login_as("coordinator", region=kassel, locale="en")
    post_form(client, "/regions/kassel/concept/draft/start")
    draft = draft_of(kassel)
    measure, goal = item(draft, "m-cafes"), item(draft, "g-language")

    page = client.get(f"/regions/kassel/concept/items/{measure.id}/edit").get_data(as_text=True)
    assert 'value="Sprachcafés"' in page
    assert '<option selected value="planned">' in page

    response = post_form(
        client,
        f"/regions/kassel/concept/items/{measure.id}/edit",
        {"title": "Sprachcafés überall", "status": "done", "position": "0"},
    )
    assert response.status_code == 302
    assert response.location == "/regions/kassel/concept/draft#item-m-cafes"
    work = kassel.fields_of_action[1]
    response = post_form(
        client,
        f"/regions/kassel/concept/items/{goal.id}/edit",
        {"title": "Deutsch für alle", "field_of_action": str(work.id), "position": "0"},
    )
    assert response.status_code == 302
    draft = draft_of(kassel)
    assert item(draft, "m-cafes").title == "Sprachcafés überall"
    assert item(draft, "m-cafes").status == "done"
    assert item(draft, "g-language").title == "Deutsch für alle"
    # Measures follow their goal into the new field
    assert item(draft, "m-cafes").field_of_action_id == work.id


def test_remove_measure(client, login_as, kassel, current):
    login_as("coordinator", region=kassel)
    post_form(client, "/regions/kassel/concept/draft/start")
    measure = item(draft_of(kassel), "m-cafes")
    response = post_form(client, f"/regions/kassel/concept/items/{measure.id}/remove")
    assert response.status_code == 302
    assert [each.key for each in draft_of(kassel).items] == ["g-language"]


def test_item_of_another_region_is_404(client, login_as, kassel, wetzlar, current):
    other = build.version(wetzlar, 1, state="draft")
    foreign = build.goal(other, make_field_of_action())
    db.session.commit()
    login_as("coordinator", region=kassel)
    assert client.get(f"/regions/kassel/concept/items/{foreign.id}/edit").status_code == 404
    assert client.get("/regions/kassel/concept/items/999999/edit").status_code == 404


# --- published versions stay as they are ----------------------------------------------------


def test_published_items_cannot_be_changed(client, login_as, kassel, current):
    login_as("coordinator", region=kassel, locale="en")
    measure = item(current, "m-cafes")
    goal = item(current, "g-language")
    response = client.get(f"/regions/kassel/concept/items/{measure.id}/edit")
    assert response.status_code == 400
    assert "A published version cannot be changed." in response.get_data(as_text=True)
    response = post_form(
        client,
        f"/regions/kassel/concept/items/{measure.id}/edit",
        {"title": "Geändert", "status": "done", "position": "0"},
    )
    assert response.status_code == 400
    response = post_form(
        client,
        f"/regions/kassel/concept/goals/{goal.id}/measures/new",
        {"title": "Neu hier", "status": "planned", "position": "0"},
    )
    assert response.status_code == 400
    response = post_form(client, f"/regions/kassel/concept/items/{measure.id}/remove")
    assert response.status_code == 302
    db.session.expire_all()
    published = db.session.get(ConceptVersion, current.id)
    assert sorted((each.key, each.title, each.status) for each in published.items) == [
        ("g-language", "Mehr Menschen sprechen Deutsch", None),
        ("m-cafes", "Sprachcafés", "planned"),
    ]


# --- publishing -------------------------------------------------------------------------------


def test_publish_shows_the_changes_then_publishes(client, login_as, kassel, current):
    login_as("coordinator", region=kassel, locale="en")
    post_form(client, "/regions/kassel/concept/draft/start")
    measure = item(draft_of(kassel), "m-cafes")
    post_form(
        client,
        f"/regions/kassel/concept/items/{measure.id}/edit",
        {"title": "Sprachcafés überall", "status": "done", "position": "0"},
    )
    page = client.get("/regions/kassel/concept/publish").get_data(as_text=True)
    assert "What changes compared with version 1" in page
    assert "Sprachcafés<ins> überall</ins>" in page
    assert "Planned → Done" in page
    assert re.search(r'name="valid_from" required type="date" value="\d{4}-\d\d-\d\d"', page)

    response = post_form(
        client,
        "/regions/kassel/concept/publish",
        {"valid_from": "2026-01-01", "note": "Sprachcafés jetzt überall"},
    )
    assert response.status_code == 302
    assert response.location == "/regions/kassel/concept"
    assert draft_of(kassel) is None
    second = db.session.scalar(db.select(ConceptVersion).where(ConceptVersion.number == 2))
    assert second.state == "published"
    assert second.valid_from == date(2026, 1, 1)
    assert second.note == "Sprachcafés jetzt überall"
    page = client.get("/regions/kassel/concept").get_data(as_text=True)
    assert "Sprachcafés überall" in page
    assert "Sprachcafés jetzt überall" in page


def test_publish_needs_a_date_and_refuses_an_empty_draft(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    post_form(client, "/regions/kassel/concept/draft/start")
    page = client.get("/regions/kassel/concept/publish").get_data(as_text=True)
    assert "The first version" in page
    response = post_form(client, "/regions/kassel/concept/publish", {"valid_from": ""})
    assert "Please enter a date." in build.field_error(
        response.get_data(as_text=True), "valid_from"
    )
    response = post_form(client, "/regions/kassel/concept/publish", {"valid_from": "2026-01-01"})
    assert response.status_code == 400
    assert "An empty concept cannot be published." in response.get_data(as_text=True)
    assert draft_of(kassel) is not None


def test_changes_without_csrf_token_are_refused(client, login_as, kassel, current):
    login_as("coordinator", region=kassel)
    response = client.post("/regions/kassel/concept/draft/start")
    assert response.status_code == 400
    assert draft_of(kassel) is None
