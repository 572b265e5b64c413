"""The load driver reads the generator's bench targets and refuses an incomplete manifest."""

import copy
import json

import pytest

from bench.driver.manifest import (
    ManifestError,
    database_kind,
    load_manifest,
    manifest_path,
    parse_manifest,
)

MANIFEST = {
    "scale": "small",
    "database_url": "sqlite:////srv/bench/data/small.sqlite",
    "seed": 2026,
    "generator_version": 1,
    "counts": {"proposals": 1000, "comments": 5000, "votes": 20000},
    "password": "bench-password",
    "paths": {
        "start": "/",
        "region": "/regions/offenbach",
        "consultation": "/consultations/16",
        "proposal_list": "/consultations/27",
        "proposal_list_filter": "/consultations/27?field=work-training",
        "proposal_list_search": "/consultations/27?q=Sprachpatenschaft",
        "proposal_detail": "/consultations/27/proposals/662",
        "api_proposals": "/api/v1/proposals",
        "api_proposals_deep": "/api/v1/proposals?cursor=WyJuZXdlc3QiLDQyXQ",
        "api_proposals_consultation": "/api/v1/proposals?consultation=27",
    },
    "search_term": "Sprachpatenschaft",
    "logged_in": {
        "users": [f"participant{n:05d}@bench.example" for n in range(16)],
        "vote_paths": [
            {
                "cast": "/consultations/16/proposals/450/vote",
                "retract": "/consultations/16/proposals/450/vote",
            }
        ],
        "vote_form": {"field": "value", "cast": "1", "retract": "0"},
        "comment_path": "/consultations/27/proposals/553/comments/",
        "comment_proposal_path": "/consultations/27/proposals/553",
    },
    "storm": {
        "users": [f"storm{n:05d}@bench.example" for n in range(500)],
        "proposal_path": "/consultations/16/proposals/347",
        "cast_path": "/consultations/16/proposals/347/vote",
        "proposal_id": 347,
    },
}


def _write(tmp_path, data) -> str:
    path = tmp_path / "small-sqlite.json"
    path.write_text(json.dumps(data))
    return path


def test_manifest_loads_every_target(tmp_path):
    manifest = load_manifest(_write(tmp_path, MANIFEST))
    assert manifest.scale == "small"
    assert manifest.database == "sqlite"
    assert manifest.seed == 2026
    assert manifest.generator_version == "1"
    assert manifest.paths["proposal_list_search"] == "/consultations/27?q=Sprachpatenschaft"
    assert len(manifest.users) == 16
    assert len(manifest.storm_users) == 500
    assert manifest.vote_paths[0].cast == "/consultations/16/proposals/450/vote"
    assert manifest.comment_path.endswith("/comments/")
    assert manifest.storm_proposal_id == 347
    assert (manifest.vote_field, manifest.vote_cast, manifest.vote_retract) == ("value", "1", "0")
    assert manifest.source == tmp_path / "small-sqlite.json"


def test_vote_form_defaults_when_the_manifest_does_not_name_it():
    data = copy.deepcopy(MANIFEST)
    del data["logged_in"]["vote_form"]
    manifest = parse_manifest(data)
    assert (manifest.vote_field, manifest.vote_cast, manifest.vote_retract) == ("value", "1", "0")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["paths"].pop("proposal_detail"), "'paths.proposal_detail'"),
        (lambda d: d.pop("password"), "'password'"),
        (lambda d: d["storm"].update(proposal_id="347"), "'storm.proposal_id' should be int"),
        (lambda d: d["paths"].update(region="regions/offenbach"), "absolute path"),
        (lambda d: d["logged_in"].update(vote_paths=[]), "'logged_in.vote_paths' is empty"),
        (lambda d: d["logged_in"]["users"].append(d["logged_in"]["users"][0]), "twice"),
        (lambda d: d["storm"].update(users=["not-an-address"]), "'storm.users'"),
        (lambda d: d["logged_in"]["vote_paths"][0].pop("retract"), "'v.retract'"),
    ],
)
def test_incomplete_manifest_is_refused_naming_what_is_wrong(change, message):
    data = copy.deepcopy(MANIFEST)
    change(data)
    with pytest.raises(ManifestError, match=message.replace("(", r"\(").replace(".", r"\.")):
        parse_manifest(data)


def test_missing_and_broken_files_say_what_to_do(tmp_path):
    with pytest.raises(ManifestError, match="run the generator first"):
        load_manifest(tmp_path / "large-postgresql.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(ManifestError, match="is not JSON"):
        load_manifest(broken)
    data = copy.deepcopy(MANIFEST)
    data["database_url"] = "mysql://x/y"
    with pytest.raises(ManifestError, match="unsupported database"):
        load_manifest(_write(tmp_path, data))


def test_database_kind_and_manifest_location(tmp_path):
    assert database_kind("sqlite:////tmp/x.sqlite") == "sqlite"
    assert database_kind("postgresql+psycopg://u:p@127.0.0.1/db") == "postgresql"
    assert manifest_path(tmp_path, "large", "postgresql") == tmp_path / "large-postgresql.json"
