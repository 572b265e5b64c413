"""/api/v1/proposals: only published proposals of public consultations, filtered as on the
pages, with no address of anyone; an anonymous view even with a session."""

import pytest

from tests.api.planted import (
    API,
    NEVER_PROPOSALS,
    SEARCH_WORD,
    VISIBLE_PROPOSALS,
    assert_no_address,
    ids_of,
    named,
    plant,
)
from tests.conftest import log_in


@pytest.fixture
def world(app):
    return plant()


def listed(client, arguments: str = "") -> list[int]:
    response = client.get(f"{API}/proposals?limit=100{arguments}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return ids_of(response.get_json())


def test_the_list_holds_the_published_proposals_of_public_consultations_only(client, world):
    response = client.get(f"{API}/proposals?limit=100")
    assert response.status_code == 200
    body = response.get_json()
    # Newest first by default: ids descend.
    assert ids_of(body) == sorted(named(world, *VISIBLE_PROPOSALS), reverse=True)
    assert body["links"]["next"] is None
    assert_no_address(response.get_data(as_text=True), world)


@pytest.mark.parametrize("name", (*NEVER_PROPOSALS, "first", "removed", "comment_translation"))
def test_what_is_not_a_published_proposal_cannot_be_fetched(client, world, name):
    response = client.get(f"{API}/proposals/{world.ids[name]}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("name", VISIBLE_PROPOSALS)
def test_a_published_proposal_is_fetched(client, world, name):
    response = client.get(f"{API}/proposals/{world.ids[name]}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == world.ids[name]
    assert body["author"]["display_name"] in ("Writer", "Author")
    assert_no_address(response.get_data(as_text=True), world)


def test_the_published_proposal_reads_as_on_its_page(client, world):
    body = client.get(f"{API}/proposals/{world.ids['answered']}").get_json()
    assert body["status"] == "accepted"
    assert body["language"] == "tr"
    assert body["field_of_action"] == world.slugs["field_two"]
    assert [answer["status"] for answer in body["official_responses"]] == ["accepted"]
    assert body["consultation_id"] == world.ids["running"]
    assert body["comments"].endswith(f"/api/v1/proposals/{world.ids['answered']}/comments")
    withdrawn = client.get(f"{API}/proposals/{world.ids['withdrawn']}").get_json()
    assert withdrawn["status"] == "withdrawn"


def test_a_signed_in_author_sees_the_anonymous_list(client, world):
    """The author's own pending proposal shows on the pages to them; never in the API."""
    log_in(client, world.author)
    assert listed(client) == sorted(named(world, *VISIBLE_PROPOSALS), reverse=True)
    assert client.get(f"{API}/proposals/{world.ids['pending']}").status_code == 404
    assert listed(client, f"&consultation={world.ids['running']}") == sorted(
        named(world, "published", "answered", "withdrawn"), reverse=True
    )
    # The page itself does show it to the author: the API's refusal is not by chance.
    page = client.get(f"/consultations/{world.ids['running']}/proposals/{world.ids['pending']}")
    assert page.status_code == 200


def test_the_sorts(client, world):
    visible = named(world, *VISIBLE_PROPOSALS)
    assert listed(client, "&sort=oldest") == sorted(visible)
    assert listed(client, "&sort=newest") == sorted(visible, reverse=True)
    assert set(listed(client, "&sort=most_supported")) == set(visible)
    assert set(listed(client, "&sort=most_discussed")) == set(visible)
    # The discussed one first: it alone has comments.
    assert listed(client, "&sort=most_discussed")[0] == world.ids["published"]


@pytest.mark.parametrize(
    "arguments, expected",
    [
        ("consultation={running}", ("published", "answered", "withdrawn")),
        ("consultation={archived}", ("in_archive",)),
        ("consultation={draft}", ()),
        ("region={region_slug}", ("published", "answered", "withdrawn")),
        ("region={other_region_slug}", ("in_archive",)),
        ("region=nowhere", ()),
        ("field={field_one}", ("published",)),
        ("field={field_two}", ("answered",)),
        ("field={retired}", ()),
        ("status=accepted", ("answered",)),
        ("status=withdrawn", ("withdrawn",)),
        ("status=submitted", ("published", "in_archive")),
        ("status=rejected", ()),
        ("language=tr", ("answered",)),
        # Written in English, or with a published English translation.
        ("language=en", ("published", "in_archive")),
        # The Arabic translation is hidden: nothing is available in Arabic.
        ("language=ar", ()),
        ("answered=yes", ("answered",)),
        ("answered=no", ("published", "withdrawn", "in_archive")),
        # The search finds the published proposal, not the hidden, pending, rejected or draft
        # ones with the same word.
        (f"q={SEARCH_WORD}", ("published",)),
        (f"q={SEARCH_WORD.lower()}", ("published",)),
        ("q=Sprachkurse Abend", ("answered",)),
        ("q=Keinwortdasvorkommt", ()),
        ("region={region_slug}&answered=no&field={field_one}", ("published",)),
        ("consultation={running}&status=accepted&language=tr", ("answered",)),
    ],
)
def test_each_filter_gives_exactly_its_proposals(client, world, arguments, expected):
    values = {**world.ids, **{f"{name}_slug": slug for name, slug in world.slugs.items()}}
    values.update(world.slugs)
    got = listed(client, "&" + arguments.format(**values))
    assert sorted(got) == sorted(named(world, *expected))


@pytest.mark.parametrize(
    "arguments, parameter",
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("consultation=abc", "consultation"),
        ("consultation=0", "consultation"),
        ("consultation=99999999999", "consultation"),
        ("status=bogus", "status"),
        ("language=xx", "language"),
        ("answered=maybe", "answered"),
        ("sort=random", "sort"),
        ("region=" + "r" * 61, "region"),
        ("field=" + "f" * 61, "field"),
        ("q=" + "w" * 201, "q"),
        ("cursor=" + "c" * 201, "cursor"),
        ("cursor=not-a-cursor", "cursor"),
    ],
)
def test_bad_values_are_refused_naming_the_parameter(client, world, arguments, parameter):
    response = client.get(f"{API}/proposals?{arguments}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 400
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert body["errors"][0]["message"]


def test_several_bad_values_are_all_named(client, world):
    response = client.get(f"{API}/proposals?limit=0&status=bogus&answered=maybe")
    assert response.status_code == 400
    named_parameters = {error["parameter"] for error in response.get_json()["errors"]}
    assert named_parameters == {"limit", "status", "answered"}


def test_unknown_ids_and_overlong_ids_are_not_found(client, world):
    for path in ("/proposals/0", "/proposals/987654", f"/proposals/{2**31}", "/proposals/x"):
        assert client.get(API + path).status_code == 404, path
