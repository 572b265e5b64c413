"""API answers come from the shared cache until something changes: a committed write (a new
proposal, a moderator hiding one) or a phase boundary passing; refusals are never kept."""

from datetime import datetime, timedelta

import pytest

from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from app.proposals.models import Proposal
from tests import participation_builders as build
from tests.api.planted import API, ids_of, plant
from tests.conftest import log_in


@pytest.fixture
def world(app):
    app.config["CACHE_PAGES"] = True  # as in production
    yield plant()


def get(client, path: str, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code in (200, 304, 400), response.get_data(as_text=True)
    return response


def test_a_second_request_is_a_hit_with_the_same_body_and_etag(client, world, count_queries):
    first = get(client, f"{API}/proposals")
    assert first.headers["X-Cache"] == "miss"
    with count_queries() as statements:
        second = get(client, f"{API}/proposals")
    assert second.headers["X-Cache"] == "hit"
    assert second.get_data() == first.get_data()
    assert second.headers["ETag"] == first.headers["ETag"]
    assert len(statements) <= 1  # the content generation, without Redis


def test_a_hit_answers_a_conditional_get_with_304(client, world):
    etag = get(client, f"{API}/proposals").headers["ETag"]
    again = get(client, f"{API}/proposals", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["X-Cache"] == "hit"
    assert again.get_data() == b""


def test_the_order_of_query_parameters_does_not_matter(client, world):
    get(client, f"{API}/proposals?limit=2&sort=oldest")
    assert get(client, f"{API}/proposals?sort=oldest&limit=2").headers["X-Cache"] == "hit"
    assert get(client, f"{API}/proposals?sort=newest&limit=2").headers["X-Cache"] == "miss"


def test_a_new_proposal_is_listed_at_once(client, world):
    before = ids_of(get(client, f"{API}/proposals").get_json())
    running = db.session.get(Proposal, world.ids["published"]).consultation
    new = build.proposal(running, world.author, title="Ganz neu")
    db.session.commit()
    after = get(client, f"{API}/proposals")
    assert after.headers["X-Cache"] == "miss"
    assert ids_of(after.get_json()) == [new.id, *before]


def test_a_hidden_proposal_disappears_at_once_from_list_and_detail(client, world):
    target = world.ids["published"]
    assert target in ids_of(get(client, f"{API}/proposals").get_json())
    assert get(client, f"{API}/proposals/{target}").status_code == 200
    db.session.get(Proposal, target).moderation_state = ModerationState.HIDDEN
    db.session.commit()
    assert target not in ids_of(get(client, f"{API}/proposals").get_json())
    assert client.get(f"{API}/proposals/{target}").status_code == 404


def test_the_current_phase_changes_when_its_boundary_passes(client, world, time_machine):
    consultation = f"{API}/consultations/{world.ids['running']}"
    time_machine.move_to(utcnow_naive(), tick=False)
    body = get(client, consultation).get_json()
    assert body["current_phase"] == "proposals"
    proposals_phase = next(phase for phase in body["phases"] if phase["kind"] == "proposals")
    assert get(client, consultation).headers["X-Cache"] == "hit"
    end = proposals_phase["ends_at"].rstrip("Z")
    time_machine.move_to(datetime.fromisoformat(end) + timedelta(seconds=1), tick=False)
    after = get(client, consultation)
    assert after.headers["X-Cache"] == "miss"
    assert after.get_json()["current_phase"] != "proposals"


def test_refusals_are_not_kept_and_speak_the_callers_language(client, world):
    german = client.get(f"{API}/proposals?limit=0", headers={"Accept-Language": "de"})
    english = client.get(f"{API}/proposals?limit=0", headers={"Accept-Language": "en"})
    assert german.status_code == english.status_code == 400
    assert "X-Cache" not in german.headers
    assert german.get_json()["title"] != english.get_json()["title"]


def test_a_signed_in_author_gets_the_same_public_answer(client, world):
    public = get(client, f"{API}/proposals").get_data()
    log_in(client, world.author)
    signed_in = get(client, f"{API}/proposals")
    assert signed_in.get_data() == public
    assert world.ids["pending"] not in ids_of(signed_in.get_json())


def test_the_openapi_document_is_kept_too(client, world):
    first = client.get(f"{API}/openapi.json")
    second = client.get(f"{API}/openapi.json")
    assert first.status_code == second.status_code == 200
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")
    assert second.get_json()["openapi"] == "3.1.0" and second.data == first.data
