"""One measured load run of one scenario, with locust as a library (run in `.venv-bench`).

    .venv-bench/bin/python -m bench.driver.loadrun --manifest M --host URL --scenario S
        --clients N --duration SECONDS --master-pid PID --out result.json

All clients start at once and get ready (logged-in scenarios log in first, a few at a time);
then the statistics are reset, and for `duration` seconds every request counts. The gunicorn
workers' resident memory is sampled every 0.2 s during that window. The storm instead opens the
gate for all its users at once and waits until every cast has an answer.

Writes the raw figures (counts, histogram, errors, memory) as JSON; bench/driver/report.py
turns them into percentiles and ratios.
"""

import argparse
import json
import sys
import time

import gevent
import gevent.event
from locust.env import Environment

from bench import locustfile
from bench.driver.manifest import load_manifest
from bench.driver.procs import PeakTracker, high_water_marks, load_average

SAMPLE_SECONDS = 0.2


def _entry_json(entry) -> dict:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "histogram": {str(key): count for key, count in entry.response_times.items()},
        "max": entry.max_response_time,
    }


def collect(env, seconds: float) -> dict:
    """Figures of the measured requests (setup requests left out)."""
    entries = {}
    for (name, _method), entry in env.stats.entries.items():
        if name.startswith(locustfile.SETUP):
            continue
        entries[name] = _entry_json(entry)
    errors = [
        {"name": error.name, "error": str(error.error), "occurrences": error.occurrences}
        for error in env.stats.errors.values()
        if not error.name.startswith(locustfile.SETUP)
    ]
    setup_errors = [
        {"name": error.name, "error": str(error.error), "occurrences": error.occurrences}
        for error in env.stats.errors.values()
        if error.name.startswith(locustfile.SETUP)
    ]
    return {"seconds": seconds, "entries": entries, "errors": errors, "setup_errors": setup_errors}


def _sampler(tracker: PeakTracker, stop: gevent.event.Event) -> None:
    while not stop.is_set():
        tracker.sample()
        stop.wait(SAMPLE_SECONDS)


def run(args) -> dict:
    manifest = load_manifest(args.manifest)
    storm = args.scenario == "storm"
    clients = len(manifest.storm_users) if storm else args.clients
    locustfile.STATE.reset(
        manifest, expected=clients, login_concurrency=args.login_concurrency, coordinated=True
    )
    user_class = locustfile.user_class(args.scenario, manifest)
    env = Environment(user_classes=[user_class], host=args.host, stop_timeout=30)
    runner = env.create_local_runner()
    started = time.monotonic()
    runner.start(clients, spawn_rate=clients)

    ready_deadline = started + args.ready_timeout
    next_note = started + 15
    while locustfile.STATE.ready < clients and time.monotonic() < ready_deadline:
        gevent.sleep(0.05)
        if time.monotonic() >= next_note:
            next_note += 15
            print(
                f"  {locustfile.STATE.ready}/{clients} clients ready", file=sys.stderr, flush=True
            )
    ready_seconds = time.monotonic() - started
    setup_snapshot = collect(env, ready_seconds)

    env.stats.reset_all()
    tracker = PeakTracker(args.master_pid) if args.master_pid else None
    stop_sampling = gevent.event.Event()
    sampler = gevent.spawn(_sampler, tracker, stop_sampling) if tracker else None
    load_before = load_average()
    window_start = time.monotonic()
    locustfile.STATE.go.set()
    at_gate = locustfile.STATE.ready - len(locustfile.STATE.login_failures)
    if storm:
        deadline = window_start + args.duration
        while locustfile.STATE.finished < at_gate and time.monotonic() < deadline:
            gevent.sleep(0.01)
    else:
        gevent.sleep(args.duration)
    seconds = time.monotonic() - window_start
    measured = collect(env, seconds)
    stop_sampling.set()
    if sampler:
        sampler.join(2)
    runner.quit()  # logged-in users finish their current task (a cast is always retracted)

    result = {
        "scenario": args.scenario,
        "clients": clients,
        "ready": locustfile.STATE.ready,
        "ready_seconds": round(ready_seconds, 2),
        "ready_timed_out": locustfile.STATE.ready < clients,
        "login_failures": list(locustfile.STATE.login_failures),
        "setup_errors": setup_snapshot["setup_errors"],
        "load_average": {"before": load_before, "after": load_average()},
        **measured,
    }
    if storm:
        result["finished"] = locustfile.STATE.finished
        result["ready_at_gate"] = at_gate
        result["late"] = locustfile.STATE.late
    if tracker:
        result["rss"] = tracker.result()
        result["rss"]["vm_hwm_kb"] = high_water_marks(args.master_pid)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--master-pid", type=int, default=0)
    parser.add_argument("--login-concurrency", type=int, default=4)
    parser.add_argument("--ready-timeout", type=float, default=300)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    result = run(args)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
