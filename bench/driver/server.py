"""The app under gunicorn on 127.0.0.1 with production settings, as `make run` starts it.

Workers and threads follow the Makefile's `run` target (2 workers, 4 threads). Rate limits are
raised through their environment variables so that the load measures the pages, not the
limiter's refusals; everything else is the production configuration.
"""

import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

WORKERS = 2
THREADS = 4
HEALTH_PATH = "/health/live"
RAISED_LIMITS = {
    "RATELIMIT_LOGIN": "100000 per minute",
    "RATELIMIT_POSTING": "100000 per minute",
    "RATELIMIT_VOTING": "100000 per minute",
    # All load comes from one address; the read API's limit would refuse it after 120.
    "RATELIMIT_API": "1000000 per minute",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(database_url: str, instance_dir: str, base: dict | None = None) -> dict:
    env = dict(os.environ if base is None else base)
    for name in ("FLASK_DEBUG", "DEBUG", "MITREDEN_ENV", "DATABASE_URL", "SECRET_KEY"):
        env.pop(name, None)
    env.update(
        {
            "MITREDEN_ENV": "production",
            "SECRET_KEY": secrets.token_hex(32),
            # Plain http on 127.0.0.1: without this the cookies are Secure and never come back.
            "SESSION_COOKIE_SECURE": "0",
            "DATABASE_URL": database_url,
            "MITREDEN_INSTANCE_DIR": instance_dir,
            "PYTHONUNBUFFERED": "1",
            **RAISED_LIMITS,
        }
    )
    return env


def gunicorn_command(gunicorn: str, port: int, access_log: Path) -> list[str]:
    return [
        gunicorn,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--access-logfile",
        str(access_log),
        "wsgi:app",
    ]


@dataclass
class Server:
    app_dir: Path
    venv_bin: Path
    database_url: str
    log_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def server_log(self) -> Path:
        return self.log_dir / "server.log"

    @property
    def access_log(self) -> Path:
        return self.log_dir / "access.log"

    def start(self, timeout: float = 90) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        instance = tempfile.mkdtemp(prefix="mitreden-bench-instance-")
        env = server_environment(self.database_url, instance)
        command = gunicorn_command(str(self.venv_bin / "gunicorn"), self.port, self.access_log)
        log = open(self.server_log, "ab")  # noqa: SIM115 (kept open for the process's lifetime)
        # The command is built here from the virtualenv's own gunicorn, no outside input.
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=self.app_dir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}; see {self.server_log}"
                )
            try:
                status, _body = get(self.base_url + HEALTH_PATH, timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"{HEALTH_PATH} did not answer within {timeout:.0f} s; see {self.server_log}"
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self, timeout: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown of its workers
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def warm(self, paths, rounds: int = 3) -> dict[str, int]:
        """Request each path a few times (imports, templates, database caches); return statuses."""
        statuses = {}
        for path in paths:
            for _round in range(rounds):
                status, _body = get(self.base_url + path, timeout=60)
            statuses[path] = status
        return statuses


def get(url: str, timeout: float) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (127.0.0.1)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def log_lines_matching(path: Path, needles, offset: int = 0, limit: int = 20) -> list[str]:
    """Lines of a log after byte `offset` that contain any of the needles (case-insensitive)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return []
    lowered = [needle.lower() for needle in needles]
    found = [line for line in text.splitlines() if any(n in line.lower() for n in lowered)]
    return found[:limit]


def log_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
