"""The bench targets the generator writes next to its data (`bench/data/<scale>-<database>.json`).

The driver reads nothing else about the data: paths to request, the bench users and their
password, the proposals to vote on and the storm. A missing or malformed key stops the run with
a message naming it, before any server starts.
"""

import json
from dataclasses import dataclass
from pathlib import Path

PAGE_KEYS = (
    "start",
    "region",
    "consultation",
    "proposal_list",
    "proposal_list_filter",
    "proposal_list_search",
    "proposal_detail",
    "api_proposals",
    "api_proposals_deep",
    "api_proposals_consultation",
)
DATABASES = ("sqlite", "postgresql")


class ManifestError(ValueError):
    """The manifest is missing, unreadable or lacks something the driver needs."""


@dataclass(frozen=True)
class VotePath:
    cast: str
    retract: str


@dataclass(frozen=True)
class Manifest:
    source: Path
    scale: str
    database_url: str
    seed: int | None
    generator_version: str | None
    counts: dict
    password: str
    paths: dict
    search_term: str
    users: tuple
    vote_paths: tuple
    comment_path: str
    comment_proposal_path: str
    storm_users: tuple
    storm_proposal_path: str
    storm_cast_path: str
    storm_proposal_id: int
    # The vote form: its field and the values that cast a vote for and take it back.
    vote_field: str = "value"
    vote_cast: str = "1"
    vote_retract: str = "0"

    @property
    def database(self) -> str:
        return database_kind(self.database_url)


def database_kind(url: str) -> str:
    """`sqlite` or `postgresql` from an SQLAlchemy URL."""
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    if scheme == "sqlite":
        return "sqlite"
    if scheme in {"postgresql", "postgres"}:
        return "postgresql"
    raise ManifestError(f"unsupported database URL scheme {scheme!r}")


def manifest_path(data_dir: Path, scale: str, database: str) -> Path:
    return Path(data_dir) / f"{scale}-{database}.json"


def _get(data: dict, dotted: str, kind: type | tuple):
    value = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            raise ManifestError(f"manifest lacks {dotted!r}")
        value = value[part]
    if not isinstance(value, kind):
        raise ManifestError(f"manifest {dotted!r} should be {_kind_name(kind)}, not {value!r:.60}")
    return value


def _kind_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def _path(data: dict, dotted: str) -> str:
    value = _get(data, dotted, str)
    if not value.startswith("/"):
        raise ManifestError(f"manifest {dotted!r} should be an absolute path, not {value!r}")
    return value


def _emails(data: dict, dotted: str) -> tuple:
    emails = _get(data, dotted, list)
    if not emails or not all(isinstance(email, str) and "@" in email for email in emails):
        raise ManifestError(f"manifest {dotted!r} should be a non-empty list of e-mail addresses")
    if len(set(emails)) != len(emails):
        raise ManifestError(f"manifest {dotted!r} names an address twice")
    return tuple(emails)


def parse_manifest(data: dict, source: Path | str = "<memory>") -> Manifest:
    if not isinstance(data, dict):
        raise ManifestError("manifest should be a JSON object")
    paths = {key: _path(data, f"paths.{key}") for key in PAGE_KEYS}
    raw_votes = _get(data, "logged_in.vote_paths", list)
    if not raw_votes:
        raise ManifestError("manifest 'logged_in.vote_paths' is empty")
    vote_paths = []
    for index, item in enumerate(raw_votes):
        if not isinstance(item, dict):
            raise ManifestError(f"manifest 'logged_in.vote_paths[{index}]' should be an object")
        vote_paths.append(
            VotePath(
                cast=_path({"v": item}, "v.cast"),
                retract=_path({"v": item}, "v.retract"),
            )
        )
    storm_id = _get(data, "storm.proposal_id", int)
    seed = data.get("seed")
    form = (data.get("logged_in") or {}).get("vote_form") or {}
    if not isinstance(form, dict):
        raise ManifestError("manifest 'logged_in.vote_form' should be an object")
    vote_form = {
        "vote_field": str(form.get("field", "value")),
        "vote_cast": str(form.get("cast", "1")),
        "vote_retract": str(form.get("retract", "0")),
    }
    return Manifest(
        source=Path(source),
        scale=_get(data, "scale", str),
        database_url=_get(data, "database_url", str),
        seed=seed if isinstance(seed, int) else None,
        generator_version=(
            str(data["generator_version"]) if data.get("generator_version") is not None else None
        ),
        counts=dict(data.get("counts") or {}),
        password=_get(data, "password", str),
        paths=paths,
        search_term=_get(data, "search_term", str),
        users=_emails(data, "logged_in.users"),
        vote_paths=tuple(vote_paths),
        comment_path=_path(data, "logged_in.comment_path"),
        comment_proposal_path=_path(data, "logged_in.comment_proposal_path"),
        storm_users=_emails(data, "storm.users"),
        storm_proposal_path=_path(data, "storm.proposal_path"),
        storm_cast_path=_path(data, "storm.cast_path"),
        storm_proposal_id=storm_id,
        **vote_form,
    )


def load_manifest(path: Path | str) -> Manifest:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"no manifest at {path} (run the generator first)") from None
    except json.JSONDecodeError as error:
        raise ManifestError(f"manifest {path} is not JSON: {error}") from None
    manifest = parse_manifest(data, path)
    database_kind(manifest.database_url)  # refuses an unknown scheme early
    return manifest
