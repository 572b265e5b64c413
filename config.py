"""Configuration classes, read from the environment.

`create_app()` picks one by `MITREDEN_ENV` (development, testing, production) unless a class is
passed explicitly. Every variable is documented in README.md.
"""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("MITREDEN_INSTANCE_DIR", BASE_DIR / "instance"))

LANGUAGES = ("de", "en", "tr", "ar", "fa", "pl", "ru", "uk")
RTL_LANGUAGES = frozenset({"ar", "fa"})


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _development_secret_key() -> str:
    """Generate a secret key once and keep it in instance/, so sessions survive restarts."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'mitreden.sqlite'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    INSTANCE_DIR = INSTANCE_DIR

    # Internationalisation. Absolute path: Flask-Babel joins relative ones onto app/.
    LANGUAGES = LANGUAGES
    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")

    # Sessions and cookies: only strictly necessary ones.
    SESSION_COOKIE_NAME = "mitreden_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_NAME = "mitreden_remember"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    LOCALE_COOKIE_NAME = "mitreden_locale"

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_UPLOAD_MB", "200")) * 1024 * 1024

    # Rate limits (Flask-Limiter). Memory on one machine, Redis when several share the limits.
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN", "10 per minute;50 per hour")
    RATELIMIT_REGISTER = os.environ.get("RATELIMIT_REGISTER", "5 per minute;20 per hour")
    RATELIMIT_RESET = os.environ.get("RATELIMIT_RESET", "5 per minute;20 per hour")
    RATELIMIT_FEEDBACK = os.environ.get("RATELIMIT_FEEDBACK", "5 per minute;30 per hour")
    RATELIMIT_REPORT = os.environ.get("RATELIMIT_REPORT", "10 per minute;50 per day")
    # Per account (or client address when logged out): posting proposals and comments, voting.
    RATELIMIT_POSTING = os.environ.get("RATELIMIT_POSTING", "10 per minute;100 per day")
    RATELIMIT_VOTING = os.environ.get("RATELIMIT_VOTING", "60 per minute;1000 per day")
    RATELIMIT_EXPORT = os.environ.get("RATELIMIT_EXPORT", "5 per hour")  # download my data
    # The read API and the open-data files, per client address.
    RATELIMIT_API = os.environ.get("RATELIMIT_API", "120 per minute;3000 per hour")

    # Caches (core/cache.py): Redis when REDIS_URL is set (shared by every instance), memory of
    # each process otherwise. Pages for anonymous visitors are kept at most CACHE_SECONDS (and
    # never past the next phase boundary); every committed write makes them stale at once.
    CACHE_REDIS_URL = os.environ.get("REDIS_URL") or None
    CACHE_PAGES = _bool("CACHE_PAGES", True)
    CACHE_SECONDS = int(os.environ.get("CACHE_SECONDS", "60"))
    CACHE_MEMORY_BYTES = int(os.environ.get("CACHE_MEMORY_MB", "32")) * 1024 * 1024
    # Namespace of cached values per release (default: a digest of the code, see core/cache.py).
    CACHE_RELEASE = os.environ.get("CACHE_RELEASE") or None

    # Distinct open reports after which a published contribution is hidden until reviewed.
    MODERATION_REPORT_THRESHOLD = int(os.environ.get("MODERATION_REPORT_THRESHOLD", "3"))

    # Monitoring: figures are computed in SQL and kept this many seconds per set of filters
    # (0 = always computed afresh). Person counts below the minimum group are never published.
    MONITORING_CACHE_SECONDS = int(os.environ.get("MONITORING_CACHE_SECONDS", "300"))

    # Tokens sent by mail.
    CONFIRM_TOKEN_MAX_AGE = int(os.environ.get("CONFIRM_TOKEN_MAX_AGE", 3 * 24 * 3600))
    RESET_TOKEN_MAX_AGE = int(os.environ.get("RESET_TOKEN_MAX_AGE", 3600))

    # Outgoing mail: files in instance/mail unless MAIL_SERVER is set.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Mitreden <noreply@mitreden.example>")
    MAIL_FILE_DIR = os.environ.get("MAIL_FILE_DIR", str(INSTANCE_DIR / "mail"))
    # Requests only queue mail in the outbox; `flask mail send` delivers it. A sender holds a
    # claimed mail this many seconds before another sender may take it over; a mail is given up
    # after this many failed attempts (waiting 1 min, 5 min, 30 min, 2 h, then 12 h between
    # them); sent mail is deleted after this many days (its text is personal data).
    MAIL_CLAIM_SECONDS = int(os.environ.get("MAIL_CLAIM_SECONDS", "300"))
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "6"))
    MAIL_KEEP_SENT_DAYS = int(os.environ.get("MAIL_KEEP_SENT_DAYS", "7"))
    # Daily digests go out after this hour (Europe/Berlin), weekly ones on Mondays after it.
    DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", "7"))
    # Retention (`flask privacy purge`, daily): accounts whose address was never confirmed are
    # removed after this many days; accounts without a login for INACTIVE_ACCOUNT_DAYS are warned
    # by mail and removed INACTIVITY_NOTICE_DAYS later unless their owner logs in.
    UNCONFIRMED_ACCOUNT_DAYS = int(os.environ.get("UNCONFIRMED_ACCOUNT_DAYS", "7"))
    INACTIVE_ACCOUNT_DAYS = int(os.environ.get("INACTIVE_ACCOUNT_DAYS", "730"))
    INACTIVITY_NOTICE_DAYS = int(os.environ.get("INACTIVITY_NOTICE_DAYS", "30"))
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))

    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted
    # (for the client address used by rate limits, and for https links). 0 = none.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

    # Used in links inside mails, sent outside any request.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    HSTS = False


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or None  # filled in by init() below

    @classmethod
    def init(cls) -> None:
        if not cls.SECRET_KEY:
            cls.SECRET_KEY = _development_secret_key()


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-only-secret-key"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite://")
    RATELIMIT_STORAGE_URI = "memory://"
    CACHE_REDIS_URL = None  # tests that need Redis start their own
    PUBLIC_URL = "http://127.0.0.1"
    # Argon2 at full cost makes the suite slow without testing anything more.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    # Every test sees figures computed from what it just wrote.
    MONITORING_CACHE_SECONDS = 0


def _host_only(name: str, secure: bool) -> str:
    """The cookie name with the `__Host-` prefix when the cookie is Secure.

    Browsers accept a `__Host-` cookie only if it is Secure, has Path=/ and no Domain, so it can
    neither be set by a sibling subdomain nor over plain HTTP. Without Secure (a deployment that
    turned it off) the prefix would make browsers drop the cookie, so the plain name stays.
    """
    return f"__Host-{name}" if secure else name


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # Session, remember and language cookies: host-only, Secure, Path=/ (see _host_only).
    SESSION_COOKIE_NAME = _host_only(Config.SESSION_COOKIE_NAME, SESSION_COOKIE_SECURE)
    REMEMBER_COOKIE_NAME = _host_only(Config.REMEMBER_COOKIE_NAME, SESSION_COOKIE_SECURE)
    LOCALE_COOKIE_NAME = _host_only(Config.LOCALE_COOKIE_NAME, SESSION_COOKIE_SECURE)
    SESSION_COOKIE_DOMAIN = None
    SESSION_COOKIE_PATH = "/"
    REMEMBER_COOKIE_DOMAIN = None
    REMEMBER_COOKIE_PATH = "/"
    HSTS = _bool("HSTS", True)

    @classmethod
    def init(cls) -> None:
        if not cls.SECRET_KEY or len(cls.SECRET_KEY) < 32 or "change" in cls.SECRET_KEY.lower():
            raise RuntimeError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production "
                "(for example: python -c 'import secrets; print(secrets.token_hex(32))')."
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
