"""The bench data generator: the `tiny` scale written into the test database (SQLite, or
PostgreSQL when DATABASE_URL names it), plus `bench.generate` end to end on a temporary SQLite
file (it drops and rebuilds the schema of the database it is given, so it never runs on the
test database itself).
"""

import hashlib
import json
from datetime import UTC, date, datetime

from argon2 import PasswordHasher
from flask_migrate import downgrade
from sqlalchemy import func, select, text

from app.accounts.models import User
from app.accounts.passwords import verify_password
from app.comments.models import Comment
from app.comments.queries import comment_thread
from app.consultations.models import Consultation
from app.core.models import Contribution
from app.core.permissions import can
from app.extensions import db
from app.proposals.models import Proposal
from app.proposals.search import matching_condition, searchable_text
from app.votes.models import Vote
from bench.generate import MIGRATIONS, _app, generate, read_manifest, reusable, schema_head
from bench.generator import scales
from bench.generator.fill import build_plan, fill, password_hash, targets
from bench.generator.text import corpus
from bench.generator.writer import Progress
from tests.conftest import _empty_all_tables, log_in, post_form

# Today: the running phases must run now for the pages and permissions the tests ask.
ANCHOR = datetime.now(UTC).date()
TINY = scales.SCALES["tiny"]


def _fill(app, seed: int = scales.DEFAULT_SEED) -> dict:
    plan = build_plan(TINY, seed, ANCHOR, Progress(None))
    with db.engine.connect() as connection, connection.begin():
        filled = fill(connection, plan)
    with app.test_request_context():
        return targets(plan, "test", filled.counts, db.engine.dialect.name)


# Not content: the caches' generation counter, which every commit of the app's session bumps.
NOT_CONTENT = {"cache_generation"}


def _digest() -> str:
    """Every row of every table, in primary-key order."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        if table.name in NOT_CONTENT:
            continue
        rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
        digest.update(f"{table.name}:{rows!r}".encode())
    if db.engine.dialect.name == "sqlite":
        rows = db.session.execute(text("SELECT rowid, * FROM proposal_search ORDER BY rowid"))
        digest.update(repr(rows.all()).encode())
    return digest.hexdigest()


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(app):
    _fill(app)
    first = _digest()
    _empty_all_tables()
    _fill(app)
    assert _digest() == first
    other = build_plan(TINY, 7, ANCHOR, Progress(None))
    same = build_plan(TINY, scales.DEFAULT_SEED, ANCHOR, Progress(None))

    def shape(plan):
        return [(p.author, p.created, p.language, p.state) for p in plan.proposals]

    assert shape(other) != shape(same)


def test_sizes_and_counters_equal_the_rows(app):
    result = _fill(app)
    counts = result["counts"]
    assert (counts["proposals"], counts["comments"], counts["votes"]) == (60, 450, 600)
    assert counts["contributions"] == 60 + 450 + counts["contribution_translations"]
    assert counts["users"] == TINY.users + 13  # participants + administrator + 12 staff
    for table, rows in counts.items():
        if table != "proposal_search":
            assert (
                db.session.scalar(select(func.count()).select_from(db.metadata.tables[table]))
                == rows
            )

    votes: dict[int, int] = {}  # proposal id -> votes for * 1000 + votes against
    for proposal_id, value in db.session.execute(select(Vote.proposal_id, Vote.value)):
        votes[proposal_id] = votes.get(proposal_id, 0) + (1000 if value == 1 else 1)
    visible_comments = dict(
        db.session.execute(
            select(Comment.proposal_id, func.count())
            .where(Comment.moderation_state == "published", Comment.deleted_at.is_(None))
            .group_by(Comment.proposal_id)
        ).all()
    )
    proposals = db.session.scalars(select(Proposal)).all()
    assert sum(p.votes_for + p.votes_against for p in proposals) == 600
    for proposal in proposals:
        assert proposal.votes_for * 1000 + proposal.votes_against == votes.get(proposal.id, 0)
        assert proposal.comment_count == visible_comments.get(proposal.id, 0)
        assert proposal.search_text == searchable_text(proposal.title, proposal.body)
        assert 30 <= len(proposal.title) <= 140
        assert 300 <= len(proposal.body) <= 2_500
    # Every language, every moderation state, every phase, answers and translations exist.
    languages = set(db.session.scalars(select(Contribution.language).distinct()))
    assert languages == {"de", "en", "tr", "ar", "fa", "pl", "ru", "uk"}
    states = set(db.session.scalars(select(Contribution.moderation_state).distinct()))
    assert {"published", "pending", "hidden"} <= states
    # At a larger scale every state shows up, proposals and comments alike.
    small = build_plan(scales.SCALES["small"], scales.DEFAULT_SEED, ANCHOR, Progress(None))
    assert {p.state for p in small.proposals} == {"published", "pending", "hidden", "rejected"}
    assert {c[5] for c in small.comments} == {"published", "pending", "hidden", "rejected"}
    assert counts["official_responses"] and counts["contribution_translations"]
    assert {c.state for c in db.session.scalars(select(Consultation))} == {
        "draft",
        "published",
        "archived",
    }
    if db.engine.dialect.name == "sqlite":
        indexed = db.session.execute(text("SELECT rowid, title FROM proposal_search")).all()
        assert sorted(indexed) == sorted((p.id, p.title) for p in proposals)
    else:  # ids were written explicitly: the next row the app inserts gets a fresh one
        assert db.session.scalar(text("SELECT nextval('votes_id_seq')")) == 601


def test_the_search_term_finds_the_planted_proposals_through_the_app_search(app):
    result = _fill(app)
    assert not any(
        scales.SEARCH_TERM.casefold() in s.casefold()
        for language in corpus().values()
        for s in language["sentences"] + language["titles"]
    )
    consultation_id = int(result["paths"]["proposal_list"].rsplit("/", 1)[1])
    found = db.session.scalars(
        select(Proposal.id).where(
            Proposal.consultation_id == consultation_id, matching_condition(result["search_term"])
        )
    ).all()
    planted = db.session.scalars(
        select(Proposal.id).where(Proposal.body.contains(scales.SEARCH_TERM))
    ).all()
    assert found and sorted(found) == sorted(planted)
    assert len(found) == result["search_matches"]


def test_every_target_path_answers_and_the_driver_forms_work(app, client):
    result = _fill(app)
    for name, path in result["paths"].items():
        response = client.get(path)
        assert response.status_code == 200, name
    search_page = client.get(result["paths"]["proposal_list_search"]).get_data(as_text=True)
    planted = db.session.scalar(select(Proposal).where(Proposal.body.contains(scales.SEARCH_TERM)))
    assert planted.title in search_page

    logged_in = result["logged_in"]
    user = _user(logged_in["users"][0])
    log_in(client, user)
    page = client.get(logged_in["comment_proposal_path"]).get_data(as_text=True)
    assert f'action="{logged_in["comment_path"]}"' in page
    response = post_form(
        client,
        logged_in["comment_path"],
        {"body": "Ein Kommentar aus dem Lasttest.", "language": "de", "stance": ""},
    )
    assert response.status_code == 302
    assert (
        db.session.scalar(
            select(func.count()).where(
                Comment.author_id == user.id, Comment.body.contains("Lasttest")
            )
        )
        == 1
    )

    form = logged_in["vote_form"]
    for vote in logged_in["vote_paths"]:
        proposal_id = int(vote["cast"].split("/")[-2])
        mine = select(func.count()).where(Vote.user_id == user.id, Vote.proposal_id == proposal_id)
        assert post_form(client, vote["cast"], {form["field"]: form["cast"]}).status_code == 302
        assert db.session.scalar(mine) == 1
        assert (
            post_form(client, vote["retract"], {form["field"]: form["retract"]}).status_code == 302
        )
        assert db.session.scalar(mine) == 0


def test_storm_and_logged_in_accounts_may_vote_and_have_not_voted_yet(app):
    result = _fill(app)
    storm = result["storm"]
    proposal = db.session.get(Proposal, storm["proposal_id"])
    assert storm["cast_path"].endswith(f"/proposals/{proposal.id}/vote")
    assert len(set(storm["users"])) == scales.STORM_USERS
    assert not set(storm["users"]) & set(result["logged_in"]["users"])
    users = db.session.scalars(select(User).where(User.email.in_(storm["users"]))).all()
    assert len(users) == scales.STORM_USERS
    voted = db.session.scalar(
        select(func.count()).where(
            Vote.proposal_id == proposal.id, Vote.user_id.in_([u.id for u in users])
        )
    )
    assert voted == 0
    assert proposal.votes_for + proposal.votes_against == storm["votes_before"]
    assert all(can(user, "vote.cast", proposal) and not user.is_staff for user in users)
    assert not any(user.has_mfa for user in users)

    targets_ = [int(v["cast"].split("/")[-2]) for v in result["logged_in"]["vote_paths"]]
    for email in result["logged_in"]["users"]:
        user = _user(email)
        assert not user.has_mfa and not user.is_staff
        for proposal_id in targets_:
            assert can(user, "vote.cast", db.session.get(Proposal, proposal_id))
            assert not db.session.scalar(
                select(Vote.id).where(Vote.user_id == user.id, Vote.proposal_id == proposal_id)
            )


def test_the_detail_proposal_shows_exactly_300_comments_with_replies(app):
    result = _fill(app)
    proposal_id = int(result["paths"]["proposal_detail"].rsplit("/", 1)[1])
    proposal = db.session.get(Proposal, proposal_id)
    thread = comment_thread(proposal, None)
    assert thread.count == proposal.comment_count == scales.DETAIL_COMMENTS
    assert thread.hidden_reasons  # hidden comments stay as placeholders with their reason
    replies = db.session.scalar(
        select(func.count()).where(
            Comment.proposal_id == proposal.id, Comment.parent_id.is_not(None)
        )
    )
    assert replies > 30
    # It is the most discussed proposal, in the biggest consultation.
    assert proposal.comment_count == db.session.scalar(select(func.max(Proposal.comment_count)))
    sizes = db.session.execute(
        select(Proposal.consultation_id, func.count()).group_by(Proposal.consultation_id)
    ).all()
    assert max(sizes, key=lambda row: row[1])[0] == proposal.consultation_id


def test_the_api_targets_answer_and_the_deep_page_lies_near_the_end(app, client):
    from bench.generator.api_targets import api_paths

    result = _fill(app)
    biggest = int(result["paths"]["proposal_list"].rsplit("/", 1)[1])
    paths = api_paths(db.session.connection(), biggest)
    pages = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, name
        pages[name] = [item["id"] for item in response.get_json()["data"]]
        assert pages[name], name
    # Newest first: the deep page starts where the ids are small.
    assert max(pages["api_proposals_deep"]) < max(pages["api_proposals"])
    assert min(pages["api_proposals_deep"]) < min(pages["api_proposals"])
    listed = {
        item["consultation_id"]
        for item in client.get(paths["api_proposals_consultation"]).get_json()["data"]
    }
    assert listed == {biggest}


def test_one_password_hash_with_production_parameters(app):
    hashed = password_hash(scales.DEFAULT_SEED)
    hasher = PasswordHasher()
    assert hasher.verify(hashed, scales.BENCH_PASSWORD)
    assert verify_password(hashed, scales.BENCH_PASSWORD)  # the app's own check
    assert not hasher.check_needs_rehash(hashed)
    assert hashed == password_hash(scales.DEFAULT_SEED)


def test_generate_writes_the_targets_and_reuses_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'tiny.sqlite'}"
    lines: list[str] = []
    result, path, reused = generate("tiny", url, output_dir=tmp_path, echo=lines.append)
    assert not reused and path == tmp_path / "tiny-sqlite.json"
    assert not (tmp_path / "tiny.sqlite.partial").exists()
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written == result and written["database_url"] == url
    assert set(written) >= {
        "scale", "database_url", "seed", "generator_version", "counts", "password", "paths",
        "search_term", "logged_in", "storm",
    }  # fmt: skip
    assert set(written["paths"]) == {
        "start", "region", "consultation", "proposal_list", "proposal_list_filter",
        "proposal_list_search", "proposal_detail", "api_proposals", "api_proposals_deep",
        "api_proposals_consultation",
    }  # fmt: skip
    assert len(written["logged_in"]["users"]) == 16
    assert set(written["logged_in"]) >= {
        "users",
        "vote_paths",
        "comment_path",
        "comment_proposal_path",
    }
    assert set(written["storm"]) >= {"users", "proposal_path", "cast_path", "proposal_id"}
    assert any("votes 600" in line for line in lines)

    lines.clear()
    again, _, reused = generate("tiny", url, output_dir=tmp_path, echo=lines.append)
    assert reused and again == result
    assert any("reusing" in line for line in lines)

    # A migration added since the data was made: the reused database is upgraded, not rebuilt.
    generator_app = _app(url, str(tmp_path / "instance"))
    with generator_app.app_context():
        downgrade(directory=MIGRATIONS, revision="-1")
        db.engine.dispose()
    lines.clear()
    _, _, reused = generate("tiny", url, output_dir=tmp_path, echo=lines.append)
    assert reused and any("schema upgraded" in line for line in lines)
    assert read_manifest(url)["schema_revision_found"] == schema_head()


def test_reuse_needs_the_same_scale_seed_version_schema_and_current_dates():
    today = date(2026, 3, 10)
    held = {
        "scale": "small",
        "seed": 2026,
        "generator_version": scales.GENERATOR_VERSION,
        "schema_revision_found": schema_head(),
        "anchor_date": "2026-03-02",
    }
    assert reusable(held, "small", 2026, None, today) is None
    assert reusable(None, "small", 2026, None, today) == "no bench manifest"
    assert "scale" in reusable(held, "large", 2026, None, today)
    assert "seed" in reusable(held, "small", 7, None, today)
    assert "generator_version" in reusable(
        {**held, "generator_version": "0"}, "small", 2026, None, today
    )
    # An older revision of the migrations is upgraded; an unknown one is rebuilt.
    older = {**held, "schema_revision_found": "0001"}
    assert reusable(older, "small", 2026, None, today) is None
    unknown = {**held, "schema_revision_found": "9999"}
    assert "schema" in reusable(unknown, "small", 2026, None, today)
    assert "anchor" in reusable(held, "small", 2026, date(2026, 3, 3), today)
    assert "ended" in reusable(held, "small", 2026, None, date(2026, 4, 1))


def test_the_api_targets_import_before_any_app_exists():
    """The generator imports them in a fresh interpreter, before it creates an app (a reused
    database): the API's modules must not need the app's import order."""
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-c", "import bench.generator.api_targets"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
