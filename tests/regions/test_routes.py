"""Region pages, region editing by coordinators, Kompetenzkreis regions, fields of action."""

import re

import pytest

from app.accounts.models import RoleAssignment
from app.extensions import db
from app.regions.models import FieldOfAction, Region, RegionKind
from app.seed import load_base_data
from tests.conftest import csrf_token, post_form
from tests.factories import make_field_of_action, make_region, make_user_with_role


@pytest.fixture
def kassel():
    region = make_region("kassel", de="Stadt Kassel", en="City of Kassel")
    db.session.commit()
    return region


@pytest.fixture
def wetzlar():
    region = make_region("wetzlar", de="Stadt Wetzlar", en="City of Wetzlar")
    db.session.commit()
    return region


def translated(prefix: str, **texts) -> dict[str, str]:
    """Form data for one translated field: translated("name", de="...") -> {"name_de": ...}."""
    return {f"{prefix}_{code}": text for code, text in texts.items()}


def texts(name: str, description: str = "Eine Beschreibung.") -> dict[str, str]:
    """The German name and description, both required by the region and field forms."""
    return {"name_de": name, "description_de": description}


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return match.group(1)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.location.startswith("/account/login")


# --- public pages -----------------------------------------------------------------------------


def test_region_list_is_public_and_shows_names(client, kassel):
    make_region("giessen", kind=RegionKind.KOMPETENZKREIS, de="Stadt Gießen")
    db.session.commit()
    response = client.get("/regions/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Stadt Kassel" in page
    assert "Stadt Gießen" in page
    assert 'href="/regions/kassel"' in page
    assert 'href="/regions/giessen"' in page


def test_region_list_shows_the_english_name_in_english(client, kassel):
    page = client.get("/regions/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "City of Kassel" in page


def test_region_detail_is_public_and_shows_name_and_coordinators(client, kassel, wetzlar):
    make_user_with_role("coordinator", region=kassel, display_name="Alba Koordinatorin")
    make_user_with_role("moderator", region=kassel, display_name="Moritz Moderator")
    make_user_with_role("coordinator", region=wetzlar, display_name="Wanda Wetzlar")
    db.session.commit()
    response = client.get("/regions/kassel")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Stadt Kassel</h1>" in page
    assert '<li dir="auto">Alba Koordinatorin</li>' in page
    assert "Moritz Moderator" not in page
    assert "Wanda Wetzlar" not in page


def test_region_detail_without_coordinators_lists_nobody(client, kassel):
    make_user_with_role("moderator", region=kassel, display_name="Moritz Moderator")
    db.session.commit()
    page = client.get("/regions/kassel").get_data(as_text=True)
    assert '<li dir="auto">' not in page
    assert "Moritz Moderator" not in page


def test_unknown_region_is_404(client):
    assert client.get("/regions/nowhere").status_code == 404


def test_unknown_region_edit_is_404_even_for_administrators(client, login_as):
    login_as("administrator")
    assert client.get("/regions/nowhere/edit").status_code == 404


# --- editing the texts of a region ------------------------------------------------------------


def test_edit_texts_sends_anonymous_visitors_to_login(client, kassel):
    response = client.get("/regions/kassel/edit")
    assert is_login_redirect(response)


@pytest.mark.parametrize(
    ("role", "region", "status"),
    [
        ("participant", None, 403),
        ("moderator", "kassel", 403),
        ("coordinator", "wetzlar", 403),
        ("coordinator", "kassel", 200),
        ("administrator", None, 200),
    ],
)
def test_who_may_open_the_edit_page(client, login_as, kassel, wetzlar, role, region, status):
    login_as(role, region={"kassel": kassel, "wetzlar": wetzlar}.get(region))
    assert client.get("/regions/kassel/edit").status_code == status


def test_coordinator_of_another_region_cannot_post_texts(client, login_as, kassel, wetzlar):
    login_as("coordinator", region=wetzlar)
    response = post_form(client, "/regions/kassel/edit", texts("Gekapert"))
    assert response.status_code == 403
    db.session.refresh(kassel)
    assert kassel.name["de"] == "Stadt Kassel"


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/regions/kassel/edit", ("Stadt Kassel", "City of Kassel")),
        ("/regions/fields-of-action/language/edit", ("Sprache und Bildung", "Language")),
    ],
)
def test_edit_pages_are_filled_with_the_current_texts(client, login_as, kassel, path, names):
    make_field_of_action("language", de="Sprache und Bildung", en="Language")
    login_as("administrator")
    page = client.get(path).get_data(as_text=True)
    for name in names:
        assert f'value="{name}"' in page


def test_coordinator_saves_the_texts(client, login_as, kassel):
    login_as("coordinator", region=kassel)
    data = {
        **translated("name", de="Documenta-Stadt Kassel", en="Documenta City of Kassel", tr=" "),
        **translated("description", de="Wir planen *gemeinsam*."),
    }
    response = post_form(client, "/regions/kassel/edit", data)
    assert response.status_code == 302
    assert response.location == "/regions/kassel"
    db.session.refresh(kassel)
    assert kassel.name == {"de": "Documenta-Stadt Kassel", "en": "Documenta City of Kassel"}
    assert kassel.description == {"de": "Wir planen *gemeinsam*."}
    page = client.get("/regions/kassel").get_data(as_text=True)
    assert "Documenta-Stadt Kassel" in page
    assert "<em>gemeinsam</em>" in page


def test_missing_german_name_is_shown_next_to_the_field_and_keeps_the_input(
    client, login_as, kassel
):
    login_as("coordinator", region=kassel, locale="en")
    data = {
        **translated("name", de="  ", en="Typed English name", ar="كاسل"),
        **translated("description", de="Getippte Beschreibung"),
    }
    response = post_form(client, "/regions/kassel/edit", data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Please fill in this field." in field_error(page, "name_de")
    assert 'value="Typed English name"' in page
    assert 'value="كاسل"' in page
    assert "Getippte Beschreibung</textarea>" in page
    db.session.refresh(kassel)
    assert kassel.name == {"de": "Stadt Kassel", "en": "City of Kassel"}


def test_administrator_may_edit_any_region(client, login_as, kassel, wetzlar):
    login_as("administrator")
    for region, name in ((kassel, "Kassel neu"), (wetzlar, "Wetzlar neu")):
        response = post_form(client, f"/regions/{region.slug}/edit", texts(name))
        assert response.status_code == 302
        db.session.refresh(region)
        assert region.name == {"de": name}


# --- choosing fields of action ----------------------------------------------------------------


@pytest.fixture
def fields():
    language = make_field_of_action("language", de="Sprache und Bildung")
    work = make_field_of_action("work", de="Arbeit und Ausbildung")
    health = make_field_of_action("health", de="Gesundheit und Pflege")
    db.session.commit()
    return language, work, health


def test_choose_fields_page_lists_the_catalogue(client, login_as, kassel, fields):
    login_as("coordinator", region=kassel)
    response = client.get("/regions/kassel/fields-of-action")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for field in fields:
        assert f'value="{field.id}"' in page


@pytest.mark.parametrize(("role", "status"), [("participant", 403), ("moderator", 403)])
def test_choose_fields_is_refused_to_others(client, login_as, kassel, fields, role, status):
    login_as(role, region=kassel)
    response = post_form(
        client, "/regions/kassel/fields-of-action", {"fields_of_action": [fields[0].id]}
    )
    assert response.status_code == status
    db.session.refresh(kassel)
    assert kassel.fields_of_action == []


def test_coordinator_chooses_fields(client, login_as, kassel, fields):
    language, _work, health = fields
    login_as("coordinator", region=kassel)
    response = post_form(
        client, "/regions/kassel/fields-of-action", {"fields_of_action": [language.id, health.id]}
    )
    assert response.status_code == 302
    db.session.refresh(kassel)
    assert {field.slug for field in kassel.fields_of_action} == {"language", "health"}
    page = client.get("/regions/kassel").get_data(as_text=True)
    assert "Gesundheit und Pflege" in page
    assert "Arbeit und Ausbildung" not in page


@pytest.mark.parametrize("tampered", ["999999", "not-a-number", "inactive"])
def test_tampered_field_id_is_refused_without_change(client, login_as, kassel, fields, tampered):
    language, work, _health = fields
    kassel.fields_of_action = [work]
    inactive = make_field_of_action("retired", de="Ausgelaufen")
    inactive.is_active = False
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    value = str(inactive.id) if tampered == "inactive" else tampered
    response = post_form(
        client, "/regions/kassel/fields-of-action", {"fields_of_action": [language.id, value]}
    )
    assert response.status_code == 200
    assert 'class="field-error" id="fields_of_action-error"' in response.get_data(as_text=True)
    db.session.refresh(kassel)
    assert [field.slug for field in kassel.fields_of_action] == ["work"]


# --- Kompetenzkreis regions -------------------------------------------------------------------


def test_administrator_creates_a_kompetenzkreis_region(client, login_as):
    login_as("administrator")
    data = {
        **translated("name", de="Stadt Gießen", en="City of Giessen"),
        **translated("description", de="Lernt von den Modellregionen."),
    }
    response = post_form(client, "/regions/new", data)
    assert response.status_code == 302
    assert response.location == "/regions/stadt-giessen"
    region = db.session.scalar(db.select(Region).where(Region.slug == "stadt-giessen"))
    assert region.kind == RegionKind.KOMPETENZKREIS
    assert region.name == {"de": "Stadt Gießen", "en": "City of Giessen"}
    page = client.get("/regions/stadt-giessen").get_data(as_text=True)
    assert "<h1>Stadt Gießen</h1>" in page


def test_anonymous_visitors_are_sent_to_login_for_new_regions(client):
    assert is_login_redirect(client.get("/regions/new"))


@pytest.mark.parametrize("role", ["participant", "moderator", "coordinator"])
def test_only_administrators_create_regions(client, login_as, role):
    login_as(role)
    assert client.get("/regions/new").status_code == 403
    response = post_form(client, "/regions/new", texts("Stadt Fulda"))
    assert response.status_code == 403
    assert db.session.scalar(db.select(Region).where(Region.slug == "stadt-fulda")) is None


def test_duplicate_region_name_is_refused(client, login_as):
    login_as("administrator", locale="en")
    assert post_form(client, "/regions/new", texts("Stadt Fulda")).status_code == 302
    response = post_form(client, "/regions/new", texts("Stadt  Fulda"))
    assert response.status_code == 200
    assert "A region with this name already exists." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Region.id))) == 1


def test_kompetenzkreis_region_with_the_name_of_a_model_region_is_refused(client, login_as):
    load_base_data()  # the six model regions: slug "kassel", German name "Stadt Kassel"
    login_as("administrator", locale="en")
    response = post_form(client, "/regions/new", texts("Stadt Kassel"))
    assert response.status_code == 200
    assert "A region with this name already exists." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Region.id))) == 6


@pytest.mark.parametrize("name", ["New", "Fields-Of-Action"])
def test_new_region_whose_name_matches_a_route_is_reachable(client, login_as, name):
    """The slug comes from the German name; it must not land on /regions/new and the like."""
    login_as("administrator")
    response = post_form(client, "/regions/new", texts(name))
    if response.status_code == 200:  # refused: also fine, as long as nothing was created
        assert db.session.scalar(db.select(db.func.count(Region.id))) == 0
        return
    page = client.get(response.location, follow_redirects=True)
    assert page.status_code == 200
    assert f"<h1>{name}</h1>" in page.get_data(as_text=True)


# --- the catalogue of fields of action --------------------------------------------------------


def test_fields_of_action_list_is_public_and_hides_inactive_fields(client, fields):
    retired = make_field_of_action("retired", de="Ausgelaufenes Feld")
    retired.is_active = False
    db.session.commit()
    response = client.get("/regions/fields-of-action/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Sprache und Bildung" in page
    assert "Ausgelaufenes Feld" not in page


@pytest.mark.parametrize(
    "path", ["/regions/fields-of-action/manage", "/regions/fields-of-action/new"]
)
def test_catalogue_management_sends_anonymous_visitors_to_login(client, path):
    assert is_login_redirect(client.get(path))


@pytest.mark.parametrize("role", ["participant", "moderator", "coordinator"])
@pytest.mark.parametrize(
    "path",
    [
        "/regions/fields-of-action/manage",
        "/regions/fields-of-action/new",
        "/regions/fields-of-action/language/edit",
    ],
)
def test_catalogue_management_is_for_administrators_only(client, login_as, fields, role, path):
    login_as(role)
    assert client.get(path).status_code == 403


def test_coordinator_cannot_post_a_new_field(client, login_as):
    login_as("coordinator")
    response = post_form(client, "/regions/fields-of-action/new", texts("Sport"))
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count(FieldOfAction.id))) == 0


def test_administrator_manages_the_catalogue(client, login_as, fields):
    login_as("administrator")
    page = client.get("/regions/fields-of-action/manage").get_data(as_text=True)
    assert "Sprache und Bildung" in page
    assert 'href="/regions/fields-of-action/language/edit"' in page


def test_administrator_adds_a_field(client, login_as):
    login_as("administrator")
    data = {**texts("Sport und Freizeit"), "name_en": "Sport", "position": "7"}
    response = post_form(client, "/regions/fields-of-action/new", {**data, "is_active": "y"})
    assert response.status_code == 302
    assert response.location == "/regions/fields-of-action/manage"
    field = db.session.scalar(db.select(FieldOfAction))
    assert (field.slug, field.name, field.position, field.is_active) == (
        "sport-und-freizeit",
        {"de": "Sport und Freizeit", "en": "Sport"},
        7,
        True,
    )


def test_administrator_edits_and_deactivates_a_field(client, login_as, fields):
    language = fields[0]
    login_as("administrator")
    data = {**texts("Sprache"), "position": "3"}  # no is_active: unticked
    response = post_form(client, "/regions/fields-of-action/language/edit", data)
    assert response.status_code == 302
    db.session.refresh(language)
    assert (language.slug, language.name, language.position, language.is_active) == (
        "language",
        {"de": "Sprache"},
        3,
        False,
    )


def test_duplicate_field_name_is_refused(client, login_as):
    login_as("administrator", locale="en")
    data = {**texts("Sport und Freizeit"), "position": "0"}
    assert post_form(client, "/regions/fields-of-action/new", data).status_code == 302
    response = post_form(client, "/regions/fields-of-action/new", data)
    assert response.status_code == 200
    assert "A field of action with this name already exists." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(FieldOfAction.id))) == 1


def test_field_with_the_name_of_a_seeded_field_is_refused(client, login_as):
    load_base_data()  # slug "language-education", German name "Sprache und Bildung"
    login_as("administrator", locale="en")
    data = {**texts("Sprache und Bildung"), "position": "0"}
    response = post_form(client, "/regions/fields-of-action/new", data)
    assert response.status_code == 200
    assert "A field of action with this name already exists." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(FieldOfAction.id))) == 6


# --- CSRF -------------------------------------------------------------------------------------


def test_post_without_csrf_token_is_refused_and_changes_nothing(client, login_as, kassel, fields):
    login_as("administrator")
    csrf_token(client)  # the session has a token; the forms below just do not send it
    attempts = [
        ("/regions/kassel/edit", texts("Ohne Token")),
        ("/regions/kassel/fields-of-action", {"fields_of_action": [fields[0].id]}),
        ("/regions/new", texts("Stadt Ohne Token")),
        ("/regions/fields-of-action/new", {**texts("Ohne Token"), "position": 0}),
        ("/regions/fields-of-action/language/edit", texts("Ohne Token")),
    ]
    for path, data in attempts:
        response = client.post(path, data=data)
        assert response.status_code == 400, path
    db.session.expire_all()
    assert kassel.name["de"] == "Stadt Kassel"
    assert kassel.fields_of_action == []
    assert db.session.scalar(db.select(db.func.count(Region.id))) == 1
    assert {field.name["de"] for field in db.session.scalars(db.select(FieldOfAction))} == {
        "Sprache und Bildung",
        "Arbeit und Ausbildung",
        "Gesundheit und Pflege",
    }


def test_post_with_a_wrong_csrf_token_is_refused(client, login_as, kassel):
    login_as("coordinator", region=kassel)
    csrf_token(client)
    data = {"csrf_token": "forged", **texts("Gefälscht")}
    assert client.post("/regions/kassel/edit", data=data).status_code == 400
    db.session.refresh(kassel)
    assert kassel.name["de"] == "Stadt Kassel"


def test_role_assignments_are_untouched_by_region_pages(client, kassel):
    """Sanity: the fixtures above create no roles behind the tests' back."""
    assert db.session.scalar(db.select(db.func.count(RoleAssignment.id))) == 0
