"""Application factory and configuration."""

import pytest

from app import create_app
from config import DevelopmentConfig, ProductionConfig, TestingConfig


def test_factory_builds_an_app_with_every_blueprint(app):
    assert {"pages", "accounts", "regions", "admin"} <= set(app.blueprints)
    assert app.testing


@pytest.mark.parametrize("secret", [None, "", "short", "change-me-" * 5])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    class Production(ProductionConfig):
        SECRET_KEY = secret

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Production)


def test_production_starts_with_a_real_secret_key_and_sets_secure_defaults(tmp_path):
    class Production(ProductionConfig):
        SECRET_KEY = "a" * 16 + "9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c"
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'prod.sqlite'}"
        INSTANCE_DIR = tmp_path

    production = create_app(Production)
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    response = production.test_client().get("/static/js/mitreden.js")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_development_generates_a_secret_key_once_and_keeps_it(tmp_path, monkeypatch):
    monkeypatch.setattr("config.INSTANCE_DIR", tmp_path)

    class Development(DevelopmentConfig):
        SECRET_KEY = None
        INSTANCE_DIR = tmp_path

    first = create_app(Development).config["SECRET_KEY"]
    Development.SECRET_KEY = None
    second = create_app(Development).config["SECRET_KEY"]
    assert first == second
    assert len(first) >= 32
    assert (tmp_path / "secret_key").read_text().strip() == first


def test_testing_config_uses_german_default_and_berlin_time():
    assert TestingConfig.BABEL_DEFAULT_LOCALE == "de"
    assert TestingConfig.BABEL_DEFAULT_TIMEZONE == "Europe/Berlin"
    assert TestingConfig.BABEL_TRANSLATION_DIRECTORIES.startswith("/")
