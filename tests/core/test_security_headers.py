"""Security headers on every response, whatever its status or origin, and `no-store` for the pages
of signed-in users."""

import pytest

from app import create_app
from app.extensions import db
from config import TestingConfig
from tests.conftest import IsolatedClient, log_in, post_form
from tests.factories import make_user

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def assert_security_headers(response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.fixture
def extra_app(app, tmp_path):
    """A second app on the test database with throwaway routes (the shared app is sealed)."""

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        INSTANCE_DIR = tmp_path
        MAIL_FILE_DIR = str(tmp_path / "mail")

    application = create_app(Config)
    application.test_client_class = IsolatedClient

    @application.route("/boom")
    def boom():
        raise RuntimeError("secret detail")

    @application.route("/api/v1/boom")
    def api_boom():
        raise RuntimeError("secret detail")

    @application.route("/cached")
    def cached():
        return "the same for everyone", 200, {"Cache-Control": "public, max-age=60"}

    return application


@pytest.fixture
def participant():
    user = make_user()
    db.session.commit()
    return user


# --- every status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/regions/", 200),
        ("/no-such-page", 404),
        ("/regions/no-such-region", 404),
        ("/api/v1/nothing-here", 404),
        ("/language", 405),
        ("/account/", 302),  # redirect to the login page
        ("/static/css/mitreden.css", 200),
        ("/static/js/mitreden.js", 200),
        ("/static/no-such-file.css", 404),
    ],
)
def test_security_headers_on_pages_errors_redirects_and_static_files(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_security_headers(response)


def test_security_headers_on_a_500(extra_app):
    response = extra_app.test_client().get("/boom")
    assert response.status_code == 500
    assert_security_headers(response)


def test_security_headers_on_a_500_of_the_api(extra_app):
    response = extra_app.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert_security_headers(response)


def test_security_headers_on_a_csrf_failure(client):
    response = client.post("/account/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert_security_headers(response)


def test_security_headers_on_a_403(client, participant):
    log_in(client, participant)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert_security_headers(response)


def test_security_headers_on_a_429(client):
    statuses = []
    for attempt in range(11):
        response = post_form(
            client, "/account/login", {"email": "a@example.org", "password": f"wrong {attempt}"}
        )
        statuses.append(response.status_code)
    assert statuses[-1] == 429
    assert_security_headers(response)


def test_security_headers_on_a_redirect_after_a_post(client, participant):
    log_in(client, participant)
    response = post_form(client, "/account/logout")
    assert response.status_code == 302
    assert_security_headers(response)


def test_hsts_only_where_configured(client):
    assert "Strict-Transport-Security" not in client.get("/no-such-page").headers


# --- no-store for signed-in users ------------------------------------------------------------


def test_pages_of_signed_in_users_are_not_stored(client, participant):
    log_in(client, participant)
    for path in ("/", "/account/", "/regions/", "/no-such-page"):
        assert client.get(path).headers.get("Cache-Control") == "no-store", path


def test_redirects_for_signed_in_users_are_not_stored_either(client, participant):
    log_in(client, participant)
    response = post_form(
        client, "/account/", {"display_name": "Neuer Name", "locale": "de", "home_region": "0"}
    )
    assert response.status_code == 302
    assert response.headers["Cache-Control"] == "no-store"


def test_anonymous_pages_keep_their_caching(client):
    for path in ("/", "/regions/", "/no-such-page"):
        assert "no-store" not in client.get(path).headers.get("Cache-Control", ""), path


def test_static_files_are_unaffected_for_signed_in_users(client, participant):
    anonymous = client.application.test_client().get("/static/css/mitreden.css")
    log_in(client, participant)
    signed_in = client.get("/static/css/mitreden.css")
    assert signed_in.status_code == 200
    assert "no-store" not in signed_in.headers.get("Cache-Control", "")
    assert signed_in.headers.get("Cache-Control") == anonymous.headers.get("Cache-Control")


def test_a_view_that_sets_its_own_caching_keeps_it(extra_app, participant):
    browser = extra_app.test_client()
    log_in(browser, participant)
    assert browser.get("/cached").headers["Cache-Control"] == "public, max-age=60"


def test_error_pages_of_signed_in_users_are_not_stored(extra_app, participant):
    browser = extra_app.test_client()
    log_in(browser, participant)
    response = browser.get("/boom")
    assert response.status_code == 500
    assert response.headers["Cache-Control"] == "no-store"
    assert_security_headers(response)
