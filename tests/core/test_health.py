"""Health checks: /health/live answers without database, session or template; /health/ready
answers 200 when the database answers (Redis is reported, not decisive), and says nothing else."""

import socket

import pytest
from flask_limiter import ExemptionScope

from app import create_app
from app.extensions import db, limiter
from config import TestingConfig
from tests.conftest import IsolatedClient
from tests.factories import make_user, make_user_with_role


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def assert_not_stored_and_no_cookie(response) -> None:
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def log_in_without_second_factor(client, user) -> None:
    """A session for `user` that has not passed any second factor."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def test_live_answers_ok_as_plain_text_without_touching_the_database(client, count_queries):
    with count_queries() as counter:
        response = client.get("/health/live")

    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == "ok"
    assert len(counter) == 0, counter.statements
    assert_not_stored_and_no_cookie(response)


def test_live_for_a_signed_in_person_loads_nobody_and_sets_no_cookie(client, count_queries):
    user = make_user()
    db.session.commit()
    log_in_without_second_factor(client, user)

    with count_queries() as counter:
        response = client.get("/health/live")

    assert response.status_code == 200
    assert len(counter) == 0, counter.statements
    assert_not_stored_and_no_cookie(response)


def test_health_checks_pass_the_second_factor_guard(client):
    staff = make_user_with_role("moderator")  # staff must set up a second factor first
    db.session.commit()
    log_in_without_second_factor(client, staff)

    start = client.get("/")
    assert start.status_code == 302
    assert start.headers["Location"].endswith("/account/two-step/setup")

    assert client.get("/health/live").status_code == 200
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.get_json()["database"] == "ok"


def test_ready_reports_database_and_redis_not_configured(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", None)

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"database": "ok", "redis": "not configured"}
    assert_not_stored_and_no_cookie(response)


def test_ready_reports_redis_not_answering_but_stays_in_rotation(app, client, monkeypatch):
    # All instances share one Redis, and the app serves without it: a 503 would take every
    # instance out of the load balancer at once.
    url = f"redis://:hidden-password@127.0.0.1:{closed_port()}/0"
    monkeypatch.setitem(app.config, "REDIS_URL", url)

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "redis": "error"}
    body = response.get_data(as_text=True)
    assert "hidden-password" not in body and "127.0.0.1" not in body
    assert_not_stored_and_no_cookie(response)


@pytest.fixture
def broken_database_app(tmp_path):
    """An app whose database cannot be reached (PostgreSQL on a port where nothing listens)."""

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = (
            f"postgresql+psycopg://nobody:hidden-password@127.0.0.1:{closed_port()}/nothing"
        )
        INSTANCE_DIR = tmp_path
        MAIL_FILE_DIR = str(tmp_path / "mail")
        REDIS_URL = None

    application = create_app(Config)
    application.test_client_class = IsolatedClient
    yield application
    with application.app_context():
        db.engine.dispose()


def test_ready_is_503_when_the_database_does_not_answer(broken_database_app):
    client = broken_database_app.test_client()

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.get_json() == {"database": "error", "redis": "not configured"}
    body = response.get_data(as_text=True)
    assert "hidden-password" not in body and "nothing" not in body
    assert_not_stored_and_no_cookie(response)
    # The process itself is alive: the liveness check does not ask the database.
    assert client.get("/health/live").status_code == 200


@pytest.mark.parametrize("endpoint", ["health.live", "health.ready"])
def test_health_checks_are_exempt_from_rate_limits(app, endpoint):
    scope = limiter.limit_manager.exemption_scope(app, endpoint, "health")

    assert scope & ExemptionScope.APPLICATION
    assert scope & ExemptionScope.DEFAULT


def test_health_checks_answer_only_get(client):
    assert client.post("/health/live").status_code == 405
    assert client.post("/health/ready").status_code == 405
