"""Rate limits when their shared store is unreachable, and what Flask-Limiter logs."""

import logging
import socket

import pytest

from app import create_app
from app.extensions import limiter
from config import TestingConfig
from tests.conftest import IsolatedClient, post_form


def _closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def app_with_unreachable_redis(app, tmp_path):
    """A second app whose limits live in a Redis that does not answer.

    The limiter is one object shared by every app of the process: init_app() rebinds its store,
    so the store of the suite's app is put back afterwards.
    """
    saved = dict(limiter.__dict__)

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        INSTANCE_DIR = tmp_path
        MAIL_FILE_DIR = str(tmp_path / "mail")
        RATELIMIT_STORAGE_URI = f"redis://127.0.0.1:{_closed_port()}/0"
        RATELIMIT_LOGIN = "3 per minute"

    application = create_app(Config)
    application.test_client_class = IsolatedClient
    yield application
    limiter.__dict__.clear()
    limiter.__dict__.update(saved)


def test_limited_forms_keep_working_and_limiting_when_the_store_is_down(
    app_with_unreachable_redis,
):
    client = app_with_unreachable_redis.test_client()
    statuses = [
        post_form(
            client, "/account/login", {"email": "a@example.org", "password": f"wrong {n}"}
        ).status_code
        for n in range(4)
    ]
    # Counted in the instance's memory meanwhile: the fourth attempt in a minute is refused.
    assert statuses == [200, 200, 200, 429]


def test_refusals_do_not_log_the_client_address(client, caplog):
    caplog.set_level(logging.DEBUG)
    for attempt in range(11):
        response = post_form(
            client, "/account/login", {"email": "a@example.org", "password": f"wrong {attempt}"}
        )
    assert response.status_code == 429
    assert "127.0.0.1" not in caplog.text
