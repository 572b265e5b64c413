"""/api/v1/organisations: the verified organisations of the public directory, nothing else."""

from datetime import datetime

import pytest

from app.api.pagination import encode_cursor
from app.api.statements import NEWEST_FIRST as NEWEST_STATEMENTS
from app.extensions import db
from app.organisations.models import OrganisationKind, OrganisationStatus
from app.organisations.queries import DirectoryFilters, directory_page
from tests.factories import make_field_of_action, make_region, make_user
from tests.organisation_builders import organisation

LIST = "/api/v1/organisations"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["id"] for item in response.get_json()["data"]]


@pytest.fixture
def world():
    """Verified organisations in two regions, and one in each state that is not public."""
    north, south = make_region("nord"), make_region("sued")
    health, work = make_field_of_action("gesundheit"), make_field_of_action("arbeit")
    admin = make_user(email="vorstand@bruecke.example", display_name="Ayşe Vorstand")
    member = make_user(email="mitglied@bruecke.example", display_name="Bilal Mitglied")
    bridge = organisation(
        north,
        name="Kulturverein Brücke e. V.",
        admins=[admin],
        members=[member],
        fields=[health],
        description={"de": "Ein Verein für Begegnung.", "tr": "Bir dernek.", "en": " "},
    )
    bridge.website = "https://bruecke.example"
    bridge.contact_email = "kontakt@bruecke.example"
    bridge.verified_at = datetime(2026, 3, 4, 5, 6, 7)
    welfare = organisation(
        south, name="Caritas Süd", kind=OrganisationKind.WELFARE, fields=[work, health]
    )
    both = organisation(north, south, name="Elternnetz 100% Nord_Süd", kind=OrganisationKind.OTHER)
    hidden = {
        state: organisation(north, name=f"Verein {state}", status=state, admins=[admin])
        for state in (
            OrganisationStatus.REQUESTED,
            OrganisationStatus.DECLINED,
            OrganisationStatus.SUSPENDED,
        )
    }
    db.session.commit()
    return {
        "north": north,
        "south": south,
        "health": health,
        "work": work,
        "bridge": bridge,
        "welfare": welfare,
        "both": both,
        "hidden": hidden,
    }


def test_lists_verified_organisations_only(client, world):
    assert ids(client.get(LIST)) == [world["bridge"].id, world["welfare"].id, world["both"].id]


@pytest.mark.parametrize(
    "state",
    [OrganisationStatus.REQUESTED, OrganisationStatus.DECLINED, OrganisationStatus.SUSPENDED],
)
def test_unverified_organisation_is_absent(client, world, state):
    organisation_id = world["hidden"][state].id
    response = client.get(f"{LIST}/{organisation_id}")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert organisation_id not in ids(client.get(LIST, query_string={"region": "nord"}))


def test_missing_or_out_of_range_organisation_is_absent(client, world):
    assert client.get(f"{LIST}/999999").status_code == 404
    assert client.get(f"{LIST}/{2**31}").status_code == 404


def test_one_organisation_has_its_public_profile_fields(client, world):
    bridge = world["bridge"]
    response = client.get(f"{LIST}/{bridge.id}")
    assert response.status_code == 200
    assert response.get_json() == {
        "id": bridge.id,
        "name": "Kulturverein Brücke e. V.",
        "kind": "migrant_organisation",
        "description": {"de": "Ein Verein für Begegnung.", "tr": "Bir dernek."},
        "website": "https://bruecke.example",
        "regions": ["nord"],
        "fields_of_action": ["gesundheit"],
        "verified_at": "2026-03-04T05:06:07Z",
        "url": f"http://localhost/organisations/{bridge.id}",
        "statements": f"http://localhost/api/v1/statements?organisation={bridge.id}",
    }
    assert client.get(response.get_json()["url"]).status_code == 200
    statements = client.get(response.get_json()["statements"])
    assert statements.status_code == 200
    assert statements.get_json()["data"] == []


def test_organisation_without_website_gives_null(client, world):
    item = client.get(f"{LIST}/{world['welfare'].id}").get_json()
    assert item["website"] is None
    assert item["regions"] == ["sued"]
    assert item["fields_of_action"] == ["gesundheit", "arbeit"]  # by position, as on the page


def test_no_address_and_no_member_in_any_response(client, world):
    bodies = [
        client.get(LIST).get_data(as_text=True),
        client.get(f"{LIST}/{world['bridge'].id}").get_data(as_text=True),
    ]
    for body in bodies:
        assert "@" not in body
        assert "kontakt" not in body and "vorstand" not in body
        assert "Ay\\u015fe" not in body and "Ayşe" not in body
        assert "Bilal" not in body
        assert "contact" not in body and "member" not in body


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"region": "nord"}, ["bridge", "both"]),
        ({"region": "sued"}, ["welfare", "both"]),
        ({"field": "gesundheit"}, ["bridge", "welfare"]),
        ({"field": "arbeit", "region": "sued"}, ["welfare"]),
        ({"kind": "welfare"}, ["welfare"]),
        ({"q": "brücke"}, ["bridge"]),
        ({"q": "  BRÜCKE  "}, ["bridge"]),
        ({"q": "100%"}, ["both"]),
        ({"q": "nord_süd"}, ["both"]),
        ({"q": "%"}, ["both"]),
        ({"q": "_"}, ["both"]),
        ({"q": "verein requested"}, []),
        ({"region": "nirgendwo"}, []),
        ({"field": "nichts"}, []),
    ],
)
def test_filters_as_in_the_directory(client, world, arguments, expected):
    assert ids(client.get(LIST, query_string=arguments)) == [world[name].id for name in expected]


@pytest.mark.parametrize(
    "arguments",
    [
        {},
        {"region": "nord"},
        {"region": "sued", "field": "gesundheit"},
        {"kind": "other"},
        {"q": "verein"},
        {"q": "süd"},
    ],
)
def test_lists_exactly_what_the_directory_lists(client, world, arguments):
    filters = DirectoryFilters.from_args(arguments, ("nord", "sued"), ("gesundheit", "arbeit"))
    directory = {organisation.id for organisation in directory_page(filters).items}
    assert set(ids(client.get(LIST, query_string=arguments))) == directory
    assert directory  # each case lists something


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"kind": "club"}, "kind"),
        ({"q": "x" * 101}, "q"),
        ({"limit": "0"}, "limit"),
        ({"cursor": "nonsense"}, "cursor"),
    ],
)
def test_bad_parameters_are_refused(client, world, arguments, parameter):
    response = client.get(LIST, query_string=arguments)
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    assert [error["parameter"] for error in response.get_json()["errors"]] == [parameter]


def test_pages_through_a_cursor(client, world):
    north = world["north"]
    extra = [organisation(north, name=f"Verein {number}") for number in range(4)]
    db.session.commit()
    expected = [world["bridge"].id, world["welfare"].id, world["both"].id] + [o.id for o in extra]

    seen, url, pages = [], f"{LIST}?limit=3", 0
    while url:
        response = client.get(url)
        seen += ids(response)
        body = response.get_json()
        assert body["meta"] == {"limit": 3}
        url = body["links"]["next"]
        if url:
            assert response.headers["Link"] == f'<{url}>; rel="next"'
            # A new organisation verified while paging comes at the end, never twice.
            if pages == 0:
                late = organisation(north, name="Späte Initiative")
                db.session.commit()
                expected.append(late.id)
        else:
            assert "Link" not in response.headers
        pages += 1
    assert seen == expected
    assert pages == 3


def test_cursor_keeps_the_filters(client, world):
    first = client.get(LIST, query_string={"region": "nord", "limit": 1}).get_json()
    assert [item["id"] for item in first["data"]] == [world["bridge"].id]
    assert "region=nord" in first["links"]["next"]
    second = client.get(first["links"]["next"]).get_json()
    assert [item["id"] for item in second["data"]] == [world["both"].id]
    assert second["links"]["next"] is None


def test_cursor_of_another_list_is_refused(client, world):
    cursor = encode_cursor(NEWEST_STATEMENTS, (world["both"].id,))
    response = client.get(LIST, query_string={"cursor": cursor})
    assert response.status_code == 400


def test_list_costs_the_same_queries_however_many_organisations(client, world, count_queries):
    client.get(LIST)  # warm up (first request of the app, translations)
    with count_queries() as few:
        assert len(ids(client.get(LIST))) == 3
    regions = [make_region() for _ in range(3)]
    fields = [make_field_of_action() for _ in range(3)]
    for number in range(12):
        organisation(
            *regions[: number % 3 + 1], name=f"Initiative {number}", fields=fields[: number % 3]
        )
    db.session.commit()
    with count_queries() as many:
        assert len(ids(client.get(LIST))) == 15
    assert len(many) == len(few)


def test_etag_answers_not_modified(client, world):
    first = client.get(f"{LIST}/{world['bridge'].id}")
    again = client.get(
        f"{LIST}/{world['bridge'].id}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    world["bridge"].name = "Kulturverein Brücke"
    world["bridge"].refresh_search_key()
    db.session.commit()
    changed = client.get(
        f"{LIST}/{world['bridge'].id}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert changed.status_code == 200
    assert changed.get_json()["name"] == "Kulturverein Brücke"
