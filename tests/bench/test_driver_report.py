"""The load driver's figures: percentiles from locust's histograms, ratios, target marks, the
printed report and the summary of one load run. No load is started."""

import pytest

from bench.driver import report
from bench.run import summarise


def _measured(rps, p95=20.0, failures=0):
    return {"rps": rps, "p50": 10.0, "p95": p95, "p99": 40.0, "failures": failures}


def _run(database, scale, rps_by_scenario, *, p95=20.0, rss_kb=100 * 1024, sql=None, storm=None):
    run = {
        "database": database,
        "scale": scale,
        "scenarios": {
            name: {"16": _measured(rps, p95=p95)} for name, rps in rps_by_scenario.items()
        },
        "rss": {"peak_rss_kb_max": rss_kb, "vm_hwm_kb": {"101": rss_kb + 1024}},
        "sql": sql or {},
    }
    if storm is not None:
        run["storm"] = storm
    return run


def _marks(marks, target, scenario=None, database=None):
    return [
        item
        for item in marks
        if item["target"] == target
        and (scenario is None or item["scenario"] == scenario)
        and (database is None or item["database"] == database)
    ]


# --- percentiles -------------------------------------------------------------------------------


def test_percentile_is_the_nearest_rank_of_the_histogram():
    # 100 requests: 50 at 10 ms, 45 at 20 ms, 4 at 100 ms, 1 at 900 ms.
    histogram = {10: 50, 20: 45, 100: 4, 900: 1}
    assert report.percentile(histogram, 0.50) == 10
    assert report.percentile(histogram, 0.51) == 20
    assert report.percentile(histogram, 0.95) == 20
    assert report.percentile(histogram, 0.96) == 100
    assert report.percentile(histogram, 0.99) == 100
    assert report.percentile(histogram, 1.0) == 900


def test_percentile_reads_the_string_keys_of_a_json_round_trip():
    histogram = {"7": 3, "130": 1}  # locust rounds 100-999 ms to tens; JSON makes keys strings
    assert report.percentile(histogram, 0.75) == 7.0
    assert report.percentile(histogram, 0.99) == 130.0


def test_percentile_of_nothing_is_none_and_fractions_are_checked():
    assert report.percentile({}, 0.95) is None
    with pytest.raises(ValueError):
        report.percentile({1: 1}, 95)
    with pytest.raises(ValueError):
        report.percentile({1: 1}, 0)


def test_merged_histograms_add_counts_of_equal_times():
    merged = report.merge_histograms([{"10": 2, "20": 1}, {10: 3, "30": 4}])
    assert merged == {10.0: 5, 20.0: 1, 30.0: 4}


def test_figures_give_requests_per_second_over_the_window():
    measured = report.figures(250, 2, 10.0, {"5": 200, "60": 50})
    assert measured["rps"] == 25.0
    assert measured["failures"] == 2
    assert (measured["p50"], measured["p95"], measured["p99"]) == (5.0, 60.0, 60.0)
    assert report.figures(0, 0, 0, {})["rps"] is None


# --- one load run ------------------------------------------------------------------------------


def test_summary_of_the_vote_run_counts_cast_and_retraction():
    raw = {
        "seconds": 10.0,
        "entries": {
            "vote cast": {"requests": 100, "failures": 1, "histogram": {"10": 100}},
            "vote retract": {"requests": 99, "failures": 0, "histogram": {"30": 99}},
        },
        "errors": [{"name": "vote cast", "error": "status 409", "occurrences": 1}],
        "rss": {"peak_rss_kb_max": 2048},
    }
    measured = summarise(raw)
    assert measured["requests"] == 199
    assert measured["failures"] == 1
    assert measured["rps"] == 19.9
    assert measured["p50"] == 10.0  # 100 of 199 at 10 ms
    assert measured["p95"] == 30.0
    assert measured["requests_by_name"]["vote retract"]["rps"] == 9.9
    assert measured["errors"][0]["error"] == "status 409"
    assert measured["rss"]["peak_rss_kb_max"] == 2048


# --- ratios ------------------------------------------------------------------------------------


def test_share_of_ceiling_and_small_over_large():
    small = _run("sqlite", "small", {"ceiling": 1000.0, "proposal_list": 500.0, "start": 800.0})
    large = _run("sqlite", "large", {"ceiling": 1000.0, "proposal_list": 250.0, "start": 790.0})
    assert report.share_of_ceiling(large) == {"proposal_list": 0.25, "start": 0.79}
    ratios = report.small_over_large(small, large)
    assert ratios["proposal_list"] == 2.0
    assert ratios["start"] == pytest.approx(1.013, abs=0.001)
    assert ratios["ceiling"] == 1.0
    both = report.ratios([small, large])
    assert both["share_of_ceiling"]["sqlite"]["small"]["proposal_list"] == 0.5
    assert both["small_over_large"]["sqlite"]["proposal_list"] == 2.0


def test_no_ceiling_no_shares():
    assert report.share_of_ceiling(_run("sqlite", "small", {"proposal_list": 5.0})) == {}


# --- targets -----------------------------------------------------------------------------------


def test_targets_at_large_pass_and_miss():
    pages = dict.fromkeys(report.LIST_AND_DETAIL, 450.0)
    small = _run(
        "postgresql",
        "small",
        {"ceiling": 1000.0, **pages},
        sql={"proposal_list": {"cold": 9, "warm": 2}, "vote_retract": {"cold": 16, "warm": 16}},
    )
    large = _run(
        "postgresql",
        "large",
        {"ceiling": 1000.0, **pages, "proposal_list": 300.0},
        p95=51.0,
        rss_kb=151 * 1024,
        sql={"proposal_list": {"cold": 9, "warm": 3}, "vote_retract": {"cold": 16, "warm": 16}},
    )
    marks = report.evaluate_targets([small, large])
    p95 = _marks(marks, "p95 <= 50 ms at 16 clients")
    assert {item["scale"] for item in p95} == {"large"}  # judged at large only
    assert {item["mark"] for item in p95} == {report.MISS}
    share = _marks(marks, "anonymous list >= 40 % of ceiling")[0]
    assert (share["value"], share["mark"]) == (0.3, report.MISS)
    assert _marks(marks, "peak RSS per worker <= 150 MiB")[0]["mark"] == report.MISS
    scale_marks = {
        item["scenario"]: item["mark"] for item in _marks(marks, "large within 1.3x of small")
    }
    assert scale_marks["proposal_list"] == report.MISS  # 450 / 300 = 1.5
    assert scale_marks["proposal_detail"] == report.PASS
    assert "ceiling" not in scale_marks
    sql = _marks(marks, "SQL statements identical at both scales", "proposal_list")[0]
    assert sql["mark"] == report.MISS
    assert sql["value"] == "9/2 vs 9/3"
    retract = _marks(marks, "SQL statements identical at both scales", "vote_retract")[0]
    assert (retract["value"], retract["mark"]) == ("16/16 vs 16/16", report.PASS)
    errors = _marks(marks, "0 errors at 16 clients", "proposal_detail")
    assert [item["mark"] for item in errors] == [report.PASS]


def test_targets_pass_when_every_figure_is_within_its_limit():
    pages = dict.fromkeys(report.LIST_AND_DETAIL, 400.0)
    large = _run("sqlite", "large", {"ceiling": 1000.0, **pages}, p95=50.0, rss_kb=150 * 1024)
    marks = report.evaluate_targets([large])
    assert marks
    assert {item["mark"] for item in marks} == {report.PASS}


def test_targets_on_small_alone_are_marked_indicative():
    small = _run("sqlite", "small", {"ceiling": 100.0, "proposal_list": 50.0})
    marks = report.evaluate_targets([small])
    share = _marks(marks, "anonymous list >= 40 % of ceiling")[0]
    assert share["mark"] == report.PASS
    assert "indicative" in share["note"]
    missing = _marks(marks, "p95 <= 50 ms at 16 clients", "proposal_detail")[0]
    assert missing["mark"] == report.NA


def test_storm_is_exact_only_with_every_vote_and_no_error():
    exact = {
        "users": 500,
        "logged_in": 500,
        "votes_added": 500,
        "storm_votes_after": 500,
        "failures": 0,
    }
    assert report.storm_mark(exact) == report.PASS
    assert report.storm_mark({**exact, "votes_added": 499}) == report.MISS
    assert report.storm_mark({**exact, "failures": 1}) == report.MISS
    assert report.storm_mark({**exact, "logged_in": 480}) == report.MISS
    assert report.storm_mark({**exact, "storm_votes_after": 501}) == report.MISS
    run = _run("sqlite", "small", {"ceiling": 1.0}, storm={**exact, "votes_added": 498})
    storm = _marks(report.evaluate_targets([run]), "vote storm exact, no error")[0]
    assert (storm["value"], storm["mark"]) == ("498/500", report.MISS)


def test_printed_report_has_the_table_ratios_and_marks():
    large = _run(
        "sqlite",
        "large",
        {"ceiling": 1000.0, "proposal_list": 450.0},
        sql={"proposal_list": {"cold": 14, "warm": 3}},
        storm={
            "users": 500,
            "logged_in": 500,
            "requests": 500,
            "failures": 0,
            "votes_added": 500,
            "storm_votes_after": 500,
            "p50": 800.0,
            "p95": 1500.0,
            "max": 1700,
            "seconds": 2.5,
            "errors": [],
            "server_log_errors": ["sqlite3.OperationalError: database is locked"],
        },
    )
    large["counts"] = {"proposals": 100000, "comments": 500000, "votes": 2000000}
    large["scenarios"]["proposal_list"]["16"]["rss"] = {"peak_rss_kb_max": 100 * 1024}
    result = {"runs": [large], "ratios": report.ratios([large])}
    result["targets"] = report.evaluate_targets([large])
    text = report.format_report(result)
    assert "== sqlite / large (100,000 proposals, 500,000 comments, 2,000,000 votes) ==" in text
    row = next(line for line in text.splitlines() if line.startswith("proposal_list "))
    assert row.split() == ["proposal_list", "16", "450.0", "10", "20", "40", "0", "14/3", "100"]
    assert "sqlite/large: proposal_list 45%" in text
    assert "PASS  anonymous list >= 40 % of ceiling" in text
    assert "server log: sqlite3.OperationalError: database is locked" in text


def test_printed_report_flags_failed_counts_and_names_errors():
    run = _run(
        "postgresql",
        "small",
        {"ceiling": 1000.0, "comment": 50.0},
        sql={
            "comment": {"cold": 19, "warm": 19, "status": [302, 400]},
            "vote_retract": {"cold": 16, "warm": 16, "status": [200, 200]},
        },
    )
    run["scenarios"]["comment"]["16"]["failures"] = 7
    run["scenarios"]["comment"]["16"]["errors"] = [
        {"name": "comment", "error": "status 400: Your comment: too short", "occurrences": 7}
    ]
    text = report.format_run(run)
    row = next(line for line in text.splitlines() if line.startswith("comment "))
    assert row.split()[6:8] == ["7", "19/19!"]
    assert "comment x 16: 7 x comment: status 400: Your comment: too short" in text
    assert "vote_retract: 16/16" in text
