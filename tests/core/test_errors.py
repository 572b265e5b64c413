"""Error pages: translated, with the right status, leaking nothing."""

import pytest

from app import create_app
from app.core.errors import DomainError
from config import TestingConfig


@pytest.fixture
def failing_app(tmp_path):
    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'errors.sqlite'}"
        INSTANCE_DIR = tmp_path

    application = create_app(Config)

    @application.route("/boom")
    def boom():
        raise RuntimeError("secret detail: password=hunter2")

    @application.route("/refused")
    def refused():
        raise DomainError("Nicht in dieser Phase.", status_code=409)

    @application.route("/limited")
    def limited():
        from werkzeug.exceptions import TooManyRequests

        raise TooManyRequests()

    return application


def test_unexpected_error_gives_a_translated_500_without_details(failing_app):
    response = failing_app.test_client().get("/boom", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert "hunter2" not in page and "Traceback" not in page and "RuntimeError" not in page


def test_domain_error_shows_its_message_with_its_status(failing_app):
    response = failing_app.test_client().get("/refused")
    assert response.status_code == 409
    assert "Nicht in dieser Phase." in response.get_data(as_text=True)


def test_429_page(failing_app):
    response = failing_app.test_client().get("/limited", headers={"Accept-Language": "en"})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_api_errors_are_problem_json(failing_app):
    response = failing_app.test_client().get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404
