"""/api/v1/regions and /api/v1/fields-of-action: the catalogues as the pages show them; retired
fields of action are neither listed nor fetched; no address of anyone."""

import pytest

from tests.api.planted import API, assert_no_address, plant


@pytest.fixture
def world(app):
    return plant()


def test_the_regions_with_their_active_fields(client, world):
    response = client.get(f"{API}/regions")
    assert response.status_code == 200
    by_slug = {item["slug"]: item for item in response.get_json()["data"]}
    assert set(by_slug) == {world.slugs["region"], world.slugs["other_region"]}
    region = by_slug[world.slugs["region"]]
    # The retired field is not named, the two active ones are.
    assert sorted(region["fields_of_action"]) == sorted(
        [world.slugs["field_one"], world.slugs["field_two"]]
    )
    assert region["consultations"].endswith(f"/api/v1/consultations?region={region['slug']}")
    assert_no_address(response.get_data(as_text=True), world)


def test_one_region(client, world):
    response = client.get(f"{API}/regions/{world.slugs['other_region']}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["slug"] == world.slugs["other_region"]
    assert body["fields_of_action"] == [world.slugs["field_two"]]
    assert body["kind"] == "model_region"
    assert_no_address(response.get_data(as_text=True), world)


def test_the_fields_of_action_without_the_retired_one(client, world):
    response = client.get(f"{API}/fields-of-action")
    assert response.status_code == 200
    slugs = [item["slug"] for item in response.get_json()["data"]]
    assert slugs == [world.slugs["field_one"], world.slugs["field_two"]]
    assert client.get(f"{API}/fields-of-action/{world.slugs['field_one']}").status_code == 200


def test_a_retired_field_of_action_is_not_found(client, world):
    response = client.get(f"{API}/fields-of-action/{world.slugs['retired']}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize(
    "path", ["/regions/nowhere", "/fields-of-action/nothing", "/regions/a%00b"]
)
def test_unknown_slugs_are_not_found(client, world, path):
    response = client.get(API + path)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
