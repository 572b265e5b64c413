"""The query plans of the list, the filtered list, the search, the comment thread and the vote
lookup, on a given database.

    .venv/bin/python -m bench.explain --database-url sqlite:///bench/data/large.sqlite
    .venv/bin/python -m bench.explain --database-url postgresql+psycopg://…/mitreden_bench_large

The app's own read functions run (`list_proposals`, `comment_thread`, the vote lookups) while
every statement they send is recorded with its parameters; each one is then explained:
`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL (read-only
statements only, so running them changes nothing). What is explained is therefore exactly what
the pages run. Without `--manifest`, the consultation with the most proposals, its proposal with
the most comments and a word of one of its titles are taken.
"""

import argparse
import json
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event, func, select

READ_ONLY = re.compile(r"^\s*(SELECT|WITH)\b", re.IGNORECASE)


@dataclass
class Captured:
    statement: str
    parameters: object


@dataclass
class Explained:
    title: str
    statements: list[Captured] = field(default_factory=list)
    plans: list[list[str]] = field(default_factory=list)


@contextmanager
def recording(engine):
    """Record every statement sent through `engine` (with its DBAPI parameters)."""
    found: list[Captured] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if not executemany:
            found.append(Captured(statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", before)


def plan_lines(connection, captured: Captured, analyze: bool = True) -> list[str]:
    """The plan of one recorded statement, as text lines."""
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + captured.statement, captured.parameters
        ).all()
        # (id, parent, notused, detail): indent by depth, as the sqlite3 shell does.
        depth = {0: -1}
        lines = []
        for node, parent, _unused, detail in rows:
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        return lines
    options = "ANALYZE, BUFFERS" if analyze else "COSTS"
    rows = connection.exec_driver_sql(
        f"EXPLAIN ({options}) " + captured.statement, captured.parameters
    ).all()
    return [row[0] for row in rows]


def explain(title: str, action: Callable[[], object], analyze: bool = True) -> Explained:
    """Run `action` (inside an app context), record its statements and explain each."""
    from app.extensions import db

    with recording(db.engine) as found:
        action()
    result = Explained(title)
    connection = db.session.connection()
    for captured in found:
        if not READ_ONLY.match(captured.statement):
            continue
        result.statements.append(captured)
        result.plans.append(plan_lines(connection, captured, analyze))
    return result


# --- what is explained ------------------------------------------------------------------------


@dataclass
class Subjects:
    consultation_id: int
    proposal_id: int  # the proposal whose comment thread is explained
    search_term: str
    field_slug: str | None
    user_id: int | None  # a participant, for the vote lookups


def subjects_from_manifest(path: Path) -> dict:
    manifest = json.loads(path.read_text())
    paths = manifest["paths"]
    consultation = re.search(r"/consultations/(\d+)", paths["proposal_list"])
    proposal = re.search(r"/proposals/(\d+)", paths["proposal_detail"])
    field_of_action = re.search(r"[?&]field=([^&]+)", paths.get("proposal_list_filter", ""))
    return {
        "consultation_id": int(consultation.group(1)),
        "proposal_id": int(proposal.group(1)),
        "search_term": manifest.get("search_term"),
        "field_slug": field_of_action.group(1) if field_of_action else None,
    }


def find_subjects(**given) -> Subjects:
    """Fill in what was not given from the database itself."""
    from app.accounts.models import User
    from app.core.models import Contribution
    from app.extensions import db
    from app.proposals.models import Proposal
    from app.regions.models import FieldOfAction

    consultation_id = given.get("consultation_id") or db.session.scalar(
        select(Contribution.consultation_id)
        .where(Contribution.kind == "proposal")
        .group_by(Contribution.consultation_id)
        .order_by(func.count().desc())
        .limit(1)
    )
    proposal_id = given.get("proposal_id") or db.session.scalar(
        select(Proposal.id)
        .where(Proposal.consultation_id == consultation_id)
        .order_by(Proposal.comment_count.desc(), Proposal.id)
        .limit(1)
    )
    search_term = given.get("search_term")
    if not search_term:
        title = db.session.scalar(
            select(Proposal.title).where(Proposal.consultation_id == consultation_id).limit(1)
        )
        words = sorted(re.findall(r"\w{6,}", title or ""), key=len, reverse=True)
        search_term = words[0] if words else "sprachkurs"
    field_slug = given.get("field_slug") or db.session.scalar(
        select(FieldOfAction.slug)
        .join(Proposal, Proposal.field_of_action_id == FieldOfAction.id)
        .where(Proposal.consultation_id == consultation_id)
        .limit(1)
    )
    user_id = given.get("user_id") or db.session.scalar(
        select(User.id).where(User.is_administrator.is_(False)).order_by(User.id).limit(1)
    )
    return Subjects(consultation_id, proposal_id, search_term, field_slug, user_id)


def explain_all(subjects: Subjects, analyze: bool = True) -> list[Explained]:
    """The five subjects of docs/PERFORMANCE.md, as the pages run them."""
    from flask_login import AnonymousUserMixin

    from app.accounts.models import User
    from app.comments.queries import comment_thread
    from app.consultations.models import Consultation
    from app.extensions import db
    from app.proposals.models import Proposal
    from app.proposals.queries import ProposalFilters, list_proposals
    from app.votes.models import Vote
    from app.votes.services import user_votes, votes_used

    anonymous = AnonymousUserMixin()
    consultation = db.session.get(Consultation, subjects.consultation_id)
    proposal = db.session.get(Proposal, subjects.proposal_id)
    user = db.session.get(User, subjects.user_id) if subjects.user_id else None

    def listing(**filters):
        return lambda: (
            list_proposals(consultation, anonymous, ProposalFilters(seed=12345, **filters)).items
        )

    results = [
        explain("Proposal list (default order: seeded shuffle)", listing(), analyze),
        explain("Proposal list, newest first", listing(sort="newest"), analyze),
        explain(
            f"Proposal list filtered by field of action {subjects.field_slug!r}",
            listing(field_of_action=subjects.field_slug),
            analyze,
        ),
        explain(
            f"Search for {subjects.search_term!r}", listing(query=subjects.search_term), analyze
        ),
        explain(
            f"Comment thread of proposal {proposal.id}",
            lambda: comment_thread(proposal, anonymous),
            analyze,
        ),
    ]
    if user is not None:

        def vote_lookups():
            # The lookups of votes/services.cast_vote and the list's "my votes".
            db.session.scalar(
                select(Vote).where(Vote.user_id == user.id, Vote.proposal_id == proposal.id)
            )
            votes_used(user.id, consultation.id)
            user_votes(user, [proposal.id])

        results.append(explain(f"Vote lookups of user {user.id}", vote_lookups, analyze))
    return results


def report(results: list[Explained], out=sys.stdout) -> None:
    for result in results:
        print(f"\n=== {result.title} ===", file=out)
        for number, (captured, plan) in enumerate(
            zip(result.statements, result.plans, strict=True), start=1
        ):
            sql = " ".join(captured.statement.split())
            print(f"-- statement {number}: {sql[:400]}{' …' if len(sql) > 400 else ''}", file=out)
            for line in plan:
                print(f"   {line}", file=out)


def absolute_sqlite_url(url: str) -> str:
    """sqlite:///bench/data/large.sqlite from the working directory, not the app's instance
    folder (where Flask-SQLAlchemy would look for a relative path)."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        return prefix + str(Path(url[len(prefix) :]).resolve())
    return url


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--manifest", type=Path, help="bench/data/<scale>-<database>.json")
    parser.add_argument("--consultation", type=int)
    parser.add_argument("--proposal", type=int)
    parser.add_argument("--search")
    parser.add_argument("--no-analyze", action="store_true", help="PostgreSQL: plan only")
    args = parser.parse_args(argv)

    from app import create_app
    from config import TestingConfig

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = absolute_sqlite_url(args.database_url)

    given = subjects_from_manifest(args.manifest) if args.manifest else {}
    if args.consultation:
        given["consultation_id"] = args.consultation
    if args.proposal:
        given["proposal_id"] = args.proposal
    if args.search:
        given["search_term"] = args.search
    app = create_app(Config)
    with app.app_context():
        from app.extensions import db

        subjects = find_subjects(**given)
        print(
            f"database: {db.engine.dialect.name}; consultation {subjects.consultation_id}, "
            f"proposal {subjects.proposal_id}, search {subjects.search_term!r}, "
            f"field {subjects.field_slug!r}, user {subjects.user_id}"
        )
        report(explain_all(subjects, analyze=not args.no_analyze))
        db.session.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
