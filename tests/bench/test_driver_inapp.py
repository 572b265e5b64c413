"""What the driver does inside the app between load runs: take the bench's votes and comments
back out so that a rerun finds the data as generated, counters included."""

from types import SimpleNamespace

from sqlalchemy import func, select

from app.comments.models import Comment
from app.extensions import db
from app.notifications.models import Notification
from app.proposals.models import Proposal
from app.votes.models import Vote
from bench.driver import inapp
from tests.factories import make_user
from tests.participation_builders import comment, consultation, proposal, vote


def test_removing_votes_keeps_the_counters_and_other_peoples_votes(app):
    voting = consultation(phase="voting", voting_mode="for_against", vote_budget=0)
    author = make_user()
    bench = [make_user(email=f"bench{n}@bench.example") for n in range(3)]
    other = make_user()
    first, second = proposal(voting, author), proposal(voting, author)
    vote(first, bench[0], 1)
    vote(first, bench[1], -1)
    vote(first, other, 1)
    vote(second, bench[2], 1)
    db.session.commit()

    removed = inapp.remove_votes(app, [user.id for user in bench], [first.id])

    assert removed == 2
    db.session.expire_all()
    assert (first.votes_for, first.votes_against) == (1, 0)
    assert db.session.scalars(select(Vote.user_id).where(Vote.proposal_id == first.id)).all() == [
        other.id
    ]
    assert second.votes_for == 1  # not named: untouched


def test_comment_cleanup_removes_only_the_bench_comments_after_the_mark(app):
    discussion = consultation(phase="discussion")
    bench_user, other = make_user(email="bench0@bench.example"), make_user()
    target = proposal(discussion, other)
    before = comment(target, bench_user, "Schon vorher da")
    db.session.commit()
    mark = inapp.comment_mark_value(app)
    assert mark >= before.id
    written = [comment(target, bench_user, f"Bench {n}") for n in range(3)]
    foreign = comment(target, other, "Jemand anderes")
    db.session.add(
        Notification(
            user_id=other.id,
            kind="new_comment",
            proposal_id=target.id,
            contribution_id=written[0].id,
        )
    )
    db.session.commit()
    assert target.comment_count == 5
    path = f"/consultations/{discussion.id}/proposals/{target.id}"
    manifest = SimpleNamespace(comment_path=path + "/comments/", users=("bench0@bench.example",))

    removed = inapp.comment_cleanup(app, manifest, mark)

    assert removed == 3
    db.session.expire_all()
    remaining = db.session.scalars(select(Comment.id).where(Comment.proposal_id == target.id))
    assert sorted(remaining) == sorted([before.id, foreign.id])
    assert db.session.get(Proposal, target.id).comment_count == 2
    assert db.session.scalar(select(func.count(Notification.id))) == 0


def test_sqlite_plan_rows_become_an_indented_tree():
    rows = [
        (2, 0, 0, "SEARCH contributions USING INDEX ix (consultation_id=?)"),
        (5, 0, 0, "LIST SUBQUERY 1"),
        (7, 5, 0, "SCAN proposal_search VIRTUAL TABLE INDEX 0:M2"),
    ]
    assert inapp.sqlite_plan_lines(rows) == [
        "SEARCH contributions USING INDEX ix (consultation_id=?)",
        "LIST SUBQUERY 1",
        "  SCAN proposal_search VIRTUAL TABLE INDEX 0:M2",
    ]
