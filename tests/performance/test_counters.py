"""The consultation page's counters: taken from the proposals' own counters, they equal the rows
they stand for; kept like the monitoring figures, a warm one costs no statement."""

from sqlalchemy import func, select, union

from app.comments.models import Comment
from app.consultations.routes import counters
from app.core.models import Contribution
from app.extensions import db
from app.monitoring import cache as monitoring_cache
from app.proposals.models import Proposal
from app.votes.models import Vote
from tests.performance.world import LARGE, World, grow


def counted_from_rows(consultation) -> dict[str, int]:
    """What the counters stand for, counted row by row."""
    published = "published"
    people = union(
        select(Contribution.author_id).where(
            Contribution.consultation_id == consultation.id,
            Contribution.moderation_state == published,
            Contribution.author_id.is_not(None),
            Contribution.on_site_event_id.is_(None),
            Contribution.translation_of_id.is_(None),
        ),
        select(Vote.user_id).where(
            Vote.consultation_id == consultation.id, Vote.user_id.is_not(None)
        ),
    ).subquery()
    return {
        "proposals": db.session.scalar(
            select(func.count(Proposal.id)).where(
                Proposal.consultation_id == consultation.id,
                Proposal.moderation_state == published,
            )
        ),
        "comments": db.session.scalar(
            select(func.count(Comment.id)).where(
                Comment.consultation_id == consultation.id,
                Comment.moderation_state == published,
                Comment.deleted_at.is_(None),
            )
        ),
        "votes": db.session.scalar(
            select(func.count(Vote.id)).where(Vote.consultation_id == consultation.id)
        ),
        "participants": db.session.scalar(select(func.count()).select_from(people)),
    }


def test_the_counters_equal_the_rows_they_stand_for():
    # Pending and hidden proposals, hidden and removed comments, votes for and against.
    world = grow(World(), LARGE)
    for consultation in (world.listed, world.discussion):
        expected = counted_from_rows(consultation)
        assert counters(consultation) == expected
    assert counters(world.discussion)["comments"] > 0
    assert counters(world.listed)["votes"] > 0


def test_the_counters_are_kept_for_the_monitoring_lifetime(app, count_queries):
    world = grow(World(), LARGE)
    app.config["MONITORING_CACHE_SECONDS"] = 300
    monitoring_cache.clear()
    try:
        first = counters(world.listed)
        with count_queries() as counted:
            again = counters(world.listed)
        assert again == first
        assert len(counted) == 0
        # Another consultation has figures of its own.
        assert counters(world.discussion) != first
    finally:
        app.config["MONITORING_CACHE_SECONDS"] = 0
        monitoring_cache.clear()
