"""Sessions: a fresh session at login; logout, password change and reset, a block and the loss of
the administrator role end every session of the user on the server; in production the cookies are
host-only (`__Host-` prefix, Secure, Path=/, no Domain); production refuses debug mode and its
error pages leak nothing."""

import re
from http.cookies import SimpleCookie

import pytest

from app import create_app
from app.accounts.models import RoleAssignment
from app.admin import services as admin_services
from app.extensions import db
from app.moderation import services as moderation_services
from config import ProductionConfig, TestingConfig
from tests.conftest import IsolatedClient, csrf_token, log_in, post_form
from tests.factories import PASSWORD, make_region, make_user, make_user_with_role
from tests.participation_builders import consultation, proposal

ENGLISH = {"Accept-Language": "en"}
NEW_PASSWORD = "a quite different passphrase 2026"


def form_login(client, user, **extra):
    return post_form(client, "/account/login", {"email": user.email, "password": PASSWORD, **extra})


def is_logged_in(client) -> bool:
    """The profile opens for a session that is still valid; otherwise the login page is next."""
    response = client.get("/account/")
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    # Any other redirect (the second-factor pages for staff) still means "logged in".
    return not response.headers["Location"].startswith("/account/login")


def session_of(client) -> dict:
    with client.session_transaction() as session:
        return dict(session)


@pytest.fixture
def zeynep():
    user = make_user(email="zeynep@example.org", display_name="Zeynep")
    db.session.commit()
    return user


# --- login -------------------------------------------------------------------------------------


def test_nothing_from_before_the_login_survives_into_the_session(client, zeynep):
    token_before = csrf_token(client)
    with client.session_transaction() as session:
        session["planted"] = "by someone who had this browser before"
        session["_user_id"] = "999:guessed-token"
    form_login(client, zeynep)
    after = session_of(client)
    assert "planted" not in after
    db.session.refresh(zeynep)
    assert after["_user_id"] == f"{zeynep.id}:{zeynep.session_token}"
    # The logged-in session gets a CSRF token of its own.
    assert csrf_token(client) != token_before


def test_login_gives_a_new_session_identifier_each_time(app, client, zeynep):
    form_login(client, zeynep)
    first = session_of(client)["_user_id"]
    other = app.test_client()
    form_login(other, zeynep)
    second = session_of(other)["_user_id"]
    assert first != second
    # The newer login rotated the token: the older session identifier is worthless now.
    assert not is_logged_in(client)
    assert is_logged_in(other)


# --- logout --------------------------------------------------------------------------------


def test_logout_ends_every_session_of_the_user_on_the_server(app, client, zeynep):
    other_device = app.test_client()
    log_in(client, zeynep)
    log_in(other_device, zeynep)
    assert is_logged_in(client) and is_logged_in(other_device)
    token_before = zeynep.session_token

    post_form(client, "/account/logout")

    db.session.refresh(zeynep)
    assert zeynep.session_token != token_before  # committed, not only flushed
    assert not is_logged_in(client)
    assert not is_logged_in(other_device)


def test_logout_clears_the_session_and_the_remember_cookie(app, client, zeynep):
    form_login(client, zeynep, remember="y")
    remember = client.get_cookie(app.config["REMEMBER_COOKIE_NAME"])
    assert remember is not None
    with client.session_transaction() as session:
        session["left_over"] = "personal"

    response = post_form(client, "/account/logout")

    assert "left_over" not in session_of(client)
    deletions = [
        header
        for header in response.headers.getlist("Set-Cookie")
        if header.startswith(app.config["REMEMBER_COOKIE_NAME"] + "=")
    ]
    assert deletions and ("Max-Age=0" in deletions[0] or "1970" in deletions[0])
    # A copy of the remember cookie taken before the logout opens nothing afterwards.
    thief = app.test_client()
    thief.set_cookie(app.config["REMEMBER_COOKIE_NAME"], remember.value)
    assert not is_logged_in(thief)


# --- other ways sessions end ---------------------------------------------------------------


def test_password_change_ends_the_other_sessions_and_keeps_this_one(app, client, zeynep):
    other_device = app.test_client()
    log_in(client, zeynep)
    log_in(other_device, zeynep)
    response = post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_in(client)
    assert not is_logged_in(other_device)


def test_password_reset_ends_every_session(app, client, zeynep, mailbox):
    other_device = app.test_client()
    log_in(other_device, zeynep)
    post_form(client, "/account/reset", {"email": zeynep.email})
    link = mailbox.last_link(zeynep.email, "/account/reset/")
    response = post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert not is_logged_in(other_device)


def test_a_block_ends_the_authors_sessions(app, client, zeynep):
    region = make_region()
    moderator = make_user_with_role("moderator", region=region)
    contribution = proposal(consultation(region=region), zeynep)
    db.session.commit()
    log_in(client, zeynep)
    assert is_logged_in(client)

    moderation_services.block_author(moderator, contribution, "7", "Beleidigungen")
    db.session.commit()

    assert not is_logged_in(client)


def test_withdrawing_the_administrator_role_ends_the_sessions(app, client):
    admin = make_user_with_role("administrator")
    other_admin = make_user_with_role("administrator")
    db.session.commit()
    second_device = app.test_client()
    log_in(client, admin)
    log_in(second_device, admin)
    assert is_logged_in(client) and is_logged_in(second_device)

    admin_services.set_administrator(other_admin, admin, False)
    db.session.commit()

    assert not is_logged_in(client)
    assert not is_logged_in(second_device)


def test_a_removed_region_role_has_no_effect_from_the_next_request(app, client):
    moderator = make_user_with_role("moderator")
    admin = make_user_with_role("administrator")
    db.session.commit()
    assignment = db.session.scalar(
        db.select(RoleAssignment).where(RoleAssignment.user_id == moderator.id)
    )
    log_in(client, moderator)
    assert is_logged_in(client)
    admin_services.remove_role(admin, assignment)
    db.session.commit()
    # Roles are read from the database on every request: the queue is closed at once.
    assert client.get("/moderation/").status_code == 403


# --- production cookies ------------------------------------------------------------------------


@pytest.fixture
def production(app, tmp_path, monkeypatch):
    """The production configuration on the test database, served over https."""
    monkeypatch.delenv("FLASK_DEBUG", raising=False)

    class Production(ProductionConfig):
        SECRET_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0" + "x" * 8
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        INSTANCE_DIR = tmp_path
        MAIL_FILE_DIR = str(tmp_path / "mail")
        # Cheap hashing keeps the test fast; it changes nothing about cookies.
        ARGON2_TIME_COST = 1
        ARGON2_MEMORY_COST = 1024

    application = create_app(Production)
    application.test_client_class = IsolatedClient
    return application


def cookie_headers(response) -> dict[str, str]:
    """Set-Cookie headers by cookie name."""
    headers = {}
    for header in response.headers.getlist("Set-Cookie"):
        name = header.split("=", 1)[0]
        headers[name] = header
    return headers


def assert_host_only(header: str) -> None:
    cookie = SimpleCookie()
    cookie.load(header)
    (morsel,) = cookie.values()
    assert morsel.key.startswith("__Host-")
    attributes = [part.strip().lower() for part in header.split(";")[1:]]
    assert "secure" in attributes
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "path=/" in attributes
    assert not any(attribute.startswith("domain") for attribute in attributes)


def test_production_names_the_cookies_with_the_host_prefix(production):
    assert production.config["SESSION_COOKIE_NAME"] == "__Host-mitreden_session"
    assert production.config["REMEMBER_COOKIE_NAME"] == "__Host-mitreden_remember"
    assert production.config["LOCALE_COOKIE_NAME"] == "__Host-mitreden_locale"
    assert TestingConfig.SESSION_COOKIE_NAME == "mitreden_session"


def test_production_session_and_remember_cookies_are_host_only(production, zeynep):
    browser = production.test_client()
    base = "https://mitreden.example"
    page = browser.get("/account/login", base_url=base).get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    response = browser.post(
        "/account/login",
        base_url=base,
        headers={"Referer": base + "/account/login"},  # checked on https
        data={"csrf_token": token, "email": zeynep.email, "password": PASSWORD, "remember": "y"},
    )
    assert response.status_code == 302
    cookies = cookie_headers(response)
    assert set(cookies) == {"__Host-mitreden_session", "__Host-mitreden_remember"}
    for header in cookies.values():
        assert_host_only(header)
    assert browser.get("/account/", base_url=base).status_code == 200


def test_production_language_cookie_is_host_only(production):
    browser = production.test_client()
    base = "https://mitreden.example"
    page = browser.get("/", base_url=base).get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    response = browser.post(
        "/language",
        base_url=base,
        headers={"Referer": base + "/"},  # checked on https
        data={"csrf_token": token, "ui-language": "ar", "ui-next": "/"},
    )
    assert response.status_code == 302
    cookies = cookie_headers(response)
    assert "__Host-mitreden_locale" in cookies
    assert_host_only(cookies["__Host-mitreden_locale"])
    assert 'lang="ar" dir="rtl"' in browser.get("/", base_url=base).get_data(as_text=True)


# --- production refuses debug; errors leak nothing ----------------------------------------------


def test_production_refuses_to_start_in_debug_mode(production, monkeypatch, tmp_path):
    monkeypatch.setenv("FLASK_DEBUG", "1")

    class Production(ProductionConfig):
        SECRET_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0" + "x" * 8
        INSTANCE_DIR = tmp_path

    with pytest.raises(RuntimeError, match="Debug mode must not run in production"):
        create_app(Production)


def test_production_refuses_debug_set_in_the_configuration(monkeypatch, tmp_path):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)

    class Production(ProductionConfig):
        SECRET_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0" + "x" * 8
        INSTANCE_DIR = tmp_path
        DEBUG = True

    with pytest.raises(RuntimeError, match="Debug mode"):
        create_app(Production)


def test_debug_stays_possible_in_development(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASK_DEBUG", "1")

    class Development(TestingConfig):
        INSTANCE_DIR = tmp_path

    assert create_app(Development).debug


@pytest.mark.parametrize(
    ("headers", "text"),
    [
        (ENGLISH, "Something went wrong on our side"),
        ({"Accept-Language": "de"}, "Bei uns ist ein Fehler aufgetreten"),
        ({"Accept-Language": "ar"}, "حدث خطأ من جهتنا"),
    ],
)
def test_production_error_page_shows_the_translated_text_only(production, headers, text):
    @production.route("/boom")
    def boom():
        raise ValueError("secret detail: password=hunter2 at /srv/mitreden/app/secret.py")

    response = production.test_client().get("/boom", headers=headers)
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert text in page
    for leak in ("hunter2", "Traceback", "ValueError", "secret.py", "/srv/", 'File "'):
        assert leak not in page
    assert "Werkzeug Debugger" not in page
