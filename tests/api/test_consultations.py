"""/api/v1/consultations: published and archived ones with their phases; drafts never; the
filters give exactly their consultations; no address of anyone."""

import pytest

from app.extensions import db
from app.regions.models import Region
from tests import factories
from tests.api.planted import API, assert_no_address, ids_of, named, plant
from tests.conftest import log_in


@pytest.fixture
def world(app):
    return plant()


def listed(client, arguments: str = "") -> list[int]:
    response = client.get(f"{API}/consultations?limit=100{arguments}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return ids_of(response.get_json())


def test_published_and_archived_are_listed_drafts_never(client, world):
    response = client.get(f"{API}/consultations")
    assert response.status_code == 200
    assert ids_of(response.get_json()) == sorted(named(world, "running", "archived"), reverse=True)
    assert_no_address(response.get_data(as_text=True), world)


def test_a_draft_is_not_found_even_for_its_coordinator(client, world):
    assert client.get(f"{API}/consultations/{world.ids['draft']}").status_code == 404
    region = db.session.get(Region, world.ids["region"])
    coordinator = factories.make_user_with_role("coordinator", region=region)
    db.session.commit()
    log_in(client, coordinator)
    # The page opens for the region's coordinator; the API stays anonymous.
    assert client.get(f"/consultations/{world.ids['draft']}").status_code == 200
    assert client.get(f"{API}/consultations/{world.ids['draft']}").status_code == 404
    assert world.ids["draft"] not in listed(client)


def test_one_consultation_with_its_phases_and_count(client, world):
    response = client.get(f"{API}/consultations/{world.ids['running']}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["state"] == "published"
    assert body["region"] == world.slugs["region"]
    assert [phase["kind"] for phase in body["phases"]] == [
        "information",
        "proposals",
        "discussion",
        "voting",
        "results",
    ]
    assert body["current_phase"] == "proposals"
    assert sorted(body["fields_of_action"]) == sorted(
        [world.slugs["field_one"], world.slugs["field_two"]]
    )
    # Published proposals only: not the pending, hidden and rejected ones.
    assert body["proposal_count"] == 3
    archived = client.get(f"{API}/consultations/{world.ids['archived']}").get_json()
    assert archived["state"] == "archived"
    assert archived["proposal_count"] == 1
    assert_no_address(response.get_data(as_text=True), world)


@pytest.mark.parametrize(
    "arguments, expected",
    [
        ("region={region}", ("running",)),
        ("region={other_region}", ("archived",)),
        ("region=nowhere", ()),
        ("field={field_one}", ("running",)),
        ("field={retired}", ()),
        ("state=published", ("running",)),
        ("state=archived", ("archived",)),
        ("phase=proposals", ("running",)),
        ("phase=results", ("archived",)),
        ("phase=voting", ()),
        ("region={region}&state=archived", ()),
        ("sort=oldest", ("running", "archived")),
    ],
)
def test_each_filter_gives_exactly_its_consultations(client, world, arguments, expected):
    got = listed(client, "&" + arguments.format(**world.slugs))
    assert sorted(got) == sorted(named(world, *expected))


def test_the_sorts(client, world):
    both = named(world, "running", "archived")
    assert listed(client, "&sort=oldest") == sorted(both)
    assert listed(client, "&sort=newest") == sorted(both, reverse=True)


@pytest.mark.parametrize(
    "arguments, parameter",
    [
        ("state=draft", "state"),
        ("phase=sleeping", "phase"),
        ("sort=most_supported", "sort"),
        ("limit=0", "limit"),
        ("limit=1000", "limit"),
        ("region=" + "r" * 61, "region"),
        ("cursor=eyJ4Ijox", "cursor"),
    ],
)
def test_bad_values_are_refused_naming_the_parameter(client, world, arguments, parameter):
    response = client.get(f"{API}/consultations?{arguments}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["parameter"] for error in response.get_json()["errors"]] == [parameter]


def test_unknown_consultations_are_not_found(client, world):
    for path in ("/consultations/0", "/consultations/424242", f"/consultations/{2**31}"):
        response = client.get(API + path)
        assert response.status_code == 404, path
        assert response.mimetype == "application/problem+json"
