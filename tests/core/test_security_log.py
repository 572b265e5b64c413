"""Security events: logged once each, naming users by id, never carrying a password or a typed
address, one line per event however hostile the values."""

import logging

import pytest

from app.core.security_log import log_security_event
from app.extensions import db
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_user, make_user_with_role

NEW_PASSWORD = "a quite different passphrase 2026"
NEW_ADDRESS = "zeynep.neu@example.org"


@pytest.fixture
def security_log(caplog):
    """The messages of `mitreden.security`, read as a list."""
    caplog.set_level(logging.INFO, logger="mitreden.security")

    def messages() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "mitreden.security"]

    return messages


def events(messages: list[str], name: str) -> list[str]:
    return [message for message in messages if message.split(" ", 1)[0] == name]


def only(messages: list[str], name: str) -> str:
    found = events(messages, name)
    assert len(found) == 1, (name, messages)
    return found[0]


def assert_no_secrets(messages: list[str], *secrets: str) -> None:
    for message in messages:
        assert "\n" not in message and "\r" not in message
        for secret in secrets:
            assert secret.casefold() not in message.casefold(), (secret, message)


@pytest.fixture
def zeynep():
    user = make_user(email="zeynep@example.org", display_name="Zeynep")
    db.session.commit()
    return user


def login(client, email, password=PASSWORD):
    return post_form(client, "/account/login", {"email": email, "password": password})


# --- logins ------------------------------------------------------------------------------------


def test_a_successful_login_is_logged_with_the_user_id(client, zeynep, security_log):
    assert login(client, zeynep.email).status_code == 302
    line = only(security_log(), "login.succeeded")
    assert f"user={zeynep.id}" in line
    assert "path=/account/login" in line
    assert not events(security_log(), "login.failed")
    assert_no_secrets(security_log(), PASSWORD, zeynep.email)


def test_a_wrong_password_is_logged_with_the_user_id_only(client, zeynep, security_log):
    login(client, zeynep.email, password="Wrong-Passw0rd-typed")
    line = only(security_log(), "login.failed")
    assert f"user={zeynep.id}" in line
    assert not events(security_log(), "login.succeeded")
    assert_no_secrets(security_log(), "Wrong-Passw0rd-typed", zeynep.email, PASSWORD)


def test_an_unknown_address_is_logged_without_anything_identifying(client, zeynep, security_log):
    # People type their password into the address field: it must never reach the log.
    login(client, "MySecretPassword@typo.example", password="another secret")
    line = only(security_log(), "login.failed")
    assert "user=" not in line
    assert_no_secrets(security_log(), "MySecretPassword", "typo.example", "another secret")


def test_logout_is_logged(client, zeynep, security_log):
    log_in(client, zeynep)
    post_form(client, "/account/logout")
    assert f"user={zeynep.id}" in only(security_log(), "logout")


# --- passwords and addresses ---------------------------------------------------------------


def test_password_change_is_logged(client, zeynep, security_log):
    log_in(client, zeynep)
    response = post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert f"user={zeynep.id}" in only(security_log(), "password.changed")
    assert_no_secrets(security_log(), PASSWORD, NEW_PASSWORD, zeynep.email)


def test_password_reset_request_and_reset_are_logged(client, zeynep, mailbox, security_log):
    post_form(client, "/account/reset", {"email": zeynep.email})
    assert f"user={zeynep.id}" in only(security_log(), "password.reset_requested")
    link = mailbox.last_link(zeynep.email, "/account/reset/")
    token = link.rsplit("/", 1)[-1]
    post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    line = only(security_log(), "password.reset")
    assert f"user={zeynep.id}" in line
    # The link's token is a secret too: the route stands in for the path.
    assert "path=/account/reset/<token>" in line
    assert_no_secrets(security_log(), NEW_PASSWORD, PASSWORD, zeynep.email, token)


def test_a_refused_mail_link_logs_the_route_not_its_token(client, zeynep, security_log):
    client.post("/account/reset/secret-token-from-a-mail", data={"password": "x"})
    line = only(security_log(), "csrf.failed")
    assert "path=/account/reset/<token>" in line
    assert_no_secrets(security_log(), "secret-token-from-a-mail")


def test_a_reset_request_for_an_unknown_address_names_nobody(client, zeynep, security_log):
    post_form(client, "/account/reset", {"email": "nobody-here@example.org"})
    line = only(security_log(), "password.reset_requested")
    assert "user=" not in line
    assert_no_secrets(security_log(), "nobody-here")


def test_email_change_request_and_change_are_logged(client, zeynep, mailbox, security_log):
    log_in(client, zeynep)
    post_form(client, "/account/email", {"email": NEW_ADDRESS, "current_password": PASSWORD})
    assert f"user={zeynep.id}" in only(security_log(), "email.change_requested")
    link = mailbox.last_link(NEW_ADDRESS, "/account/email/confirm/")
    post_form(client, link)
    assert f"user={zeynep.id}" in only(security_log(), "email.changed")
    token = link.rsplit("/", 1)[-1]
    assert_no_secrets(security_log(), PASSWORD, NEW_ADDRESS, zeynep.email, token)


# --- refusals --------------------------------------------------------------------------------


def test_access_denied_is_logged_with_user_and_endpoint(client, security_log):
    participant = make_user()
    db.session.commit()
    log_in(client, participant)
    assert client.get("/admin/").status_code == 403
    line = only(security_log(), "access.denied")
    assert f"user={participant.id}" in line
    assert "endpoint=admin.index" in line
    assert "status=403" in line


def test_a_csrf_failure_is_logged(client, zeynep, security_log):
    response = client.post("/account/login", data={"email": zeynep.email, "password": PASSWORD})
    assert response.status_code == 400
    line = only(security_log(), "csrf.failed")
    assert "endpoint=accounts.login" in line
    assert_no_secrets(security_log(), PASSWORD, zeynep.email)


def test_a_rate_limit_is_logged_once_when_it_is_reached(client, zeynep, security_log):
    statuses = [login(client, zeynep.email, f"wrong {n}").status_code for n in range(11)]
    assert statuses[-1] == 429
    line = only(security_log(), "rate_limit.exceeded")
    assert "endpoint=accounts.login" in line and "status=429" in line
    assert len(events(security_log(), "login.failed")) == 10


# --- staff actions -----------------------------------------------------------------------------


def test_a_successful_change_by_staff_is_logged(client, security_log):
    admin = make_user_with_role("administrator")
    other = make_user()
    db.session.commit()
    log_in(client, admin)
    response = post_form(client, f"/admin/users/{other.id}/administrator")
    assert response.status_code == 302
    line = only(security_log(), "staff.action")
    assert line.startswith(
        f"staff.action user={admin.id} endpoint=admin.toggle_administrator status=302"
    )


def test_reading_pages_and_refused_changes_by_staff_are_not_staff_actions(client, security_log):
    moderator = make_user_with_role("moderator")
    other = make_user()
    db.session.commit()
    log_in(client, moderator)
    assert client.get("/moderation/").status_code == 200
    assert client.post(f"/admin/users/{other.id}/administrator").status_code == 400  # no token
    assert post_form(client, f"/admin/users/{other.id}/administrator").status_code == 403
    assert not events(security_log(), "staff.action")
    assert only(security_log(), "access.denied")


def test_changes_by_participants_are_not_staff_actions(client, zeynep, security_log):
    log_in(client, zeynep)
    response = post_form(
        client, "/account/", {"display_name": "Zeynep K.", "locale": "de", "home_region": "0"}
    )
    assert response.status_code == 302
    assert not events(security_log(), "staff.action")


# --- one line per event ------------------------------------------------------------------------


def test_a_path_with_line_breaks_stays_on_one_line(client, security_log):
    response = client.post("/regions/abc%0D%0Alogin.succeeded%20user=1/edit")
    assert response.status_code == 400
    line = only(security_log(), "csrf.failed")
    assert "\n" not in line and "\r" not in line
    assert "path=/regions/abc\\r\\nlogin.succeeded user=1/edit" in line
    assert not events(security_log(), "login.succeeded")


def test_a_display_name_with_line_breaks_stays_on_one_line(app, zeynep, security_log):
    zeynep.display_name = "Zeynep\nlogin.succeeded user=1\rx"
    with app.test_request_context("/account/"):
        log_security_event("profile.updated", user=zeynep.id, name=zeynep.display_name)
    (line,) = security_log()
    assert line == (
        f"profile.updated user={zeynep.id} name=Zeynep\\nlogin.succeeded user=1\\rx "
        "method=GET path=/account/"
    )
