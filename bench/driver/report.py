"""Figures from load runs: percentiles, ratios, the targets of issue 10, and the printed report.

Pure functions over plain dicts (the JSON written to bench/results/), so the unit tests check
them without starting load.

A run's result (one database x scale) looks like
    {"database", "scale", "scenarios": {name: {"<clients>": figures}}, "sql": {name: counts},
     "rss": {...}, "storm": {...}}
with figures {"requests", "failures", "seconds", "rps", "p50", "p95", "p99", "histogram",
"errors", "rss"}.
"""

import math

from bench.driver.manifest import PAGE_KEYS

LOGGED_IN = ("vote", "comment")
SCENARIOS = ("ceiling", *PAGE_KEYS, *LOGGED_IN)
ANONYMOUS = ("ceiling", *PAGE_KEYS)
LIST_AND_DETAIL = (
    "proposal_list",
    "proposal_list_filter",
    "proposal_list_search",
    "proposal_detail",
)
CEILING = "ceiling"

# Targets of issue 10 (at large, 2 cores, 16 clients).
TARGET_CLIENTS = 16
TARGET_SCALE = "large"
P95_LIMIT_MS = 50.0
LIST_SHARE_OF_CEILING = 0.40
LARGE_VS_SMALL_LIMIT = 1.3
RSS_LIMIT_KB = 150 * 1024  # 150 MiB; /proc reports kB = KiB

PASS, MISS, NA = "PASS", "MISS", "n/a"


# --- percentiles -------------------------------------------------------------------------------


def histogram_from_json(raw: dict) -> dict[float, int]:
    """Locust's response-time histogram ({rounded ms: count}) after a JSON round trip."""
    histogram: dict[float, int] = {}
    for key, count in raw.items():
        value = float(key)
        histogram[value] = histogram.get(value, 0) + int(count)
    return histogram


def percentile(histogram: dict, fraction: float) -> float | None:
    """Nearest-rank percentile of a {value: count} histogram; None when it is empty.

    The value at rank ceil(fraction * n), counting from the fastest request: p95 of 100
    requests is the 95th fastest.
    """
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    histogram = histogram_from_json(histogram)
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(round(fraction * total, 9)))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return max(histogram)  # unreachable: the last value reaches the total


def merge_histograms(histograms) -> dict[float, int]:
    merged: dict[float, int] = {}
    for histogram in histograms:
        for value, count in histogram_from_json(histogram).items():
            merged[value] = merged.get(value, 0) + count
    return merged


def figures(requests: int, failures: int, seconds: float, histogram: dict) -> dict:
    """Requests/s and percentiles of one measured window."""
    histogram = histogram_from_json(histogram)
    return {
        "requests": requests,
        "failures": failures,
        "seconds": round(seconds, 3),
        "rps": round(requests / seconds, 1) if seconds > 0 else None,
        "p50": percentile(histogram, 0.50),
        "p95": percentile(histogram, 0.95),
        "p99": percentile(histogram, 0.99),
    }


# --- ratios ------------------------------------------------------------------------------------


def _at(run: dict, scenario: str, clients: int = TARGET_CLIENTS) -> dict | None:
    return (run.get("scenarios") or {}).get(scenario, {}).get(str(clients))


def rps_at(run: dict, scenario: str, clients: int = TARGET_CLIENTS) -> float | None:
    measured = _at(run, scenario, clients)
    return measured.get("rps") if measured else None


def share_of_ceiling(run: dict, clients: int = TARGET_CLIENTS) -> dict[str, float]:
    """Each scenario's req/s as a share of the ceiling's (same database, scale and clients)."""
    ceiling = rps_at(run, CEILING, clients)
    if not ceiling:
        return {}
    shares = {}
    for scenario in SCENARIOS:
        if scenario == CEILING:
            continue
        rps = rps_at(run, scenario, clients)
        if rps is not None:
            shares[scenario] = round(rps / ceiling, 3)
    return shares


def small_over_large(small: dict, large: dict, clients: int = TARGET_CLIENTS) -> dict[str, float]:
    """Per scenario, small's req/s divided by large's: 1.0 = no slowdown, 1.3 = the limit."""
    ratios = {}
    for scenario in SCENARIOS:
        small_rps, large_rps = rps_at(small, scenario, clients), rps_at(large, scenario, clients)
        if small_rps and large_rps:
            ratios[scenario] = round(small_rps / large_rps, 3)
    return ratios


def find_run(runs: list, database: str, scale: str) -> dict | None:
    for run in runs:
        if run.get("database") == database and run.get("scale") == scale:
            return run
    return None


def ratios(runs: list) -> dict:
    result = {"share_of_ceiling": {}, "small_over_large": {}}
    for run in runs:
        shares = share_of_ceiling(run)
        if shares:
            result["share_of_ceiling"].setdefault(run["database"], {})[run["scale"]] = shares
    for database in sorted({run["database"] for run in runs}):
        small, large = find_run(runs, database, "small"), find_run(runs, database, "large")
        if small and large:
            result["small_over_large"][database] = small_over_large(small, large)
    return result


# --- targets -----------------------------------------------------------------------------------


def mark(value, limit, *, at_most: bool = True) -> str:
    if value is None or limit is None:
        return NA
    ok = value <= limit if at_most else value >= limit
    return PASS if ok else MISS


def _target(name, database, scale, scenario, value, limit, verdict, note=""):
    return {
        "target": name,
        "database": database,
        "scale": scale,
        "scenario": scenario,
        "value": value,
        "limit": limit,
        "mark": verdict,
        "note": note,
    }


def target_runs(runs: list) -> list:
    """The runs targets are judged on: large where it ran, otherwise what there is."""
    chosen = []
    for database in sorted({run["database"] for run in runs}):
        large = find_run(runs, database, TARGET_SCALE)
        if large:
            chosen.append(large)
        else:
            chosen.extend(run for run in runs if run["database"] == database)
    return chosen


def evaluate_targets(runs: list) -> list[dict]:
    marks = []
    for run in target_runs(runs):
        database, scale = run["database"], run["scale"]
        note = "" if scale == TARGET_SCALE else "indicative: targets are set for large"
        for scenario in LIST_AND_DETAIL:
            measured = _at(run, scenario)
            value = measured.get("p95") if measured else None
            marks.append(
                _target(
                    "p95 <= 50 ms at 16 clients",
                    database,
                    scale,
                    scenario,
                    value,
                    P95_LIMIT_MS,
                    mark(value, P95_LIMIT_MS),
                    note,
                )
            )
        for scenario in SCENARIOS:
            measured = _at(run, scenario)
            if measured is None:
                continue
            failures = measured.get("failures")
            marks.append(
                _target(
                    "0 errors at 16 clients",
                    database,
                    scale,
                    scenario,
                    failures,
                    0,
                    mark(failures, 0),
                    note,
                )
            )
        share = share_of_ceiling(run).get("proposal_list")
        marks.append(
            _target(
                "anonymous list >= 40 % of ceiling",
                database,
                scale,
                "proposal_list",
                share,
                LIST_SHARE_OF_CEILING,
                mark(share, LIST_SHARE_OF_CEILING, at_most=False),
                note,
            )
        )
        peak = (run.get("rss") or {}).get("peak_rss_kb_max")
        marks.append(
            _target(
                "peak RSS per worker <= 150 MiB",
                database,
                scale,
                "all",
                peak,
                RSS_LIMIT_KB,
                mark(peak, RSS_LIMIT_KB),
                note,
            )
        )
    for run in runs:
        storm = run.get("storm")
        if storm and not storm.get("skipped"):
            marks.append(
                _target(
                    "vote storm exact, no error",
                    run["database"],
                    run["scale"],
                    "storm",
                    f"{storm.get('votes_added')}/{storm.get('users')}",
                    storm.get("users"),
                    storm_mark(storm),
                )
            )
    for database in sorted({run["database"] for run in runs}):
        small, large = find_run(runs, database, "small"), find_run(runs, database, "large")
        if not (small and large):
            continue
        for scenario, ratio in small_over_large(small, large).items():
            if scenario == CEILING:
                continue
            marks.append(
                _target(
                    "large within 1.3x of small",
                    database,
                    "small/large",
                    scenario,
                    ratio,
                    LARGE_VS_SMALL_LIMIT,
                    mark(ratio, LARGE_VS_SMALL_LIMIT),
                )
            )
        for scenario, (small_counts, large_counts) in sql_pairs(small, large).items():
            marks.append(
                _target(
                    "SQL statements identical at both scales",
                    database,
                    "small/large",
                    scenario,
                    f"{_sql_text(small_counts)} vs {_sql_text(large_counts)}",
                    None,
                    PASS if _sql_key(small_counts) == _sql_key(large_counts) else MISS,
                )
            )
    return marks


def storm_mark(storm: dict) -> str:
    users = storm.get("users")
    exact = (
        users
        and storm.get("votes_added") == users
        and storm.get("storm_votes_after") == users
        and storm.get("failures") == 0
        and storm.get("logged_in") == users
    )
    return PASS if exact else MISS


def _sql_key(counts: dict | None):
    if not counts:
        return None
    return (counts.get("cold"), counts.get("warm"))


def _sql_text(counts: dict | None) -> str:
    """cold/warm statement counts; "!" when a counted request did not answer as expected."""
    if not counts:
        return "-"
    unexpected = any(status not in (200, 302) for status in counts.get("status") or ())
    return f"{counts.get('cold')}/{counts.get('warm')}" + ("!" if unexpected else "")


def sql_pairs(small: dict, large: dict) -> dict:
    pairs = {}
    small_sql, large_sql = small.get("sql") or {}, large.get("sql") or {}
    extra = sorted((set(small_sql) | set(large_sql)) - set(SCENARIOS))  # e.g. vote_retract
    for scenario in (*SCENARIOS, *extra):
        if scenario in small_sql or scenario in large_sql:
            pairs[scenario] = (small_sql.get(scenario), large_sql.get(scenario))
    return pairs


# --- printing ----------------------------------------------------------------------------------


def _num(value, digits: int = 0) -> str:
    if value is None:
        return "-"
    if digits == 0:
        return f"{value:.0f}"
    return f"{value:.{digits}f}"


def _mb(kb) -> str:
    return "-" if kb is None else f"{kb / 1024:.0f}"


def format_run(run: dict) -> str:
    header = (
        f"{'scenario':<22}{'clients':>8}{'req/s':>9}{'p50':>7}{'p95':>7}{'p99':>7}"
        f"{'errors':>8}{'SQL c/w':>9}{'RSS MB':>8}"
    )
    lines = [
        f"== {run['database']} / {run['scale']} ({_counts_text(run.get('counts') or {})}) ==",
        header,
        "-" * len(header),
    ]
    sql = run.get("sql") or {}
    for scenario in SCENARIOS:
        by_clients = (run.get("scenarios") or {}).get(scenario)
        if not by_clients:
            continue
        for clients in sorted(by_clients, key=int):
            measured = by_clients[clients]
            lines.append(
                f"{scenario:<22}{clients:>8}{_num(measured.get('rps'), 1):>9}"
                f"{_num(measured.get('p50')):>7}{_num(measured.get('p95')):>7}"
                f"{_num(measured.get('p99')):>7}{_num(measured.get('failures')):>8}"
                f"{_sql_text(sql.get(scenario)):>9}"
                f"{_mb((measured.get('rss') or {}).get('peak_rss_kb_max')):>8}"
            )
    for scenario, by_clients in (run.get("scenarios") or {}).items():
        for clients, measured in by_clients.items():
            for error in (measured.get("errors") or [])[:3]:
                lines.append(
                    f"  {scenario} x {clients}: {error['occurrences']} x {error['name']}: "
                    f"{error['error'][:160]}"
                )
    extra_sql = [name for name in sql if name not in SCENARIOS]
    lines.append(
        "SQL c/w: statements per request, cold then warm cache (vote: the cast"
        + "".join(f"; {name}: {_sql_text(sql[name])}" for name in extra_sql)
        + '; "!": the counted request failed)'
    )
    rss = run.get("rss") or {}
    lines.append(
        f"peak RSS per worker while measuring: {_mb(rss.get('peak_rss_kb_max'))} MB; "
        f"VmHWM (whole life, logins included): "
        + ", ".join(f"{_mb(kb)} MB" for kb in (rss.get("vm_hwm_kb") or {}).values())
    )
    storm = run.get("storm")
    if storm:
        lines.append(format_storm(storm))
    return "\n".join(lines)


def _counts_text(counts: dict) -> str:
    keys = ("proposals", "comments", "votes")
    shown = [f"{counts[key]:,} {key}" for key in keys if key in counts]
    return ", ".join(shown) or "counts unknown"


def format_storm(storm: dict) -> str:
    if storm.get("skipped"):
        return f"vote storm: skipped ({storm.get('reason', '')})"
    text = (
        f"vote storm: {storm.get('users')} users, {storm.get('logged_in')} logged in, "
        f"{storm.get('requests')} casts, {storm.get('failures')} failed, "
        f"votes added {storm.get('votes_added')}, storm votes in database "
        f"{storm.get('storm_votes_after')}, p50 {_num(storm.get('p50'))} ms, "
        f"p95 {_num(storm.get('p95'))} ms, max {_num(storm.get('max'))} ms, "
        f"all cast within {_num(storm.get('seconds'), 1)} s -> {storm_mark(storm)}"
    )
    for error in storm.get("errors") or []:
        text += f"\n  error x{error['occurrences']}: {error['error']}"
    for line in storm.get("server_log_errors") or []:
        text += f"\n  server log: {line}"
    return text


def format_ratios(result_ratios: dict) -> str:
    lines = ["== req/s at 16 clients as share of the ceiling =="]
    for database, by_scale in result_ratios.get("share_of_ceiling", {}).items():
        for scale, shares in by_scale.items():
            parts = ", ".join(f"{name} {share:.0%}" for name, share in shares.items())
            lines.append(f"{database}/{scale}: {parts}")
    if result_ratios.get("small_over_large"):
        lines.append("== req/s small / large at 16 clients (limit 1.3) ==")
        for database, by_scenario in result_ratios["small_over_large"].items():
            parts = ", ".join(f"{name} {ratio:.2f}" for name, ratio in by_scenario.items())
            lines.append(f"{database}: {parts}")
    return "\n".join(lines)


def format_targets(marks: list[dict]) -> str:
    lines = ["== targets =="]
    for item in marks:
        value = item["value"]
        if isinstance(value, float):
            value = f"{value:.3g}"
        note = f"  ({item['note']})" if item.get("note") else ""
        lines.append(
            f"{item['mark']:<5} {item['target']:<42} {item['database']}/{item['scale']} "
            f"{item['scenario']}: {value}{note}"
        )
    return "\n".join(lines)


def format_report(result: dict) -> str:
    parts = [format_run(run) for run in result.get("runs", [])]
    parts.append(format_ratios(result.get("ratios") or {}))
    parts.append(format_targets(result.get("targets") or []))
    return "\n\n".join(parts)
