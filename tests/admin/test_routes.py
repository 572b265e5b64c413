"""Administration: access, user search, roles in regions, the administrator role."""

import re

import pytest

from app.accounts.models import RoleAssignment
from app.extensions import db
from tests.conftest import log_in, post_form
from tests.factories import enrol_second_factor, make_region, make_user, make_user_with_role


@pytest.fixture
def second_client(app):
    return app.test_client()


@pytest.fixture
def kassel():
    region = make_region("kassel", de="Stadt Kassel", en="City of Kassel")
    db.session.commit()
    return region


@pytest.fixture
def target():
    """The account the administrator works on."""
    user = make_user(email="zeynep.kaya@example.org", display_name="Zeynep Kaya")
    db.session.commit()
    return user


def listed_names(page: str) -> list[str]:
    """The display names in the user table, in order."""
    return re.findall(r'<a href="/admin/users/\d+" dir="auto">([^<]+)</a>', page)


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return match.group(1)


ADMIN_PAGES = [
    "/admin/",
    "/admin/users",
    "/admin/users/{user_id}",
    "/admin/imprint",
    "/admin/videos",
    "/admin/feedback",
]


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_send_anonymous_visitors_to_login(client, target, path):
    response = client.get(path.format(user_id=target.id))
    assert response.status_code == 302
    assert response.location.startswith("/account/login")


@pytest.mark.parametrize("role", ["participant", "moderator", "coordinator"])
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_are_forbidden_to_other_roles(client, login_as, target, role, path):
    login_as(role)
    assert client.get(path.format(user_id=target.id)).status_code == 403


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_open_for_administrators(client, login_as, target, path):
    login_as("administrator")
    assert client.get(path.format(user_id=target.id)).status_code == 200


@pytest.mark.parametrize("role", ["participant", "moderator", "coordinator"])
def test_other_roles_cannot_post_admin_actions(client, login_as, kassel, target, role):
    login_as(role, region=kassel)
    data = {"role": "coordinator", "region": kassel.id}
    assert post_form(client, f"/admin/users/{target.id}", data).status_code == 403
    assert post_form(client, f"/admin/users/{target.id}/administrator").status_code == 403
    db.session.refresh(target)
    assert target.roles == []
    assert target.is_administrator is False


def test_administration_link_only_for_administrators(client, login_as):
    login_as("coordinator")
    assert 'href="/admin/"' not in client.get("/").get_data(as_text=True)


# --- finding users ----------------------------------------------------------------------------


@pytest.fixture
def people():
    make_user(email="zeynep.kaya@example.org", display_name="Zeynep Kaya")
    make_user(email="jan.mueller@example.org", display_name="Jan Müller")
    make_user(email="kaya.demir@example.org", display_name="Demir")
    db.session.commit()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zeynep", ["Zeynep Kaya"]),
        ("KAYA", ["Demir", "Zeynep Kaya"]),
        ("Jan M", ["Jan Müller"]),
        ("ZEYNEP.KAYA@EXAMPLE", ["Zeynep Kaya"]),
        ("@Example.ORG", ["Demir", "Jan Müller", "Zeynep Kaya"]),
        ("nobody", []),
    ],
)
def test_user_search_by_name_and_email_ignores_case(client, login_as, people, query, expected):
    login_as("administrator", display_name="Admin", email="admin@ministerium.example")
    response = client.get("/admin/users", query_string={"q": query})
    assert response.status_code == 200
    assert sorted(listed_names(response.get_data(as_text=True))) == expected


@pytest.mark.parametrize(
    ("name", "query"),
    [("Öztürk", "Öztürk"), ("Öztürk", "öztürk"), ("Çelik", "çelik"), ("Ayşe Öz", "AYŞE ÖZ")],
    ids=["exact-spelling", "lower-case-query", "cedilla", "upper-case-query"],
)
def test_user_search_ignores_case_of_non_ascii_letters(client, login_as, name, query):
    make_user(display_name=name)
    login_as("administrator", display_name="Admin")
    page = client.get("/admin/users", query_string={"q": query}).get_data(as_text=True)
    assert listed_names(page) == [name]


def test_user_search_without_query_lists_everybody(client, login_as, people):
    login_as("administrator", display_name="Admin")
    page = client.get("/admin/users").get_data(as_text=True)
    assert sorted(listed_names(page)) == ["Admin", "Demir", "Jan Müller", "Zeynep Kaya"]


def test_user_search_is_paginated(client, login_as):
    for number in range(1, 52):
        make_user(display_name=f"Mitglied {number:02d}")
    db.session.commit()
    login_as("administrator", display_name="Admin", locale="en")

    first = client.get("/admin/users", query_string={"q": "mitglied"}).get_data(as_text=True)
    names = listed_names(first)
    assert len(names) == 50
    assert names[0] == "Mitglied 51"  # newest first
    assert "51 accounts" in first
    assert "Page 1 of 2" in first
    assert 'href="/admin/users?q=mitglied&amp;page=2" rel="next"' in first

    second = client.get("/admin/users", query_string={"q": "mitglied", "page": 2})
    assert listed_names(second.get_data(as_text=True)) == ["Mitglied 01"]
    assert 'rel="next"' not in second.get_data(as_text=True)


@pytest.mark.parametrize("page", ["0", "-3", "abc", "99"])
def test_odd_page_numbers_do_not_break_the_list(client, login_as, page):
    login_as("administrator")
    response = client.get("/admin/users", query_string={"page": page})
    assert response.status_code == 200


# --- roles in regions -------------------------------------------------------------------------


def test_administrator_assigns_a_coordinator_role(client, login_as, kassel, target):
    admin = login_as("administrator", locale="en")
    response = post_form(
        client, f"/admin/users/{target.id}", {"role": "coordinator", "region": kassel.id}
    )
    assert response.status_code == 302
    assert response.location == f"/admin/users/{target.id}"
    assignment = db.session.scalar(db.select(RoleAssignment))
    assert (assignment.user_id, assignment.region_id, assignment.role) == (
        target.id,
        kassel.id,
        "coordinator",
    )
    assert assignment.assigned_by_id == admin.id
    page = client.get(f"/admin/users/{target.id}").get_data(as_text=True)
    assert "Coordinator: City of Kassel" in page
    assert "Zeynep Kaya" in client.get("/regions/kassel").get_data(as_text=True)


def test_duplicate_role_is_refused_with_a_message(client, login_as, kassel, target):
    db.session.add(RoleAssignment(user=target, region=kassel, role="coordinator"))
    db.session.commit()
    login_as("administrator", locale="en")
    response = post_form(
        client, f"/admin/users/{target.id}", {"role": "coordinator", "region": kassel.id}
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This person already has this role in this region." in field_error(page, "region")
    assert db.session.scalar(db.select(db.func.count(RoleAssignment.id))) == 1


def test_the_same_person_may_moderate_where_they_coordinate(client, login_as, kassel, target):
    db.session.add(RoleAssignment(user=target, region=kassel, role="coordinator"))
    db.session.commit()
    login_as("administrator")
    response = post_form(
        client, f"/admin/users/{target.id}", {"role": "moderator", "region": kassel.id}
    )
    assert response.status_code == 302
    db.session.refresh(target)
    assert sorted(assignment.role for assignment in target.roles) == ["coordinator", "moderator"]


@pytest.mark.parametrize(
    ("role", "region"), [("administrator", "kassel"), ("coordinator", "999999")]
)
def test_role_or_region_outside_the_lists_is_refused(
    client, login_as, kassel, target, role, region
):
    login_as("administrator")
    region_id = kassel.id if region == "kassel" else region
    response = post_form(client, f"/admin/users/{target.id}", {"role": role, "region": region_id})
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(RoleAssignment.id))) == 0


def test_administrator_removes_a_role(client, login_as, kassel, target):
    assignment = RoleAssignment(user=target, region=kassel, role="moderator")
    db.session.add(assignment)
    db.session.commit()
    login_as("administrator")
    response = post_form(client, f"/admin/users/{target.id}/roles/{assignment.id}/remove")
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(RoleAssignment.id))) == 0


def test_removing_a_role_through_another_users_address_changes_nothing(
    client, login_as, kassel, target
):
    other = make_user_with_role("coordinator", region=kassel)
    db.session.commit()
    assignment = other.roles[0]
    login_as("administrator")
    response = post_form(client, f"/admin/users/{target.id}/roles/{assignment.id}/remove")
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(RoleAssignment.id))) == 1


# --- the administrator role -------------------------------------------------------------------


def test_administrator_makes_another_user_administrator_and_back(client, login_as, target):
    login_as("administrator")
    assert post_form(client, f"/admin/users/{target.id}/administrator").status_code == 302
    db.session.refresh(target)
    assert target.is_administrator is True
    assert post_form(client, f"/admin/users/{target.id}/administrator").status_code == 302
    db.session.refresh(target)
    assert target.is_administrator is False


def test_administrator_cannot_change_their_own_administrator_flag(client, login_as):
    admin = login_as("administrator", locale="en")
    page = client.get(f"/admin/users/{admin.id}").get_data(as_text=True)
    assert "You cannot change your own administrator role." in page
    response = post_form(client, f"/admin/users/{admin.id}/administrator")
    assert response.status_code == 403
    db.session.refresh(admin)
    assert admin.is_administrator is True


def test_withdrawing_the_administrator_role_ends_their_sessions(client, second_client, login_as):
    login_as("administrator")
    colleague = make_user_with_role("administrator", display_name="Kollegin")
    db.session.commit()
    old_token = colleague.session_token
    log_in(second_client, colleague)
    assert second_client.get("/admin/").status_code == 200

    response = post_form(client, f"/admin/users/{colleague.id}/administrator")
    assert response.status_code == 302

    db.session.refresh(colleague)
    assert colleague.is_administrator is False
    assert colleague.session_token != old_token
    response = second_client.get("/admin/")
    assert response.status_code == 302
    assert response.location.startswith("/account/login")


def test_granting_the_administrator_role_keeps_their_session(client, second_client, login_as):
    login_as("administrator")
    target = make_user(display_name="Bald Admin")
    enrol_second_factor(target)  # staff pages need one; the session has passed it
    db.session.commit()
    log_in(second_client, target)
    assert second_client.get("/admin/").status_code == 403
    post_form(client, f"/admin/users/{target.id}/administrator")
    assert second_client.get("/admin/").status_code == 200


def test_unknown_user_is_404(client, login_as):
    login_as("administrator")
    assert client.get("/admin/users/999999").status_code == 404
    assert post_form(client, "/admin/users/999999/administrator").status_code == 404


def test_users_are_untouched_by_failed_admin_posts(client, login_as, target):
    """Sanity: a refused post leaves the account as it was."""
    login_as("participant")
    before = (target.email, target.is_administrator, target.session_token)
    post_form(client, f"/admin/users/{target.id}/administrator")
    db.session.refresh(target)
    assert (target.email, target.is_administrator, target.session_token) == before
