"""Mitreden: the application factory."""

import logging
import os

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from app.extensions import babel, csrf, db, limiter, login_manager, migrate
from config import CONFIGS, Config


def create_app(config_class: type[Config] | None = None) -> Flask:
    if config_class is None:
        config_class = CONFIGS[os.environ.get("MITREDEN_ENV", "development")]
    if hasattr(config_class, "init"):
        config_class.init()

    app = Flask(__name__, instance_path=str(config_class.INSTANCE_DIR))
    app.config.from_object(config_class)
    if app.config.get("ENV_NAME") == "production" and app.debug:
        # The debugger shows stack traces and runs code typed into the browser.
        raise RuntimeError("Debug mode must not run in production: unset FLASK_DEBUG / DEBUG.")
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)

    from app import model_registry  # noqa: F401  (every table known before any query)

    _init_extensions(app)
    _register_blueprints(app)
    _register_template_helpers(app)

    from app.accounts.mfa_guard import require_second_factor

    app.before_request(require_second_factor)  # staff need a second factor; see the module

    from app.core.errors import register_error_handlers
    from app.core.security import register_security_hooks

    register_error_handlers(app)
    register_security_hooks(app)

    from app.core import cache, page_cache

    cache.init_app(app)
    page_cache.init_app(app)  # last: a hit is served after the hooks above have run

    from app.cli import register_cli

    register_cli(app)
    return app


def _init_extensions(app: Flask) -> None:
    from app.core.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)

    from app.accounts.sessions import configure_login_manager

    configure_login_manager(login_manager)


def _register_blueprints(app: Flask) -> None:
    from app.accounts import bp as accounts_bp
    from app.admin import bp as admin_bp
    from app.api import bp as api_bp
    from app.comments import bp as comments_bp
    from app.concepts import bp as concepts_bp
    from app.consultations import bp as consultations_bp
    from app.core.health import bp as health_bp
    from app.funding import bp as funding_bp
    from app.moderation import bp as moderation_bp
    from app.monitoring import bp as monitoring_bp
    from app.monitoring import profile_bp
    from app.multilingual import bp as multilingual_bp
    from app.notifications import bp as notifications_bp
    from app.onsite import bp as onsite_bp
    from app.opendata import bp as opendata_bp
    from app.organisations import bp as organisations_bp
    from app.organisations import statements_bp
    from app.pages import bp as pages_bp
    from app.privacy import bp as privacy_bp
    from app.projects import bp as projects_bp
    from app.proposals import bp as proposals_bp
    from app.regions import bp as regions_bp
    from app.votes import bp as votes_bp

    app.register_blueprint(health_bp)  # /health/live, /health/ready
    app.register_blueprint(pages_bp)
    app.register_blueprint(accounts_bp, url_prefix="/account")
    app.register_blueprint(regions_bp, url_prefix="/regions")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(consultations_bp, url_prefix="/consultations")
    app.register_blueprint(moderation_bp, url_prefix="/moderation")
    proposals_prefix = "/consultations/<int:consultation_id>/proposals"
    app.register_blueprint(proposals_bp, url_prefix=proposals_prefix)
    app.register_blueprint(votes_bp, url_prefix=proposals_prefix)
    app.register_blueprint(comments_bp, url_prefix=proposals_prefix + "/<int:proposal_id>/comments")
    app.register_blueprint(organisations_bp, url_prefix="/organisations")
    app.register_blueprint(
        statements_bp, url_prefix="/consultations/<int:consultation_id>/statements"
    )
    app.register_blueprint(onsite_bp, url_prefix="/consultations/<int:consultation_id>/on-site")
    app.register_blueprint(multilingual_bp)
    app.register_blueprint(funding_bp, url_prefix="/funding")
    app.register_blueprint(projects_bp, url_prefix="/projects")
    # The action concept belongs to its region (/regions/<slug>/concept/...); comments on a
    # draft to the consultation that offers it (/consultations/<id>/concept).
    app.register_blueprint(concepts_bp)
    app.register_blueprint(opendata_bp, url_prefix="/open-data")
    app.register_blueprint(api_bp)  # /api/v1
    app.register_blueprint(monitoring_bp, url_prefix="/monitoring")
    app.register_blueprint(profile_bp, url_prefix="/account/participation-profile")
    app.register_blueprint(notifications_bp, url_prefix="/notifications")
    app.register_blueprint(privacy_bp, url_prefix="/account")


def _register_template_helpers(app: Flask) -> None:
    from app.core import i18n
    from app.core.formatting import register_filters
    from app.core.permissions import can
    from app.core.sanitize import render_markdown

    @app.context_processor
    def inject_globals():
        language = i18n.current_language()
        return {
            "can": can,
            "current_language": language,
            "text_direction": i18n.text_direction(language),
            "language_names": i18n.LANGUAGE_NAMES,
            "languages": app.config["LANGUAGES"],
            "rtl_languages": i18n.RTL_LANGUAGES,
            # Arabic and Farsi separate list items with the Arabic comma.
            "list_separator": "، " if language in i18n.RTL_LANGUAGES else ", ",
        }

    app.jinja_env.filters["markdown"] = render_markdown
    register_filters(app)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    """SQLite: foreign keys on, WAL for concurrent readers, wait instead of failing when busy,
    overwrite deleted content."""
    if not type(dbapi_connection).__module__.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten, so an erased account leaves no text in free pages (some
    # builds do this by default; others do not).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
