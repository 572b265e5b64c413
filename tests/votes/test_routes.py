"""Voting through the pages: post-redirect-get with a flash message, or JSON for the script;
phases, modes, budget, CSRF and a vote that already exists."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from app.consultations.models import VotingMode
from app.extensions import db
from app.proposals.models import Proposal, ProposalStatus
from app.votes.models import Vote
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user

JSON = {"Accept": "application/json"}


def vote_url(proposal) -> str:
    return build.proposal_url(proposal, "/vote")


def vote_count() -> int:
    return db.session.scalar(select(func.count(Vote.id)))


def counters(proposal) -> tuple[int, int]:
    db.session.expire_all()
    stored = db.session.get(Proposal, proposal.id)
    return stored.votes_for, stored.votes_against


def flashes(page: str) -> list[str]:
    return re.findall(r'<div class="alert alert--\w+" role="\w+">\s*<p>(.*?)</p>', page, re.S)


@pytest.fixture
def voting(client, login_as):
    """Three proposals in the voting phase and a logged-in voter (English UI)."""

    def _make(**settings):
        c = build.consultation(phase=settings.pop("phase", "voting"), **settings)
        proposals = [build.proposal(c, make_user(), title=f"Vorschlag {n}") for n in range(3)]
        voter = login_as("participant", locale="en")
        db.session.commit()
        return c, proposals, voter

    return _make


# --- post, redirect, get ----------------------------------------------------------------------


def test_a_vote_redirects_to_the_proposal_and_says_it_was_counted(client, voting):
    _c, (proposal, *_), voter = voting()
    response = post_form(client, vote_url(proposal), {"value": "1"})
    assert response.status_code == 302
    assert response.location == build.proposal_url(proposal) + f"#proposal-{proposal.id}"
    assert counters(proposal) == (1, 0)
    assert db.session.scalars(select(Vote)).one().user_id == voter.id
    page = client.get(response.location).get_data(as_text=True)
    assert flashes(page) == ["Your vote has been counted."]
    assert "1 support" in page
    assert 'value="0"' in page and "Take back support" in page


def test_a_vote_from_the_list_returns_to_the_list(client, voting):
    c, (proposal, *_), _voter = voting()
    response = post_form(client, vote_url(proposal), {"value": "1", "back": "list"})
    assert response.location == build.consultation_url(c) + f"#proposal-{proposal.id}"
    assert flashes(client.get(response.location).get_data(as_text=True)) == [
        "Your vote has been counted."
    ]


def test_a_refusal_is_flashed_on_the_next_page(client, voting):
    _c, (proposal, *_), _voter = voting(voting_mode=VotingMode.SUPPORT)
    response = post_form(client, vote_url(proposal), {"value": "-1"})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert flashes(page) == ["This kind of vote is not possible in this consultation."]
    assert vote_count() == 0


# --- JSON -------------------------------------------------------------------------------------


def test_json_answers_with_counts_my_vote_and_votes_left(client, voting):
    _c, (proposal, *_), _voter = voting(vote_budget=2)
    response = post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON)
    assert response.status_code == 200
    assert response.json == {
        "message": "Your vote has been counted.",
        "my_vote": 1,
        "votes_for": 1,
        "votes_against": 0,
        "votes_left": 1,
    }
    retract = post_form(client, vote_url(proposal), {"value": "0"}, headers=JSON)
    assert retract.json == {
        "message": "Your vote has been taken back.",
        "my_vote": None,
        "votes_for": 0,
        "votes_against": 0,
        "votes_left": 2,
    }
    assert vote_count() == 0


def test_json_without_a_budget_has_no_votes_left(client, voting):
    _c, (proposal, *_), _voter = voting(vote_budget=0)
    response = post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON)
    assert response.json["votes_left"] is None


def test_for_against_votes_change_through_json(client, voting):
    _c, (proposal, *_), _voter = voting(voting_mode=VotingMode.FOR_AGAINST)
    against = post_form(client, vote_url(proposal), {"value": "-1"}, headers=JSON)
    assert against.status_code == 200
    assert (against.json["my_vote"], against.json["votes_for"], against.json["votes_against"]) == (
        -1, 0, 1,
    )  # fmt: skip
    changed = post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON)
    assert (changed.json["my_vote"], changed.json["votes_for"], changed.json["votes_against"]) == (
        1, 1, 0,
    )  # fmt: skip
    assert counters(proposal) == (1, 0)
    assert vote_count() == 1


@pytest.mark.parametrize("value", ["-1", "2", "abc", "", "1.0"])
def test_support_mode_refuses_anything_but_support(client, voting, value):
    _c, (proposal, *_), _voter = voting(voting_mode=VotingMode.SUPPORT)
    response = post_form(client, vote_url(proposal), {"value": value}, headers=JSON)
    assert response.status_code == 400
    assert response.json == {"message": "This kind of vote is not possible in this consultation."}
    assert vote_count() == 0
    assert counters(proposal) == (0, 0)


def test_the_budget_refuses_the_third_vote_with_a_clear_message(client, voting):
    _c, (first, second, third), _voter = voting(vote_budget=2)
    assert post_form(client, vote_url(first), {"value": "1"}, headers=JSON).json["votes_left"] == 1
    assert post_form(client, vote_url(second), {"value": "1"}, headers=JSON).json["votes_left"] == 0
    refused = post_form(client, vote_url(third), {"value": "1"}, headers=JSON)
    assert refused.status_code == 400
    assert refused.json == {
        "message": "You have used all 2 votes of this consultation. Take back a vote to give "
        "it to another proposal."
    }
    assert counters(third) == (0, 0)
    assert vote_count() == 2

    post_form(client, vote_url(first), {"value": "0"}, headers=JSON)
    freed = post_form(client, vote_url(third), {"value": "1"}, headers=JSON)
    assert freed.status_code == 200
    assert freed.json["votes_left"] == 0
    assert counters(third) == (1, 0)


def test_the_pages_say_how_many_votes_are_left(client, voting):
    c, (first, *_), _voter = voting(vote_budget=2)
    post_form(client, vote_url(first), {"value": "1"})
    assert "You have 1 vote left." in client.get(build.consultation_url(c)).get_data(as_text=True)
    assert "You have 1 vote left." in client.get(build.proposal_url(first)).get_data(as_text=True)


# --- phases and proposals that take no votes --------------------------------------------------


@pytest.mark.parametrize("phase", ["proposals", "discussion", "results"])
def test_no_vote_outside_the_voting_phase(client, voting, phase):
    _c, (proposal, *_), _voter = voting(phase=phase)
    response = post_form(client, vote_url(proposal), {"value": "1"})
    assert response.status_code == 302
    assert vote_count() == 0
    assert counters(proposal) == (0, 0)
    page = client.get(build.proposal_url(proposal)).get_data(as_text=True)
    assert 'name="value"' not in page
    assert "Voting is possible only in the voting phase." in page


def test_a_refusal_by_the_rules_answers_json_with_403_and_a_message(client, voting):
    _c, (proposal, *_), _voter = voting(phase="discussion")
    response = post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON)
    assert response.status_code == 403
    assert response.json["message"]
    assert response.json["message"] != "None"
    assert vote_count() == 0


def test_a_refusal_by_the_rules_flashes_a_reason_not_none(client, voting):
    _c, (proposal, *_), _voter = voting(phase="results")
    response = post_form(client, vote_url(proposal), {"value": "1"})
    page = client.get(response.location).get_data(as_text=True)
    assert flashes(page)
    assert "None" not in flashes(page)


def test_travelling_through_the_voting_phase(client, voting, time_machine):
    c, (proposal, *_), voter = voting()
    voting_phase = c.phase("voting")
    time_machine.move_to(voting_phase.starts_at - timedelta(minutes=1))
    log_in(client, voter)  # the session cookie signed "in the future" is no longer valid
    assert post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON).status_code == 403
    assert vote_count() == 0
    time_machine.move_to(voting_phase.starts_at + timedelta(minutes=1))
    assert post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON).status_code == 200
    time_machine.move_to(voting_phase.ends_at + timedelta(minutes=1))
    assert post_form(client, vote_url(proposal), {"value": "0"}, headers=JSON).status_code == 403
    assert vote_count() == 1
    assert counters(proposal) == (1, 0)


def test_a_withdrawn_proposal_takes_no_vote(client, voting):
    _c, (proposal, *_), _voter = voting()
    proposal.status = ProposalStatus.WITHDRAWN
    db.session.commit()
    response = post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON)
    assert response.status_code == 403
    assert vote_count() == 0


def test_anonymous_visitors_are_sent_to_log_in(app):
    c = build.consultation(phase="voting")
    proposal = build.proposal(c, make_user())
    db.session.commit()
    anonymous = app.test_client()
    response = post_form(anonymous, vote_url(proposal), {"value": "1"})
    assert response.status_code == 302
    assert response.location.startswith("/account/login")
    assert vote_count() == 0


def test_a_vote_on_a_proposal_of_another_consultation_is_not_found(client, voting):
    c, _proposals, _voter = voting()
    other = build.consultation(c.region, phase="voting")
    foreign = build.proposal(other, make_user())
    db.session.commit()
    response = post_form(
        client, f"/consultations/{c.id}/proposals/{foreign.id}/vote", {"value": "1"}
    )
    assert response.status_code == 404
    assert vote_count() == 0


# --- CSRF and existing votes ------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, JSON])
def test_a_vote_without_csrf_token_is_refused(client, voting, headers):
    _c, (proposal, *_), _voter = voting()
    response = client.post(vote_url(proposal), data={"value": "1"}, headers=headers)
    assert response.status_code == 400
    assert vote_count() == 0
    assert counters(proposal) == (0, 0)


def test_a_vote_with_a_wrong_csrf_token_is_refused(client, voting):
    _c, (proposal, *_), _voter = voting()
    response = client.post(vote_url(proposal), data={"value": "1", "csrf_token": "forged"})
    assert response.status_code == 400
    assert vote_count() == 0


def test_a_vote_row_that_already_exists_never_gives_a_500(client, voting):
    """As if a parallel request had stored the vote a moment earlier."""
    c, (proposal, *_), voter = voting()
    db.session.execute(
        insert(Vote).values(
            user_id=voter.id, proposal_id=proposal.id, consultation_id=c.id, value=1
        )
    )
    db.session.commit()
    response = post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON)
    assert response.status_code == 200  # the existing vote is kept (and would be changed)
    assert response.json["my_vote"] == 1
    assert vote_count() == 1
    again = post_form(client, vote_url(proposal), {"value": "1"})
    assert again.status_code == 302
    assert vote_count() == 1


def test_a_parallel_insert_during_the_vote_is_reported(client, voting):
    """The insert loses the race against another request: a message, never a 500."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    c, (proposal, *_), voter = voting()
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
        response = post_form(client, vote_url(proposal), {"value": "1"}, headers=JSON)
    finally:
        event.remove(Session, "before_flush", parallel_insert)
    assert done
    assert response.status_code == 400
    assert response.json == {"message": "You have already voted on this proposal."}
