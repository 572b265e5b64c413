"""The vote budget and the one-vote rule hold when many requests arrive at the same moment.

Twenty threads, each with its own database connection, are released together through a
barrier — on SQLite here, and on PostgreSQL in CI.
"""

import threading
from datetime import timedelta

from sqlalchemy import func, select

from app.accounts.models import User
from app.consultations.models import Consultation, Phase, VotingMode
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.extensions import db
from app.proposals import search
from app.proposals.models import Proposal
from app.votes import services
from app.votes.models import Vote
from tests.factories import make_region, make_user

THREADS = 20


def voting_consultation(budget: int) -> Consultation:
    now = utcnow_naive()
    consultation = Consultation(
        region=make_region(),
        title={"de": "Abstimmung"},
        state="published",
        voting_mode=VotingMode.SUPPORT,
        vote_budget=budget,
    )
    consultation.phases = [
        Phase(
            kind="information", starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=5)
        ),
        Phase(kind="voting", starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=5)),
    ]
    db.session.add(consultation)
    db.session.flush()
    return consultation


def proposals(consultation, author, count: int) -> list[int]:
    ids = []
    for number in range(count):
        proposal = Proposal(
            consultation=consultation,
            author_id=author.id,
            title=f"Vorschlag {number}",
            body="Ein Vorschlag für die Abstimmung.",
            language="de",
        )
        db.session.add(proposal)
        db.session.flush()
        search.index_proposal(proposal)
        ids.append(proposal.id)
    return ids


def vote_at_once(app, user_id: int, proposal_ids: list[int]) -> tuple[int, list[Exception]]:
    """Each thread votes for its proposal; returns (successes, unexpected errors)."""
    barrier = threading.Barrier(len(proposal_ids))
    successes, refusals, errors = [], [], []

    def worker(proposal_id: int):
        with app.app_context():
            user = db.session.get(User, user_id)
            proposal = db.session.get(Proposal, proposal_id)
            db.session.commit()  # hand the connection back while waiting for the others
            barrier.wait(timeout=30)
            try:
                services.cast_vote(user, proposal, services.FOR)
                successes.append(proposal_id)
            except DomainError:
                refusals.append(proposal_id)
            except Exception as error:  # anything else would be a 500 for the user
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(pid,)) for pid in proposal_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(successes) + len(refusals) + len(errors) == len(proposal_ids)
    db.session.rollback()  # end this thread's snapshot, so it sees what the others wrote
    return len(successes), errors


def test_budget_holds_when_twenty_votes_arrive_at_once(app):
    consultation = voting_consultation(budget=5)
    author, voter = make_user(), make_user()
    proposal_ids = proposals(consultation, author, THREADS)
    db.session.commit()

    succeeded, errors = vote_at_once(app, voter.id, proposal_ids)

    assert errors == []
    assert succeeded == 5
    stored = db.session.scalar(select(func.count(Vote.id)).where(Vote.user_id == voter.id))
    assert stored == 5
    counted = db.session.scalar(select(func.sum(Proposal.votes_for)))
    assert counted == 5


def test_one_vote_per_proposal_when_twenty_clicks_arrive_at_once(app):
    consultation = voting_consultation(budget=0)
    author, voter = make_user(), make_user()
    (proposal_id,) = proposals(consultation, author, 1)
    db.session.commit()

    succeeded, errors = vote_at_once(app, voter.id, [proposal_id] * THREADS)

    assert errors == []
    # The first vote counts; the others find it and change nothing (same value).
    assert succeeded >= 1
    assert db.session.scalar(select(func.count(Vote.id))) == 1
    assert db.session.get(Proposal, proposal_id).votes_for == 1
