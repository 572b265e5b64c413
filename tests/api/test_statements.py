"""/api/v1/statements: published statements of public consultations, as a visitor who is not
signed in sees them on the consultation pages."""

from datetime import datetime

import pytest

from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.extensions import db
from app.organisations.models import OrganisationStatus
from tests.conftest import log_in
from tests.factories import make_region, make_user
from tests.organisation_builders import organisation, statement, translation
from tests.participation_builders import consultation

LIST = "/api/v1/statements"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["id"] for item in response.get_json()["data"]]


@pytest.fixture
def world():
    north, south = make_region("nord"), make_region("sued")
    admin = make_user(email="vorstand@bruecke.example", display_name="Ayşe Vorstand")
    writer = make_user(email="schreiberin@elternnetz.example", display_name="Dana Schreiberin")
    bridge = organisation(north, name="Kulturverein Brücke e. V.", admins=[admin])
    bridge.contact_email = "kontakt@bruecke.example"
    parents = organisation(north, south, name="Elternnetz", admins=[writer])
    parents.contact_email = "post@elternnetz.example"
    withdrawn = organisation(north, name="Früher geprüft", admins=[writer])
    running = consultation(north, phase="discussion")
    archived = consultation(north, phase=None, state=ConsultationState.ARCHIVED)
    southern = consultation(south, phase="discussion")
    draft = consultation(north, phase="discussion", state=ConsultationState.DRAFT)

    shown = {
        "bridge_running": statement(running, bridge, admin, title="Mehr Sprachkurse"),
        "parents_running": statement(running, parents, writer, language="en", title="Our view"),
        "bridge_archived": statement(archived, bridge, admin, title="Rückblick"),
        "parents_south": statement(southern, parents, writer, title="Im Süden"),
        # Its verification was withdrawn later: the consultation page still shows it.
        "withdrawn_running": statement(running, withdrawn, writer, title="Frühere Position"),
    }
    withdrawn.status = OrganisationStatus.SUSPENDED
    # Each state the visitor does not see; one per organisation and consultation.
    others = [organisation(north, name=f"Verein {n}", admins=[admin]) for n in range(3)]
    absent = {
        "pending": statement(running, others[0], admin, state=ModerationState.PENDING),
        "hidden": statement(running, others[1], admin, state=ModerationState.HIDDEN),
        "rejected": statement(running, others[2], admin, state=ModerationState.REJECTED),
        "draft": statement(draft, bridge, admin, title="Entwurf"),
    }
    # A translation of a statement is no statement of its own.
    translation(shown["bridge_running"], admin, language="tr", title="Çeviri")
    db.session.commit()
    return {
        "admin": admin,
        "writer": writer,
        "bridge": bridge,
        "parents": parents,
        "withdrawn": withdrawn,
        "running": running,
        "archived": archived,
        "southern": southern,
        "draft": draft,
        "shown": shown,
        "absent": absent,
    }


def expected(world, *names) -> list[int]:
    return sorted((world["shown"][name].id for name in names), reverse=True)


def test_lists_published_statements_of_public_consultations_newest_first(client, world):
    assert ids(client.get(LIST)) == expected(world, *world["shown"])


@pytest.mark.parametrize("name", ["pending", "hidden", "rejected", "draft"])
def test_statement_the_visitor_does_not_see_is_absent(client, world, name):
    statement_id = world["absent"][name].id
    response = client.get(f"{LIST}/{statement_id}")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert statement_id not in ids(client.get(LIST))
    assert statement_id not in ids(
        client.get(LIST, query_string={"consultation": world["absent"][name].consultation_id})
    )


def test_signed_in_author_gets_the_anonymous_view(client, world):
    """The pages show a pending statement to its organisation's admins; the API never does."""
    log_in(client, world["admin"])
    assert ids(client.get(LIST)) == expected(world, *world["shown"])
    assert client.get(f"{LIST}/{world['absent']['pending'].id}").status_code == 404
    assert client.get(f"{LIST}/{world['absent']['hidden'].id}").status_code == 404


def test_statement_becomes_absent_when_hidden_later(client, world):
    item = world["shown"]["bridge_running"]
    assert client.get(f"{LIST}/{item.id}").status_code == 200
    item.moderation_state = ModerationState.HIDDEN
    db.session.commit()
    assert client.get(f"{LIST}/{item.id}").status_code == 404
    assert item.id not in ids(client.get(LIST))


def test_one_statement_with_its_fields(client, world):
    item = world["shown"]["bridge_running"]
    item.created_at = datetime(2026, 5, 6, 7, 8, 9)
    item.edited_at = datetime(2026, 5, 7, 10, 0, 0)
    db.session.commit()
    bridge = {"id": world["bridge"].id, "name": "Kulturverein Brücke e. V.", "verified": True}
    response = client.get(f"{LIST}/{item.id}")
    assert response.status_code == 200
    assert response.get_json() == {
        "id": item.id,
        "consultation_id": world["running"].id,
        "organisation": bridge,
        "title": "Mehr Sprachkurse",
        "text": "Wir unterstützen die Ziele und schlagen mehr Beratung in Muttersprachen vor.",
        "language": "de",
        "author": {"display_name": "Ayşe Vorstand", "organisation": bridge, "on_site_event": None},
        "created_at": "2026-05-06T07:08:09Z",
        "edited_at": "2026-05-07T10:00:00Z",
        "url": f"http://localhost/consultations/{world['running'].id}/statements/{item.id}",
    }
    assert client.get(response.get_json()["url"]).status_code == 200


def test_statement_of_an_organisation_no_longer_verified_says_so(client, world):
    item = client.get(f"{LIST}/{world['shown']['withdrawn_running'].id}").get_json()
    assert item["organisation"] == {
        "id": world["withdrawn"].id,
        "name": "Früher geprüft",
        "verified": False,
    }
    assert client.get(f"/api/v1/organisations/{world['withdrawn'].id}").status_code == 404


def test_statement_of_a_removed_account_has_no_name(client, world):
    item = world["shown"]["parents_south"]
    item.author_id = None
    db.session.commit()
    author = client.get(f"{LIST}/{item.id}").get_json()["author"]
    assert author["display_name"] is None
    assert author["organisation"]["id"] == world["parents"].id


def test_no_address_in_any_response(client, world):
    bodies = [client.get(LIST).get_data(as_text=True)] + [
        client.get(f"{LIST}/{item.id}").get_data(as_text=True) for item in world["shown"].values()
    ]
    for body in bodies:
        assert "@" not in body
        assert "kontakt" not in body and "schreiberin@" not in body


@pytest.mark.parametrize(
    ("arguments", "names"),
    [
        (
            {"consultation": "running"},
            ["bridge_running", "parents_running", "withdrawn_running"],
        ),
        ({"consultation": "archived"}, ["bridge_archived"]),
        ({"consultation": "draft"}, []),
        ({"organisation": "bridge"}, ["bridge_running", "bridge_archived"]),
        ({"organisation": "parents"}, ["parents_running", "parents_south"]),
        ({"organisation": "withdrawn"}, ["withdrawn_running"]),
        ({"region": "sued"}, ["parents_south"]),
        (
            {"region": "nord"},
            ["bridge_running", "parents_running", "bridge_archived", "withdrawn_running"],
        ),
        ({"region": "nord", "organisation": "parents"}, ["parents_running"]),
        ({"region": "sued", "consultation": "running"}, []),
        ({"region": "nirgendwo"}, []),
    ],
)
def test_filters(client, world, arguments, names):
    query = {
        key: (world[value].id if key in ("consultation", "organisation") else value)
        for key, value in arguments.items()
    }
    assert ids(client.get(LIST, query_string=query)) == expected(world, *names)


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"consultation": "abc"}, "consultation"),
        ({"organisation": "0"}, "organisation"),
        ({"organisation": str(2**31)}, "organisation"),
        ({"limit": "101"}, "limit"),
        ({"cursor": "bm9uc2Vuc2U"}, "cursor"),
    ],
)
def test_bad_parameters_are_refused(client, world, arguments, parameter):
    response = client.get(LIST, query_string=arguments)
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    assert [error["parameter"] for error in response.get_json()["errors"]] == [parameter]


def test_pages_through_a_cursor(client, world):
    seen, url, pages = [], f"{LIST}?limit=2", 0
    all_shown = expected(world, *world["shown"])
    while url:
        response = client.get(url)
        seen += ids(response)
        body = response.get_json()
        url = body["links"]["next"]
        if pages == 0:
            assert response.headers["Link"] == f'<{url}>; rel="next"'
            # A statement published while paging newest first is not seen again on later pages.
            late = organisation(world["southern"].region, name="Neu dabei")
            statement(world["southern"], late, world["writer"], title="Neu")
            db.session.commit()
        pages += 1
    assert seen == all_shown
    assert pages == 3
    assert "Link" not in response.headers


def test_cursor_keeps_the_filters(client, world):
    first = client.get(LIST, query_string={"organisation": world["bridge"].id, "limit": 1})
    body = first.get_json()
    assert ids(first) == [world["shown"]["bridge_archived"].id]
    assert f"organisation={world['bridge'].id}" in body["links"]["next"]
    second = client.get(body["links"]["next"]).get_json()
    assert [item["id"] for item in second["data"]] == [world["shown"]["bridge_running"].id]
    assert second["links"]["next"] is None


def test_list_costs_the_same_queries_however_many_statements(client, world, count_queries):
    client.get(LIST)  # warm up
    with count_queries() as few:
        assert len(ids(client.get(LIST))) == 5
    regions = [make_region() for _ in range(3)]
    for number in range(10):
        author = make_user(display_name=f"Autorin {number}")
        org = organisation(*regions[: number % 3 + 1], name=f"Initiative {number}", admins=[author])
        place = consultation(regions[number % 3], phase="discussion")
        statement(place, org, author, title=f"Position {number}")
        statement(world["running"], org, author, title=f"Position dort {number}")
    db.session.commit()
    with count_queries() as many:
        assert len(ids(client.get(LIST, query_string={"limit": 100}))) == 25
    assert len(many) == len(few)


def test_etag_answers_not_modified(client, world):
    path = f"{LIST}/{world['shown']['parents_running'].id}"
    first = client.get(path)
    assert client.get(path, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    world["shown"]["parents_running"].title = "Our revised view"
    db.session.commit()
    changed = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert changed.get_json()["title"] == "Our revised view"
