"""The "delete my account" page: what it says, the password (and code) it asks for, refusals."""

import re
from datetime import UTC, datetime

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape

from app.accounts import mfa
from app.accounts.models import User
from app.extensions import db
from app.organisations.models import MemberRole, Membership
from tests.conftest import log_in, post_form
from tests.factories import (
    PASSWORD,
    enrol_second_factor,
    make_region,
    make_user,
    make_user_with_role,
)
from tests.organisation_builders import organisation
from tests.participation_builders import comment, consultation, proposal

PATH = "/account/delete"
EN = {"Accept-Language": "en"}
# Ten seconds into a 30-second step of the second factor.
NOON = datetime(2026, 3, 2, 12, 0, 10, tzinfo=UTC)


@pytest.fixture
def person(client):
    make_user_with_role("administrator")  # so the person is never the platform's last one
    user = make_user(display_name="Ilse Example", locale="en")
    db.session.commit()
    log_in(client, user)
    return user


def _code(secret: str) -> str:
    return mfa.code_at(secret, int(NOON.timestamp()) // mfa.STEP_SECONDS)


def _checked(html: str, value: str) -> bool:
    tag = re.search(rf'<input[^>]*value="{value}"[^>]*>', html)
    assert tag, f"no radio button {value}"
    return "checked" in tag.group(0)


def test_the_page_says_what_happens_and_asks_for_choice_password_and_confirmation(client, person):
    region = make_region()
    c = consultation(region)
    p = proposal(c, person)
    comment(p, person)
    sole = organisation(region, name="Gartenfreunde", admins=[person])
    db.session.add(
        Membership(
            organisation=sole, user=make_user(display_name="Otto Early"), role=MemberRole.MEMBER
        )
    )
    db.session.commit()

    response = client.get(PATH)
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "<h1>Delete your account</h1>" in html
    assert "You are logged out at once, on all devices." in html
    assert "Your votes stay in the results as anonymous counts." in html
    assert "1 proposal" in html and "1 comment" in html
    assert (
        "only admin of <bdi>Gartenfreunde</bdi>: its longest-standing member, <bdi>Otto Early</bdi>"
        in html
    )
    assert _checked(html, "keep") and not _checked(html, "remove")
    assert 'name="password"' in html and 'autocomplete="current-password"' in html
    assert 'name="confirm"' in html
    assert 'name="code"' not in html  # no second factor, no code
    assert "Delete my account for good" in html


def test_a_wrong_password_keeps_the_choice_and_deletes_nothing(client, person):
    response = post_form(
        client,
        PATH,
        {"contributions": "remove", "password": "not my password", "confirm": "y"},
    )
    html = response.get_data(as_text=True)

    assert response.status_code == 400  # the service refused: the form again, with the error
    assert 'id="password-error"' in html
    assert "The current password is not correct." in html
    assert _checked(html, "remove") and not _checked(html, "keep")
    assert db.session.get(User, person.id) is not None
    assert client.get("/account/").status_code == 200  # still logged in


def test_without_the_confirmation_box_nothing_is_deleted(client, person):
    response = post_form(client, PATH, {"contributions": "keep", "password": PASSWORD})

    assert response.status_code == 200
    assert "Please tick the box to confirm the deletion." in response.get_data(as_text=True)
    assert db.session.get(User, person.id) is not None


def test_an_unknown_choice_is_refused(client, person):
    response = post_form(
        client,
        PATH,
        {"contributions": "everything", "password": PASSWORD, "confirm": "y"},
    )

    assert response.status_code == 200
    assert "Please choose what happens to your contributions." in response.get_data(as_text=True)
    assert db.session.get(User, person.id) is not None


def test_a_request_without_csrf_token_is_refused(client, person):
    response = client.post(
        PATH, data={"contributions": "keep", "password": PASSWORD, "confirm": "y"}
    )

    assert response.status_code == 400
    assert db.session.get(User, person.id) is not None


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(PATH)

    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
    assert client.post(PATH, data={}).status_code in (302, 400)


def test_success_logs_out_and_confirms_on_the_start_page(client, person):
    person_id = person.id
    response = post_form(
        client,
        PATH,
        {"contributions": "keep", "password": PASSWORD, "confirm": "y"},
    )

    assert response.status_code == 302
    start = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Your account has been deleted." in start
    assert "Ilse Example" not in start
    assert db.session.get(User, person_id) is None


def test_the_start_page_after_deletion_keeps_the_persons_language(client, person):
    person.locale = "tr"
    db.session.commit()
    response = post_form(
        client, PATH, {"contributions": "keep", "password": PASSWORD, "confirm": "y"}
    )

    # The browser asks for English; the person used Mitreden in Turkish.
    start = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    with force_locale("tr"):
        confirmation = gettext(
            "Your account has been deleted. Thank you for taking part. You can register again "
            "at any time."
        )
    assert '<html lang="tr"' in start
    assert str(escape(confirmation)) in start


def test_the_last_administrator_sees_why_and_gets_no_form(client, time_machine):
    time_machine.move_to(NOON, tick=False)
    admin = make_user_with_role("administrator", locale="en")
    secret = enrol_second_factor(admin)
    db.session.commit()
    log_in(client, admin)

    html = client.get(PATH).get_data(as_text=True)

    assert "You are the only administrator of the platform." in html
    assert 'name="password"' not in html
    # Sent anyway (with everything right), the service refuses it.
    response = post_form(
        client,
        PATH,
        {"contributions": "keep", "password": PASSWORD, "confirm": "y", "code": _code(secret)},
    )
    assert response.status_code == 400
    assert "You are the only administrator of the platform." in response.get_data(as_text=True)
    assert db.session.get(User, admin.id) is not None


def test_with_a_second_factor_a_current_code_is_needed(client, time_machine):
    time_machine.move_to(NOON, tick=False)
    make_user_with_role("administrator")
    user = make_user(locale="en")
    secret = enrol_second_factor(user)
    db.session.commit()
    user_id = user.id
    log_in(client, user)

    html = client.get(PATH).get_data(as_text=True)
    assert 'name="code"' in html and 'autocomplete="one-time-code"' in html

    data = {"contributions": "keep", "password": PASSWORD, "confirm": "y"}
    wrong = post_form(client, PATH, {**data, "code": "000000"})
    assert wrong.status_code == 400
    assert 'id="code-error"' in wrong.get_data(as_text=True)
    assert db.session.get(User, user_id) is not None

    response = post_form(client, PATH, {**data, "code": _code(secret)})
    assert response.status_code == 302
    assert db.session.get(User, user_id) is None
