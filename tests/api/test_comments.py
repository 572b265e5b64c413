"""/api/v1/proposals/{id}/comments: the published comments of a published proposal, oldest
first; removed ones keep their place without their text; no address of anyone."""

import pytest

from tests.api.planted import API, VISIBLE_COMMENTS, assert_no_address, ids_of, named, plant
from tests.conftest import log_in


@pytest.fixture
def world(app):
    return plant()


def comments_of(client, proposal_id: int, arguments: str = ""):
    return client.get(f"{API}/proposals/{proposal_id}/comments?limit=100{arguments}")


def test_the_published_comments_oldest_first(client, world):
    response = comments_of(client, world.ids["published"])
    assert response.status_code == 200
    body = response.get_json()
    assert ids_of(body) == sorted(named(world, *VISIBLE_COMMENTS))
    assert body["links"]["next"] is None
    by_id = {item["id"]: item for item in body["data"]}
    assert by_id[world.ids["reply"]]["parent_id"] == world.ids["first"]
    assert by_id[world.ids["first"]]["parent_id"] is None
    assert by_id[world.ids["first"]]["stance"] == "in_favour"
    assert by_id[world.ids["first"]]["text"] == "Gute Idee."
    assert by_id[world.ids["first"]]["author"]["display_name"] == "Writer"
    assert_no_address(response.get_data(as_text=True), world)


def test_a_removed_comment_has_no_text(client, world):
    body = comments_of(client, world.ids["published"]).get_json()
    removed = next(item for item in body["data"] if item["id"] == world.ids["removed"])
    assert removed["text"] is None
    assert "entfernt" not in comments_of(client, world.ids["published"]).get_data(as_text=True)


def test_pending_hidden_rejected_and_translated_comments_never_appear(client, world):
    text = comments_of(client, world.ids["published"]).get_data(as_text=True)
    for state in ("pending", "hidden", "rejected"):
        assert f"Kommentar {state}" not in text
    assert "Good idea." not in text  # the comment's translation is no comment of its own
    got = set(ids_of(comments_of(client, world.ids["published"]).get_json()))
    never = named(
        world, "pending_comment", "hidden_comment", "rejected_comment", "comment_translation"
    )
    assert got.isdisjoint(never)


def test_a_signed_in_author_sees_no_more(client, world):
    log_in(client, world.author)
    body = comments_of(client, world.ids["published"]).get_json()
    assert ids_of(body) == sorted(named(world, *VISIBLE_COMMENTS))


@pytest.mark.parametrize(
    "name",
    [
        "pending",
        "hidden",
        "rejected",
        "in_draft",
        "translation",
        "first",  # a comment is no proposal
        "comment_translation",
    ],
)
def test_comments_of_what_is_not_a_published_proposal_are_not_found(client, world, name):
    response = comments_of(client, world.ids[name])
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert "Unter Verborgenem" not in response.get_data(as_text=True)


def test_a_proposal_without_comments_has_an_empty_list(client, world):
    body = comments_of(client, world.ids["answered"]).get_json()
    assert body["data"] == []
    assert body["links"]["next"] is None


@pytest.mark.parametrize(
    "arguments, parameter",
    [("&limit=0", "limit"), ("&limit=x", "limit"), ("&cursor=%%%", "cursor")],
)
def test_bad_values_are_refused_naming_the_parameter(client, world, arguments, parameter):
    response = client.get(f"{API}/proposals/{world.ids['published']}/comments?{arguments[1:]}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["parameter"] for error in response.get_json()["errors"]] == [parameter]
