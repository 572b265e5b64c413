"""Work the driver does inside the app (run with the app's `.venv`, never under load).

    .venv/bin/python -m bench.driver.inapp COMMAND --manifest bench/data/small-sqlite.json

Commands (each prints one JSON object on stdout):
  sql-counts      statements per request of every scenario, measured with the Flask test client
                  against the bench database: each request twice (cold, then warm cache); plus
                  the query plan of the search statement
  votes-reset     remove the logged-in bench users' votes on the vote proposals (counters kept)
  storm-snapshot  the storm proposal's counters and the storm users' votes on it
  storm-reset     remove the storm users' votes on the storm proposal (counters kept)
  comment-mark    the highest contribution id now (comments above it are the bench's own)
  comment-cleanup delete the bench users' comments above --after-id on the comment proposal
  facts           Python, SQLite and database server versions

The app runs with production settings (random SECRET_KEY, cookies without Secure so the test
client keeps them), as under gunicorn. Environment variables must be set before `config` is
imported, because the configuration classes read them at import time.
"""

import argparse
import json
import os
import re
import secrets
import sys
import tempfile
import time

from bench.driver.manifest import load_manifest
from bench.driver.server import server_environment

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
COMMENT_TEXT = (
    "Bench comment {marker}: Wir brauchen mehr Beratung in mehreren Sprachen und feste "
    "Sprechzeiten im Stadtteil, damit auch Berufstätige kommen können."
)


def _app(manifest):
    instance = tempfile.mkdtemp(prefix="mitreden-bench-inapp-")
    os.environ.update(server_environment(manifest.database_url, instance, base={}))
    from app import create_app

    return create_app()


def _route_args(app, path: str) -> dict:
    adapter = app.url_map.bind("localhost")
    _endpoint, args = adapter.match(path.split("?", 1)[0], method="GET")
    return args


def _route_args_post(app, path: str) -> dict:
    adapter = app.url_map.bind("localhost")
    _endpoint, args = adapter.match(path.split("?", 1)[0], method="POST")
    return args


class StatementCounter:
    def __init__(self, engine):
        from sqlalchemy import event

        self.statements: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append((statement, parameters))

    def measure(self, send):
        self.statements = []
        response = send()
        return response, list(self.statements)


def _csrf(response) -> str:
    match = CSRF_META.search(response.get_data(as_text=True))
    if not match:
        raise RuntimeError(f"no CSRF token in the page (status {response.status_code})")
    return match.group(1)


def _log_in(client, email: str, password: str) -> None:
    token = _csrf(client.get("/account/login"))
    response = client.post(
        "/account/login", data={"csrf_token": token, "email": email, "password": password}
    )
    if response.status_code != 302 or "second" in response.headers.get("Location", ""):
        raise RuntimeError(f"bench user {email} could not log in (status {response.status_code})")


def _explain(connection, statement: str, parameters) -> list[str]:
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        if connection.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return sqlite_plan_lines(cursor.fetchall())
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def sqlite_plan_lines(rows) -> list[str]:
    """EXPLAIN QUERY PLAN rows (id, parent, notused, detail) as an indented tree."""
    parents = {row[0]: row[1] for row in rows}
    lines = []
    for node, _parent, _unused, detail in rows:
        depth, current = 0, node
        while parents.get(current, 0) in parents:
            current = parents[current]
            depth += 1
        lines.append("  " * depth + detail)
    return lines


def search_plans(app, statements) -> list[dict]:
    """EXPLAIN of the statements of the search request that use the full-text index."""
    from app.extensions import db

    plans = []
    with app.app_context(), db.engine.connect() as connection:
        for statement, parameters in statements:
            lowered = statement.lower()
            if not lowered.lstrip().startswith("select"):
                continue
            if "proposal_search" not in lowered and "to_tsvector" not in lowered:
                continue
            plans.append(
                {
                    "statement": " ".join(statement.split()),
                    "plan": _explain(connection, statement, parameters),
                }
            )
    return plans


def sql_counts(manifest) -> dict:
    app = _app(manifest)
    from app.extensions import db

    with app.app_context():
        counter = StatementCounter(db.engine)
    results: dict = {}
    anonymous = {"ceiling": "/health/live", **manifest.paths}
    client = app.test_client()
    search_statements = []
    for scenario, path in anonymous.items():
        counts, statuses = [], []
        for _round in range(2):
            response, statements = counter.measure(lambda path=path: client.get(path))
            counts.append(len(statements))
            statuses.append(response.status_code)
            if scenario == "proposal_list_search" and not search_statements:
                search_statements = statements
        results[scenario] = {"cold": counts[0], "warm": counts[1], "status": statuses}

    mark = comment_mark_value(app)
    user_client = app.test_client()
    _log_in(user_client, manifest.users[0], manifest.password)
    token = _csrf(user_client.get(manifest.comment_proposal_path))
    vote = manifest.vote_paths[0]
    json_headers = {"Accept": "application/json"}
    casts, retracts, comments = [], [], []
    for round_ in range(2):
        for _kind, path, value, store in (
            ("cast", vote.cast, manifest.vote_cast, casts),
            ("retract", vote.retract, manifest.vote_retract, retracts),
        ):
            response, statements = counter.measure(
                lambda path=path, value=value: user_client.post(
                    path,
                    data={"csrf_token": token, manifest.vote_field: value},
                    headers=json_headers,
                )
            )
            store.append((len(statements), response.status_code))
        body = COMMENT_TEXT.format(marker=f"sql-{round_}-{secrets.token_hex(4)}")
        response, statements = counter.measure(
            lambda body=body: user_client.post(
                manifest.comment_path,
                data={"csrf_token": token, "body": body, "language": "de", "stance": ""},
            )
        )
        comments.append((len(statements), response.status_code))
    for scenario, pairs in (("vote", casts), ("vote_retract", retracts), ("comment", comments)):
        results[scenario] = {
            "cold": pairs[0][0],
            "warm": pairs[1][0],
            "status": [status for _count, status in pairs],
        }
    removed = comment_cleanup(app, manifest, mark)
    votes_reset(app, manifest)
    plans = search_plans(app, search_statements)
    return {"sql": results, "search_plan": plans, "comments_removed": removed}


def _user_ids(app, emails) -> list[int]:
    from sqlalchemy import select

    from app.accounts.models import User
    from app.extensions import db

    with app.app_context():
        ids = []
        emails = list(emails)
        for start in range(0, len(emails), 500):
            chunk = emails[start : start + 500]
            ids.extend(db.session.scalars(select(User.id).where(User.email.in_(chunk))))
        return ids


def remove_votes(app, user_ids, proposal_ids) -> int:
    """Delete these users' votes on these proposals and take them off the counters."""
    from sqlalchemy import delete, func, select

    from app.extensions import db
    from app.proposals.models import Proposal
    from app.votes.models import Vote

    removed = 0
    with app.app_context():
        for proposal_id in proposal_ids:
            for start in range(0, len(user_ids), 500):
                chunk = user_ids[start : start + 500]
                where = (Vote.proposal_id == proposal_id, Vote.user_id.in_(chunk))
                rows = dict(
                    db.session.execute(
                        select(Vote.value, func.count(Vote.id)).where(*where).group_by(Vote.value)
                    ).all()
                )
                if not rows:
                    continue
                db.session.execute(delete(Vote).where(*where))
                db.session.execute(
                    Proposal.__table__.update()
                    .where(Proposal.__table__.c.id == proposal_id)
                    .values(
                        votes_for=Proposal.__table__.c.votes_for - rows.get(1, 0),
                        votes_against=Proposal.__table__.c.votes_against - rows.get(-1, 0),
                    )
                )
                removed += sum(rows.values())
        db.session.commit()
    return removed


def votes_reset(app, manifest) -> dict:
    proposal_ids = sorted(
        {int(_route_args_post(app, vote.cast)["proposal_id"]) for vote in manifest.vote_paths}
    )
    removed = remove_votes(app, _user_ids(app, manifest.users), proposal_ids)
    return {"removed": removed, "proposals": proposal_ids}


def storm_snapshot(app, manifest) -> dict:
    from sqlalchemy import func, select

    from app.extensions import db
    from app.proposals.models import Proposal
    from app.votes.models import Vote

    user_ids = _user_ids(app, manifest.storm_users)
    with app.app_context():
        proposal = db.session.get(Proposal, manifest.storm_proposal_id)
        storm_votes = 0
        for start in range(0, len(user_ids), 500):
            storm_votes += db.session.scalar(
                select(func.count(Vote.id)).where(
                    Vote.proposal_id == manifest.storm_proposal_id,
                    Vote.user_id.in_(user_ids[start : start + 500]),
                )
            )
        all_votes = db.session.scalar(
            select(func.count(Vote.id)).where(Vote.proposal_id == manifest.storm_proposal_id)
        )
        return {
            "proposal_id": manifest.storm_proposal_id,
            "votes_for": proposal.votes_for,
            "votes_against": proposal.votes_against,
            "vote_rows": all_votes,
            "storm_users_found": len(user_ids),
            "storm_votes": storm_votes,
        }


def storm_reset(app, manifest) -> dict:
    user_ids = _user_ids(app, manifest.storm_users)
    return {"removed": remove_votes(app, user_ids, [manifest.storm_proposal_id])}


def comment_mark_value(app) -> int:
    from sqlalchemy import func, select

    from app.core.models import Contribution
    from app.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.max(Contribution.id))) or 0


def comment_cleanup(app, manifest, after_id: int) -> int:
    """Delete the comments the bench users wrote on the comment proposal after the mark.

    Deleting the contribution row removes the comment row and its notifications through the
    foreign keys (ON DELETE CASCADE); the proposal's counter loses the published ones.
    """
    from sqlalchemy import delete, func, select

    from app.comments.models import Comment
    from app.core.models import Contribution
    from app.extensions import db
    from app.proposals.models import Proposal

    proposal_id = int(_route_args_post(app, manifest.comment_path)["proposal_id"])
    user_ids = _user_ids(app, manifest.users)
    with app.app_context():
        where = (
            Comment.proposal_id == proposal_id,
            Contribution.author_id.in_(user_ids),
            Contribution.id > after_id,
        )
        ids = list(db.session.scalars(select(Comment.id).where(*where)))
        published = db.session.scalar(
            select(func.count(Comment.id)).where(
                *where, Contribution.moderation_state == "published"
            )
        )
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            db.session.execute(delete(Comment.__table__).where(Comment.__table__.c.id.in_(chunk)))
            db.session.execute(
                delete(Contribution.__table__).where(Contribution.__table__.c.id.in_(chunk))
            )
        if published:
            db.session.execute(
                Proposal.__table__.update()
                .where(Proposal.__table__.c.id == proposal_id)
                .values(comment_count=Proposal.__table__.c.comment_count - published)
            )
        db.session.commit()
    return len(ids)


def facts(app) -> dict:
    import platform
    import sqlite3

    from sqlalchemy import text

    from app.extensions import db

    result = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            result["postgresql"] = db.session.scalar(text("SHOW server_version"))
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command",
        choices=[
            "sql-counts",
            "votes-reset",
            "storm-snapshot",
            "storm-reset",
            "comment-mark",
            "comment-cleanup",
            "facts",
        ],
    )
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--after-id", type=int, default=None)
    args = parser.parse_args(argv)
    manifest = load_manifest(args.manifest)
    started = time.monotonic()
    if args.command == "sql-counts":
        result = sql_counts(manifest)
    else:
        app = _app(manifest)
        if args.command == "votes-reset":
            result = votes_reset(app, manifest)
        elif args.command == "storm-snapshot":
            result = storm_snapshot(app, manifest)
        elif args.command == "storm-reset":
            result = storm_reset(app, manifest)
        elif args.command == "comment-mark":
            result = {"after_id": comment_mark_value(app)}
        elif args.command == "comment-cleanup":
            if args.after_id is None:
                parser.error("comment-cleanup needs --after-id")
            result = {"removed": comment_cleanup(app, manifest, args.after_id)}
        else:
            result = facts(app)
    result["elapsed_s"] = round(time.monotonic() - started, 2)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
