"""The list, the search, the thread and the vote lookups can use their indexes.

The statements are the app's own (recorded while `list_proposals`, `comment_thread` and the
vote lookups run, as bench/explain.py does) and explained on the test database: EXPLAIN QUERY
PLAN on SQLite, EXPLAIN on PostgreSQL. On tables this small PostgreSQL rightly prefers reading
the whole table, so its test turns sequential scans off for the transaction: what is shown is
that the index is usable, which is what it does once the tables are large.
"""

import re

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select, text

from app.comments.queries import comment_thread
from app.extensions import db
from app.proposals import search
from app.proposals.models import Proposal
from app.proposals.queries import ProposalFilters, list_proposals
from app.votes.services import user_votes, votes_used
from bench.explain import explain
from tests.performance.world import SEARCH_WORD, SMALL, World, grow


@pytest.fixture
def world():
    """A small world with the database's statistics taken, as a maintained server has them."""
    world = grow(World(), SMALL)
    if db.engine.dialect.name == "postgresql":
        # As autovacuum keeps it: statistics, and the visibility map that index-only scans
        # need (earlier tests deleted many rows). VACUUM runs outside a transaction.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    yield world
    db.session.rollback()
    if db.engine.dialect.name == "sqlite":
        # The statistics describe this world only; later tests start without them again.
        db.session.execute(text("DELETE FROM sqlite_stat1"))
        db.session.commit()


def plan_of(title: str, action) -> str:
    explained = explain(title, action, analyze=False)
    assert explained.statements, f"{title}: no statement recorded"
    return "\n".join("\n".join(plan) for plan in explained.plans)


def listing(world, **filters):
    return lambda: (
        list_proposals(world.listed, AnonymousUserMixin(), ProposalFilters(seed=7, **filters)).items
    )


def sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def conditions_only() -> None:
    """PostgreSQL: no plain index scans either for the rest of the transaction. On a few rows
    the planner likes walking a primary key with a filter; left with bitmap scans, which need
    an index matching a condition (and the only kind GIN answers), the plan names the index
    that the condition can use."""
    db.session.execute(text("SET LOCAL enable_indexscan = off"))


def test_the_search_reads_the_full_text_index(world):
    plan = plan_of("search", listing(world, query=SEARCH_WORD))
    if sqlite():
        assert "SCAN proposal_search VIRTUAL TABLE INDEX" in plan, plan
    else:
        # In the list the planner starts from whichever side is smaller (here: the three
        # proposals of the consultation); the condition it adds is the GIN index's expression.
        condition = search.matching_condition(SEARCH_WORD)
        proposals = Proposal.__table__
        conditions_only()
        alone = plan_of(
            "search condition",
            lambda: db.session.execute(select(proposals.c.id).where(condition)).all(),
        )
        assert "Bitmap Index Scan on ix_proposals_fulltext" in alone, alone
        assert "to_tsvector('simple'::regconfig, search_text) @@" in plan, plan
    # And it finds what it should.
    found = listing(world, query=SEARCH_WORD)()
    assert found and all(SEARCH_WORD in proposal.title for proposal in found)


@pytest.mark.parametrize(
    "filters", [{}, {"sort": "newest"}, {"field_of_action": "first"}, {"page": 2}]
)
def test_the_list_reads_the_index_on_its_consultation(world, filters):
    if filters.get("field_of_action"):
        filters = {"field_of_action": world.fields[0].slug}
    plan = plan_of("list", listing(world, **filters))
    # Either index that starts with (consultation, kind, state): ix_contributions_listing (then
    # creation time) or ix_contributions_consultation_order (then id, for the read API).
    index = "(ix_contributions_listing|ix_contributions_consultation_order)"
    if sqlite():
        assert re.search(rf"INDEX {index} \(consultation_id=\? AND kind=\?", plan), plan
        assert "SCAN contributions" not in plan, plan
    else:
        assert "Seq Scan on contributions" not in plan, plan
        assert "Seq Scan on proposals" not in plan, plan
        if "field_of_action" not in filters:
            # (With a field, a table this small is entered from the field's proposals.)
            assert re.search(rf"using {index} on contributions", plan), plan


def test_the_newest_first_order_needs_no_sorting_of_the_consultation(world):
    if not sqlite():
        # In a world this small a sort of three rows costs next to nothing, and the planner may
        # pick either index on the consultation; without a sort step it must find the one that
        # holds the order (if none did, the plan would still sort, at a prohibitive cost).
        db.session.execute(text("SET LOCAL enable_sort = off"))
    plan = plan_of("newest", listing(world, sort="newest"))
    if sqlite():
        # The index is read in its order, so only the page's own rows are sorted.
        assert "COVERING INDEX ix_contributions_listing" in plan, plan
    else:
        assert "Index Only Scan Backward using ix_contributions_listing" in plan, plan


def test_the_thread_and_the_vote_lookups_read_their_indexes(world):
    if not sqlite():
        conditions_only()
    thread = plan_of("thread", lambda: comment_thread(world.detail, AnonymousUserMixin()))
    if sqlite():
        assert "USING INDEX ix_comments_proposal_id (proposal_id=?)" in thread, thread
    else:
        assert "ix_comments_proposal_id" in thread, thread

    participant = world.participant

    def lookups():
        user_votes(participant, [world.vote_target.id])
        votes_used(participant.id, world.listed.id)

    plan = plan_of("votes", lookups)
    if sqlite():
        assert "sqlite_autoindex_votes_1 (user_id=? AND proposal_id=?)" in plan, plan
        assert "ix_votes_consultation_user (consultation_id=? AND user_id=?)" in plan, plan
    else:
        # Both lookups start from an index of the user's votes (which one: the planner's
        # choice on a few rows).
        assert len(re.findall(r"Scan (?:on|using) (?:uq|ix)_votes_\w+", plan)) >= 2, plan
    assert "SCAN votes" not in plan and "Seq Scan on votes" not in plan, plan


def test_translations_of_a_page_read_the_index_of_translations(world):
    """Most contributions are no translation; SQLite's statistics once counted their empty
    reference as one value matching every row and scanned the table for a page's
    translations. The index holds only translations now."""
    from app.multilingual.queries import translations_for

    if not sqlite():
        conditions_only()
    ids = [world.detail.id] + [comment.id for comment in world.comments]
    plan = plan_of("translations", lambda: translations_for(ids, AnonymousUserMixin()))
    if sqlite():
        assert "USING INDEX uq_contributions_translation_language (translation_of_id=?)" in plan
        assert not re.search(r"^\s*SCAN contributions", plan, re.MULTILINE), plan
    else:
        assert "Seq Scan on contributions" not in plan, plan
