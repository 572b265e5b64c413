"""Several app instances behind one PostgreSQL and one Redis: the pieces of the deployment tests.

The tests here start real servers (two gunicorn instances with production settings, a
redis-server) against a PostgreSQL schema of their own, created and dropped by the `deployment`
fixture, so the suite's test database stays untouched. They need `DATABASE_URL` to name a
PostgreSQL database (the CI's PostgreSQL lane) and `redis-server` on the PATH. Without
PostgreSQL they are skipped (the SQLite lane has no second database to share); in CI
(`CI=true`) a missing redis-server or an unreachable PostgreSQL is a failure, elsewhere a skip.
"""

import functools
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOOKS = Path(__file__).with_name("gunicorn_hooks.py")
IN_CI = os.environ.get("CI", "").lower() == "true"
SECRET_KEY = secrets.token_hex(32)  # one key for all instances: each reads the others' cookies
PASSWORD = "deployment test password"
START_TIMEOUT = 60  # seconds for a server to answer /health/ready
REQUEST_TIMEOUT = 60  # seconds for one request (logins queue behind argon2 on a small machine)
# Lines in a server's log that mean something went wrong.
ERROR_PATTERN = re.compile(
    r"Traceback|Exception|WORKER TIMEOUT|\[(ERROR|CRITICAL)\]|^(ERROR|CRITICAL):|ERROR in "
)


@pytest.fixture(autouse=True)
def _clean_state():
    """Replaces the suite's per-test reset: these tests never use the suite's app or database."""
    yield


def _missing(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def requirements() -> tuple[str, str]:
    """(PostgreSQL URL, redis-server path), or skip / fail saying what is missing."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL in DATABASE_URL (runs in the PostgreSQL lane)")
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        _missing("needs redis-server on the PATH")
    try:
        engine = create_engine(url)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure to connect: say which
        _missing(f"PostgreSQL in DATABASE_URL does not answer: {type(error).__name__}")
    return url, redis_server


def free_port() -> int:
    """A free port on 127.0.0.1 from the system's ephemeral range."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Phases:
    """Durations of the named phases of a test, printed as they end (visible with -s)."""

    def __init__(self):
        self.durations: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        yield
        self.record(name, time.perf_counter() - started)

    def record(self, name: str, seconds: float) -> None:
        self.durations[name] = seconds
        print(f"[deployment] {name}: {seconds:.1f} s", flush=True)


# --- the servers -----------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    log_path: Path
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def error_lines(self) -> list[str]:
        return [line for line in self.log().splitlines() if ERROR_PATTERN.search(line)]


def stop(process: subprocess.Popen | None) -> None:
    """Stop one process we started (by its own handle), waiting for it."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def start_redis(redis_server: str, port: int, log_path: Path) -> subprocess.Popen:
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                redis_server,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return process
        except redis.exceptions.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise RuntimeError(f"redis-server did not start:\n{log_path.read_text()}") from None
            time.sleep(0.05)
        finally:
            client.close()


def instance_environment(database_url: str, redis_url: str, instance_dir: Path) -> dict:
    """Production settings, as an operator would set them for every instance."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLASK_", "MITREDEN_", "RATELIMIT_", "SESSION_", "ARGON2_"))
    }
    env.update(
        MITREDEN_ENV="production",
        SECRET_KEY=SECRET_KEY,
        SESSION_COOKIE_SECURE="0",  # plain http on 127.0.0.1: the cookie must come back
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        # Each instance its own directory, as on separate machines: nothing on local disk shared.
        MITREDEN_INSTANCE_DIR=str(instance_dir),
        # 500 logins from one address must not hit the login limit.
        RATELIMIT_LOGIN="100000 per minute",
        # A small limit per client address for the shared-limit test.
        RATELIMIT_FEEDBACK="3 per hour",
        PYTHONUNBUFFERED="1",
    )
    return env


def start_gunicorn(server: Server, env: dict) -> None:
    with server.log_path.open("wb") as log:
        server.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--config",
                str(HOOKS),
                "--bind",
                f"127.0.0.1:{server.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                "120",
                "--error-logfile",
                "-",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_until_ready(server: Server) -> dict:
    deadline = time.monotonic() + START_TIMEOUT
    probe = Browser()
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited:\n{server.log()}")
        try:
            answer = probe.get(server.base + "/health/ready")
            if answer.status == 200:
                return json.loads(answer.body)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{server.name} not ready:\n{server.log()}")
        time.sleep(0.2)


def schema_url(url: str, schema: str) -> str:
    """`url` with every connection's search_path set to `schema`."""
    return (
        make_url(url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


# --- a browser without JavaScript --------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test looks at redirects itself


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    location: str = ""


@dataclass
class Browser:
    """One person's cookies, valid on every instance (cookies belong to the host, not the port)."""

    jar: CookieJar = field(default_factory=CookieJar)

    def __post_init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, url: str, data: dict | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=REQUEST_TIMEOUT) as response:
                return Answer(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            with error:
                return Answer(
                    error.code,
                    dict(error.headers),
                    error.read().decode(errors="replace"),
                    error.headers.get("Location", ""),
                )

    def get(self, url: str) -> Answer:
        return self.request(url)

    def post(self, url: str, data: dict) -> Answer:
        return self.request(url, data)

    def session_cookie(self) -> str | None:
        return next((c.value for c in self.jar if c.name == "mitreden_session"), None)


def csrf_token(page: str) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    assert match, "page carries no CSRF token"
    return match.group(1)


@functools.cache
def _session_serializer():
    """Made once: building a Flask app compiles its routes with `ast.parse`, which Python 3.11.7
    does not allow from several threads at once (the vote storm reads sessions in threads)."""
    probe = Flask("session-reader")
    probe.secret_key = SECRET_KEY
    return SecureCookieSessionInterface().get_signing_serializer(probe)


def read_session(cookie_value: str) -> dict:
    """The content of a session cookie (signed, not encrypted), checked with the shared key."""
    return dict(_session_serializer().loads(cookie_value))


# --- the deployment ----------------------------------------------------------------------------


@dataclass
class Deployment:
    database_url: str  # PostgreSQL, every connection in the test's own schema
    redis_url: str
    workdir: Path
    phases: Phases
    servers: list[Server] = field(default_factory=list)

    def start_instances(self, count: int = 2) -> list[Server]:
        """Start `count` gunicorn instances, each with its own instance directory (as on
        separate machines); `wait_until_ready()` waits for them."""
        for number in range(count):
            name = "AB"[number] if count <= 2 else str(number)
            server = Server(name, free_port(), self.workdir / f"instance-{name}.log")
            env = instance_environment(
                self.database_url, self.redis_url, self.workdir / f"instance-{name}"
            )
            self.servers.append(server)
            start_gunicorn(server, env)
        return self.servers

    def wait_until_ready(self) -> None:
        for server in self.servers:
            state = wait_until_ready(server)
            assert state == {"database": "ok", "redis": "ok"}, (server.name, state)


def migrate(database_url: str, redis_url: str, workdir: Path) -> None:
    """`flask db upgrade` as an operator runs it, with the instances' settings."""
    env = instance_environment(database_url, redis_url, workdir / "migrate")
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"migrations failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """A PostgreSQL schema of its own (migrated) and a redis-server; `start_instances()` adds
    the app servers. Everything is stopped and dropped afterwards, whatever happened."""
    url, redis_server = requirements()
    workdir = tmp_path_factory.mktemp("deployment")
    phases = Phases()
    schema = f"deployment_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    redis_process = None
    deployment = None
    try:
        with phases("schema, redis-server and migrations"):
            with admin.connect() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            redis_port = free_port()
            redis_process = start_redis(redis_server, redis_port, workdir / "redis.log")
            redis_url = f"redis://127.0.0.1:{redis_port}/0"
            database_url = schema_url(url, schema)
            migrate(database_url, redis_url, workdir)
        deployment = Deployment(database_url, redis_url, workdir, phases)
        yield deployment
    finally:
        for server in deployment.servers if deployment else []:
            stop(server.process)
        stop(redis_process)
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
