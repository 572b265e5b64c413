"""Vote services: only in the voting phase, support or for/against, changing and retracting,
the budget, and the one-vote rule held by the database."""

from datetime import timedelta

import pytest
from sqlalchemy import event, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.consultations.models import VotingMode
from app.core.errors import DomainError, PermissionDenied
from app.extensions import db
from app.proposals.models import Proposal, ProposalStatus
from app.votes import services
from app.votes.models import Vote
from tests import participation_builders as build
from tests.factories import make_user


@pytest.fixture(autouse=True)
def _request(app):
    """Services translate their refusals: they run inside a request, as in the app."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


def vote_rows() -> list[tuple[int, int, int]]:
    return list(db.session.execute(select(Vote.user_id, Vote.proposal_id, Vote.value)).tuples())


def counters(proposal) -> tuple[int, int]:
    db.session.expire_all()
    stored = db.session.get(Proposal, proposal.id)
    return stored.votes_for, stored.votes_against


def voting_world(phase="voting", **settings):
    c = build.consultation(phase=phase, **settings)
    proposals = [build.proposal(c, make_user()) for _ in range(3)]
    voter = make_user()
    db.session.commit()
    return c, proposals, voter


# --- the phase --------------------------------------------------------------------------------


def test_a_vote_in_the_voting_phase_is_stored_and_counted():
    _c, (proposal, *_), voter = voting_world()
    services.cast_vote(voter, proposal, services.FOR)
    assert vote_rows() == [(voter.id, proposal.id, 1)]
    assert counters(proposal) == (1, 0)


@pytest.mark.parametrize("phase", ["information", "proposals", "discussion", "results", "none"])
def test_no_vote_outside_the_voting_phase(phase):
    _c, (proposal, *_), voter = voting_world(phase=phase)
    with pytest.raises(PermissionDenied):
        services.cast_vote(voter, proposal, services.FOR)
    db.session.rollback()
    assert vote_rows() == []
    assert counters(proposal) == (0, 0)


def test_votes_are_refused_just_before_and_just_after_the_voting_phase(time_machine):
    c, (proposal, *_), voter = voting_world()
    voting = c.phase("voting")
    time_machine.move_to(voting.starts_at - timedelta(seconds=1), tick=False)
    with pytest.raises(PermissionDenied):
        services.cast_vote(voter, proposal, services.FOR)
    db.session.rollback()
    time_machine.move_to(voting.ends_at, tick=False)  # the end is exclusive
    with pytest.raises(PermissionDenied):
        services.cast_vote(voter, proposal, services.FOR)
    db.session.rollback()
    assert vote_rows() == []
    time_machine.move_to(voting.starts_at, tick=False)
    services.cast_vote(voter, proposal, services.FOR)
    assert len(vote_rows()) == 1


def test_a_vote_cannot_be_taken_back_after_the_voting_phase(time_machine):
    c, (proposal, *_), voter = voting_world()
    services.cast_vote(voter, proposal, services.FOR)
    time_machine.move_to(c.phase("voting").ends_at + timedelta(hours=1))
    with pytest.raises(PermissionDenied):
        services.retract_vote(voter, proposal)
    db.session.rollback()
    assert len(vote_rows()) == 1
    assert counters(proposal) == (1, 0)


def test_no_vote_on_a_withdrawn_proposal():
    c, _proposals, voter = voting_world()
    withdrawn = build.proposal(c, make_user(), status=ProposalStatus.WITHDRAWN)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.cast_vote(voter, withdrawn, services.FOR)
    db.session.rollback()
    assert vote_rows() == []


def test_unconfirmed_users_do_not_vote():
    _c, (proposal, *_), _voter = voting_world()
    unconfirmed = make_user(confirmed=False)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.cast_vote(unconfirmed, proposal, services.FOR)
    db.session.rollback()
    assert vote_rows() == []


# --- modes ------------------------------------------------------------------------------------


def test_support_mode_refuses_votes_against():
    _c, (proposal, *_), voter = voting_world(voting_mode=VotingMode.SUPPORT)
    with pytest.raises(DomainError) as refused:
        services.cast_vote(voter, proposal, services.AGAINST)
    assert str(refused.value.message) == "This kind of vote is not possible in this consultation."
    db.session.rollback()
    assert vote_rows() == []
    assert counters(proposal) == (0, 0)


@pytest.mark.parametrize("value", [0, 2, -2, 100])
def test_values_other_than_for_and_against_are_refused(value):
    _c, (proposal, *_), voter = voting_world(voting_mode=VotingMode.FOR_AGAINST)
    with pytest.raises(DomainError):
        services.cast_vote(voter, proposal, value)
    db.session.rollback()
    assert vote_rows() == []


def test_for_against_mode_accepts_both_and_a_change_moves_the_counters():
    _c, (proposal, *_), voter = voting_world(voting_mode=VotingMode.FOR_AGAINST)
    other = make_user()
    db.session.commit()
    services.cast_vote(other, proposal, services.FOR)
    services.cast_vote(voter, proposal, services.AGAINST)
    assert counters(proposal) == (1, 1)
    services.cast_vote(voter, proposal, services.FOR)
    assert counters(proposal) == (2, 0)
    services.cast_vote(voter, proposal, services.AGAINST)
    assert counters(proposal) == (1, 1)
    services.cast_vote(voter, proposal, services.AGAINST)  # the same again changes nothing
    assert counters(proposal) == (1, 1)
    assert sorted(vote_rows()) == sorted([(other.id, proposal.id, 1), (voter.id, proposal.id, -1)])


def test_retract_removes_the_vote_and_its_count():
    _c, (proposal, *_), voter = voting_world(voting_mode=VotingMode.FOR_AGAINST)
    services.cast_vote(voter, proposal, services.AGAINST)
    assert services.retract_vote(voter, proposal) is True
    assert vote_rows() == []
    assert counters(proposal) == (0, 0)
    assert services.retract_vote(voter, proposal) is False
    assert counters(proposal) == (0, 0)


# --- budget -----------------------------------------------------------------------------------


def test_the_budget_refuses_the_vote_after_the_last_and_retracting_frees_one():
    c, (first, second, third), voter = voting_world(vote_budget=2)
    services.cast_vote(voter, first, services.FOR)
    services.cast_vote(voter, second, services.FOR)
    assert services.votes_used(voter.id, c.id) == 2
    with pytest.raises(DomainError) as refused:
        services.cast_vote(voter, third, services.FOR)
    assert str(refused.value.message) == (
        "You have used all 2 votes of this consultation. Take back a vote to give it to "
        "another proposal."
    )
    assert counters(third) == (0, 0)
    assert len(vote_rows()) == 2

    services.retract_vote(voter, first)
    services.cast_vote(voter, third, services.FOR)
    assert sorted(proposal_id for _u, proposal_id, _v in vote_rows()) == sorted(
        [second.id, third.id]
    )
    assert counters(first) == (0, 0)
    assert counters(third) == (1, 0)


def test_a_budget_of_one_says_so_in_the_singular():
    _c, (first, second, _third), voter = voting_world(vote_budget=1)
    services.cast_vote(voter, first, services.FOR)
    with pytest.raises(DomainError) as refused:
        services.cast_vote(voter, second, services.FOR)
    assert str(refused.value.message).startswith(
        "You have used your one vote in this consultation."
    )


def test_changing_a_vote_needs_no_budget():
    _c, (first, second, _third), voter = voting_world(
        vote_budget=2, voting_mode=VotingMode.FOR_AGAINST
    )
    services.cast_vote(voter, first, services.FOR)
    services.cast_vote(voter, second, services.FOR)
    services.cast_vote(voter, first, services.AGAINST)
    assert counters(first) == (0, 1)


def test_the_budget_counts_per_consultation():
    c, (first, second, _third), voter = voting_world(vote_budget=2)
    other = build.consultation(c.region, phase="voting", vote_budget=2)
    elsewhere = build.proposal(other, make_user())
    db.session.commit()
    services.cast_vote(voter, first, services.FOR)
    services.cast_vote(voter, second, services.FOR)
    services.cast_vote(voter, elsewhere, services.FOR)
    assert len(vote_rows()) == 3


def test_without_a_budget_one_votes_on_every_proposal():
    _c, proposals, voter = voting_world(vote_budget=0)
    for proposal in proposals:
        services.cast_vote(voter, proposal, services.FOR)
    assert len(vote_rows()) == 3


# --- one vote per user and proposal -----------------------------------------------------------


def test_the_database_refuses_a_second_vote_row():
    c, (proposal, *_), voter = voting_world()
    row = {
        "user_id": voter.id,
        "proposal_id": proposal.id,
        "consultation_id": c.id,
        "value": 1,
    }
    db.session.execute(insert(Vote).values(**row))
    with pytest.raises(IntegrityError):
        db.session.execute(insert(Vote).values(**row))
    db.session.rollback()


def test_a_vote_inserted_by_a_parallel_request_is_reported_not_crashed():
    """Another request of the same user inserts its vote between the check and the insert."""
    c, (proposal, *_), voter = voting_world()

    done = []

    def parallel_insert(session, flush_context, instances):
        if not done and any(isinstance(obj, Vote) for obj in session.new):
            done.append(True)
            session.execute(
                insert(Vote).values(
                    user_id=voter.id, proposal_id=proposal.id, consultation_id=c.id, value=1
                )
            )

    event.listen(Session, "before_flush", parallel_insert)
    try:
        with pytest.raises(DomainError) as refused:
            services.cast_vote(voter, proposal, services.FOR)
    finally:
        event.remove(Session, "before_flush", parallel_insert)
    assert done, "the parallel insert did not happen"
    assert str(refused.value.message) == "You have already voted on this proposal."
    assert refused.value.status_code == 400
    # The transaction was rolled back as a whole: counters untouched, the session usable.
    assert counters(proposal) == (0, 0)
    assert db.session.scalar(select(func.count(Vote.id))) == 0


def test_user_votes_lists_the_viewers_votes():
    _c, (first, second, third), voter = voting_world(voting_mode=VotingMode.FOR_AGAINST)
    services.cast_vote(voter, first, services.FOR)
    services.cast_vote(voter, second, services.AGAINST)
    assert services.user_votes(voter, [first.id, second.id, third.id]) == {
        first.id: 1,
        second.id: -1,
    }
    assert services.user_votes(voter, []) == {}
