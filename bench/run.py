"""The Mitreden benchmark: generate (or reuse) data, serve it under gunicorn, drive load, report.

    .venv-bench/bin/python bench/run.py [--scales small,large] [--databases sqlite,postgresql]
        [--duration 10] [--clients 1,4,16] [--skip-storm]

Needs the app's virtualenv (`.venv`, `make setup`) and a separate one with locust
(`python3.11 -m venv .venv-bench && .venv-bench/bin/pip install -r bench/requirements.txt`),
and for PostgreSQL a server with the bench databases (see --postgresql-url).

For each database x scale: the generator runs (it reuses existing data), statements per request
are counted in-process (Flask test client, cold then warm), gunicorn starts on 127.0.0.1 with
production settings (2 workers x 4 threads as `make run`; rate limits raised so the load is not
refused), every path is warmed, then each scenario runs closed-loop at each client count while
the workers' memory is sampled; last the vote storm. The report is printed and written as JSON to
bench/results/. Figures from a shared machine are noisy: the load average is recorded with them.
"""

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.driver import report  # noqa: E402
from bench.driver.manifest import DATABASES, load_manifest, manifest_path  # noqa: E402
from bench.driver.procs import high_water_marks, load_average  # noqa: E402
from bench.driver.server import (  # noqa: E402
    RAISED_LIMITS,
    THREADS,
    WORKERS,
    Server,
    log_lines_matching,
    log_size,
    server_environment,
)

DEFAULT_SQLITE_URL = "sqlite:///{data_dir}/{scale}.sqlite"
DEFAULT_POSTGRESQL_URL = (
    "postgresql+psycopg://mitreden:mitreden-ci-only@127.0.0.1:5432/mitreden_bench_{scale}"
)
SERVER_ERROR_NEEDLES = ("Traceback", "database is locked", "ERROR", "CRITICAL", "WORKER TIMEOUT")
STORM_TIMEOUT = 180.0
LOGIN_SECONDS_ALLOWED = 2.5  # per logged-in client, before the run gives up waiting


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Mitreden benchmark (issue 10)", formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scales", default="small,large", type=_csv)
    parser.add_argument("--databases", default="sqlite,postgresql", type=_csv)
    parser.add_argument("--duration", default=10.0, type=float, help="seconds per measurement")
    parser.add_argument("--clients", default="1,4,16", type=lambda v: [int(x) for x in _csv(v)])
    parser.add_argument(
        "--scenarios",
        default=",".join(report.SCENARIOS),
        type=_csv,
        help="subset of: " + ", ".join(report.SCENARIOS),
    )
    parser.add_argument("--skip-storm", action="store_true")
    parser.add_argument(
        "--storm-scales",
        default=None,
        type=_csv,
        help="scales that get the vote storm (default: every scale); 500 logins take minutes",
    )
    parser.add_argument(
        "--skip-generate", action="store_true", help="use the manifests as they are"
    )
    parser.add_argument("--app-dir", default=str(REPO), help="checkout whose app is measured")
    parser.add_argument("--app-venv", default=None, help="virtualenv of the app (default .venv)")
    parser.add_argument("--data-dir", default=str(REPO / "bench" / "data"))
    parser.add_argument("--results-dir", default=str(REPO / "bench" / "results"))
    parser.add_argument(
        "--sqlite-url",
        default=os.environ.get("BENCH_SQLITE_URL", DEFAULT_SQLITE_URL),
        help="template with {scale} and {data_dir}",
    )
    parser.add_argument(
        "--postgresql-url",
        default=os.environ.get("BENCH_POSTGRESQL_URL", DEFAULT_POSTGRESQL_URL),
        help="template with {scale}",
    )
    parser.add_argument("--seed", default=None, help="passed to the generator")
    parser.add_argument("--login-concurrency", default=4, type=int)
    args = parser.parse_args(argv)
    for database in args.databases:
        if database not in DATABASES:
            parser.error(f"unknown database {database!r}")
    for scenario in args.scenarios:
        if scenario not in report.SCENARIOS:
            parser.error(f"unknown scenario {scenario!r}")
    if report.CEILING not in args.scenarios:
        args.scenarios.insert(0, report.CEILING)  # every ratio needs it
    return args


class Bench:
    def __init__(self, args):
        self.args = args
        self.app_dir = Path(args.app_dir).resolve()
        venv = Path(args.app_venv) if args.app_venv else self.app_dir / ".venv"
        if not venv.exists():
            venv = REPO / ".venv"
        self.app_bin = venv.resolve() / "bin"
        self.bench_python = Path(sys.executable)
        self.data_dir = Path(args.data_dir).resolve()
        self.results_dir = Path(args.results_dir)
        self.started = dt.datetime.now()
        self.run_id = self.started.strftime("%Y-%m-%d-%H%M%S")
        self.log_root = self.data_dir / "logs" / self.run_id

    # --- subprocesses --------------------------------------------------------------------------

    def _env(self) -> dict:
        env = dict(os.environ)
        # The app's checkout first (its `app` package), this repository for `bench.driver`.
        env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([str(self.app_dir), str(REPO)]))
        return env

    def inapp(self, command: str, manifest: Path, *extra: str) -> dict:
        log = self.log_root / "inapp.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as stderr:
            completed = subprocess.run(  # noqa: S603 (own interpreter and module)
                [
                    str(self.app_bin / "python"),
                    "-m",
                    "bench.driver.inapp",
                    command,
                    "--manifest",
                    str(manifest),
                    *extra,
                ],
                cwd=self.app_dir,
                env=self._env(),
                stdout=subprocess.PIPE,
                stderr=stderr,
                check=False,
            )
        if completed.returncode != 0:
            raise RuntimeError(f"inapp {command} failed ({completed.returncode}); see {log}")
        return json.loads(completed.stdout.decode().strip().splitlines()[-1])

    def generate(self, scale: str, url: str) -> None:
        command = [str(self.app_bin / "python"), "-m", "bench.generate", "--scale", scale]
        command += ["--database-url", url]
        if self.args.seed:
            command += ["--seed", str(self.args.seed)]
        print(f"$ {shlex.join(command)}", flush=True)
        subprocess.run(command, cwd=self.app_dir, env=self._env(), check=True)  # noqa: S603

    def upgrade(self, url: str) -> None:
        """Bring reused data to the schema of the measured code (a no-op when it is there)."""
        env = server_environment(url, str(self.log_root / "instance"))
        env["PYTHONPATH"] = self._env()["PYTHONPATH"]
        completed = subprocess.run(  # noqa: S603 (the app's own flask command)
            [str(self.app_bin / "flask"), "--app", "wsgi", "db", "upgrade"],
            cwd=self.app_dir,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            last = (completed.stderr.strip().splitlines() or ["?"])[-1]
            print(f"  warning: db upgrade failed, measuring the schema as it is: {last}")

    def loadrun(self, manifest: Path, server: Server, scenario: str, clients: int, log_dir: Path):
        out = log_dir / f"{scenario}-{clients}.json"
        duration = STORM_TIMEOUT if scenario == "storm" else self.args.duration
        # Logins run a few at a time with production argon2: allow for them generously.
        ready_timeout = max(300.0, LOGIN_SECONDS_ALLOWED * clients)
        command = [
            str(self.bench_python),
            "-m",
            "bench.driver.loadrun",
            "--manifest",
            str(manifest),
            "--host",
            server.base_url,
            "--scenario",
            scenario,
            "--clients",
            str(clients),
            "--duration",
            str(duration),
            "--master-pid",
            str(server.pid),
            "--login-concurrency",
            str(self.args.login_concurrency),
            "--ready-timeout",
            str(ready_timeout),
            "--out",
            str(out),
        ]
        with open(log_dir / "locust.log", "ab") as log:
            subprocess.run(  # noqa: S603 (this interpreter and the driver's module)
                command,
                cwd=REPO,
                env=self._env(),
                stdout=log,  # progress notes go to stderr, i.e. the terminal
                check=True,
                timeout=ready_timeout + duration + 120,
            )
        return json.loads(out.read_text())

    # --- one database x scale ------------------------------------------------------------------

    def url_for(self, database: str, scale: str) -> str:
        if database == "sqlite":
            return self.args.sqlite_url.format(scale=scale, data_dir=self.data_dir)
        return self.args.postgresql_url.format(scale=scale)

    def run_one(self, database: str, scale: str) -> dict:
        print(f"\n### {database} / {scale}", flush=True)
        url = self.url_for(database, scale)
        if not self.args.skip_generate:
            self.generate(scale, url)
        self.upgrade(url)
        path = manifest_path(self.data_dir, scale, database)
        manifest = load_manifest(path)
        log_dir = self.log_root / f"{database}-{scale}"
        log_dir.mkdir(parents=True, exist_ok=True)
        run = {
            "database": database,
            "scale": scale,
            "manifest": str(path),
            "seed": manifest.seed,
            "generator_version": manifest.generator_version,
            "counts": manifest.counts,
            "logs": str(log_dir),
            "load_average_start": load_average(),
        }
        self.inapp("votes-reset", path)
        run["facts"] = self.inapp("facts", path)
        print("counting statements per request (in-process) ...", flush=True)
        counted = self.inapp("sql-counts", path)
        run["sql"] = counted["sql"]
        run["search_plan"] = counted["search_plan"]

        server = Server(self.app_dir, self.app_bin, manifest.database_url, log_dir)
        server.start()
        try:
            warm_paths = ["/health/live", *manifest.paths.values(), manifest.storm_proposal_path]
            run["warm_status"] = server.warm(warm_paths)
            run["server"] = {"port": server.port, "log": str(server.server_log)}
            run["scenarios"] = self.measure_scenarios(path, manifest, server, log_dir)
            rss_peaks = [
                measured["rss"]["peak_rss_kb_max"]
                for by_clients in run["scenarios"].values()
                for measured in by_clients.values()
                if (measured.get("rss") or {}).get("peak_rss_kb_max") is not None
            ]
            run["rss"] = {
                "peak_rss_kb_max": max(rss_peaks, default=None),
                "vm_hwm_kb": high_water_marks(server.pid),
                "note": "VmHWM covers each worker's whole life, logins (argon2) included",
            }
            storm_scales = self.args.storm_scales or self.args.scales
            if not self.args.skip_storm and scale in storm_scales:
                run["storm"] = self.storm(path, manifest, server, log_dir)
        finally:
            run["server_log_errors"] = log_lines_matching(server.server_log, SERVER_ERROR_NEEDLES)
            server.stop()
        run["load_average_end"] = load_average()
        return run

    def measure_scenarios(self, path: Path, manifest, server: Server, log_dir: Path) -> dict:
        results: dict = {}
        for scenario in self.args.scenarios:
            for clients in self.args.clients:
                if scenario in report.LOGGED_IN and clients > len(manifest.users):
                    print(f"  {scenario} x {clients}: only {len(manifest.users)} bench users")
                mark = self.inapp("comment-mark", path) if scenario == "comment" else None
                raw = self.loadrun(path, server, scenario, clients, log_dir)
                measured = summarise(raw)
                if scenario == "comment":
                    measured["cleanup"] = self.inapp(
                        "comment-cleanup", path, "--after-id", str(mark["after_id"])
                    )
                elif scenario == "vote":
                    measured["cleanup"] = self.inapp("votes-reset", path)
                results.setdefault(scenario, {})[str(clients)] = measured
                print(
                    f"  {scenario:<22} {clients:>3} clients: {measured['rps'] or 0:>8.1f} req/s  "
                    f"p50 {report._num(measured['p50'])} p95 {report._num(measured['p95'])} "
                    f"p99 {report._num(measured['p99'])} ms  errors {measured['failures']}",
                    flush=True,
                )
        return results

    def storm(self, path: Path, manifest, server: Server, log_dir: Path) -> dict:
        before = self.inapp("storm-snapshot", path)
        if before["storm_votes"]:
            print(f"  storm users already hold {before['storm_votes']} votes: removing them")
            self.inapp("storm-reset", path)
            before = self.inapp("storm-snapshot", path)
        print(f"  vote storm: {len(manifest.storm_users)} users log in ...", flush=True)
        offset = log_size(server.server_log)
        raw = self.loadrun(path, server, "storm", len(manifest.storm_users), log_dir)
        after = self.inapp("storm-snapshot", path)
        entry = raw["entries"].get("storm cast", {"requests": 0, "failures": 0, "histogram": {}})
        figures = report.figures(
            entry["requests"], entry["failures"], raw["seconds"], entry["histogram"]
        )
        storm = {
            "users": len(manifest.storm_users),
            "storm_users_found": before["storm_users_found"],
            "logged_in": raw["ready"] - len(raw["login_failures"]),
            "ready_at_gate": raw.get("ready_at_gate"),
            "late": raw.get("late"),
            "ready_timed_out": raw.get("ready_timed_out"),
            "login_failures": raw["login_failures"][:20],
            "login_seconds": raw["ready_seconds"],
            **figures,
            "max": entry.get("max"),
            "errors": raw["errors"],
            "setup_errors": raw["setup_errors"],
            "before": before,
            "after": after,
            "votes_added": after["votes_for"] - before["votes_for"],
            "vote_rows_added": after["vote_rows"] - before["vote_rows"],
            "storm_votes_after": after["storm_votes"],
            "server_log_errors": log_lines_matching(
                server.server_log, SERVER_ERROR_NEEDLES, offset=offset
            ),
            "rss": raw.get("rss"),
        }
        storm["reset"] = self.inapp("storm-reset", path)
        restored = self.inapp("storm-snapshot", path)
        storm["restored"] = (
            restored["votes_for"] == before["votes_for"] and not restored["storm_votes"]
        )
        print("  " + report.format_storm(storm), flush=True)
        return storm

    # --- everything ----------------------------------------------------------------------------

    def machine(self, runs: list) -> dict:
        facts = {
            "cores": os.cpu_count(),
            "cpu": _cpu_model(),
            "memory_gib": _memory_gib(),
            "os": platform.platform(),
            "bench_python": platform.python_version(),
            "locust": _version("locust"),
        }
        for run in runs:
            for key in ("python", "sqlite", "postgresql"):
                if key in run.get("facts", {}):
                    facts[f"app_{key}" if key == "python" else key] = run["facts"][key]
        return facts

    def run(self) -> dict:
        runs = []
        for database in self.args.databases:
            for scale in self.args.scales:
                runs.append(self.run_one(database, scale))
                # Written after each database x scale, so an interrupted run keeps what it has.
                print(f"(so far: {self.write(self.result(runs))})", flush=True)
        return self.result(runs)

    def result(self, runs: list) -> dict:
        result = {
            "id": f"{self.run_id}-{'-'.join(self.args.scales)}-{'-'.join(self.args.databases)}",
            "started_at": self.started.isoformat(timespec="seconds"),
            "finished_at": dt.datetime.now().isoformat(timespec="seconds"),
            "command": shlex.join([".venv-bench/bin/python", "bench/run.py", *sys.argv[1:]]),
            "commit": _git_commit(self.app_dir),
            "machine": self.machine(runs),
            "load_average": {
                "start": runs[0]["load_average_start"] if runs else None,
                "end": load_average(),
            },
            "settings": {
                "duration_s": self.args.duration,
                "clients": self.args.clients,
                "gunicorn": {"workers": WORKERS, "threads": THREADS},
                "raised_rate_limits": RAISED_LIMITS,
                "closed_loop": True,
                "login_concurrency": self.args.login_concurrency,
                "redis": bool(os.environ.get("REDIS_URL")),
            },
            "runs": runs,
        }
        result["ratios"] = report.ratios(runs)
        result["targets"] = report.evaluate_targets(runs)
        return result

    def write(self, result: dict) -> Path:
        self.results_dir.mkdir(parents=True, exist_ok=True)
        path = self.results_dir / f"{result['id']}.json"
        path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def summarise(raw: dict) -> dict:
    """Figures of one load run: all measured requests together, and per request name."""
    entries = raw.get("entries", {})
    histogram = report.merge_histograms(entry["histogram"] for entry in entries.values())
    requests = sum(entry["requests"] for entry in entries.values())
    failures = sum(entry["failures"] for entry in entries.values())
    measured = report.figures(requests, failures, raw["seconds"], histogram)
    if len(entries) > 1:
        measured["requests_by_name"] = {
            name: report.figures(
                entry["requests"], entry["failures"], raw["seconds"], entry["histogram"]
            )
            for name, entry in entries.items()
        }
    measured["errors"] = raw.get("errors", [])
    measured["histogram"] = {str(k): v for k, v in sorted(histogram.items())}
    for key in ("rss", "load_average", "login_failures", "setup_errors", "ready_timed_out"):
        if raw.get(key):
            measured[key] = raw[key]
    return measured


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(package)
    except Exception:
        return None


def _git_commit(directory: Path) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    completed = subprocess.run(  # noqa: S603
        [git, "rev-parse", "HEAD"], cwd=directory, capture_output=True, text=True, check=False
    )
    return completed.stdout.strip() or None


def main(argv=None) -> int:
    args = parse_args(argv)
    bench = Bench(args)
    started = time.monotonic()
    result = bench.run()
    path = bench.write(result)
    print("\n" + report.format_report(result))
    print(f"\nwritten: {path} ({time.monotonic() - started:.0f} s; logs in {bench.log_root})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
