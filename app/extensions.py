"""Flask extensions, created unbound; `create_app()` binds them to an application."""

import logging

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so migrations can alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
# When the shared store (Redis) cannot be reached, each instance counts in its own memory until it
# is back: limits hold per instance instead of failing every limited request with a 500.
limiter = Limiter(key_func=get_remote_address, default_limits=[], in_memory_fallback_enabled=True)
# Flask-Limiter logs the key (the client's address) of every refused request at INFO level;
# addresses are neither stored nor logged (privacy notice). Refusals are logged without it as
# security events (core/errors.py); its warnings (store unreachable) still reach the log.
logging.getLogger("flask-limiter").setLevel(logging.WARNING)


# Database objects that migrations create by hand because the models cannot describe them
# (full-text search): Alembic's comparison of models and schema leaves them out.
UNMODELLED_NAMES = ("proposal_search", "ix_proposals_fulltext")


def include_in_schema_comparison(name, type_, parent_names) -> bool:
    return not (name or "").startswith(UNMODELLED_NAMES)
