"""Casting and retracting votes, with the one-vote rule and the budget held under concurrency.

The unique constraint (user, proposal) in the database is the last word on "one vote"; the
budget check and the insert run in a serialised transaction (core/locking.py), so twenty
parallel clicks cannot spend more than the budget.
"""

from flask_babel import ngettext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.consultations.models import VotingMode
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.locking import begin_serialised_transaction
from app.core.permissions import require
from app.extensions import db
from app.proposals.models import Proposal
from app.votes.models import Vote

FOR, AGAINST = 1, -1


def _check_value(proposal: Proposal, value: int) -> None:
    allowed = (FOR,) if proposal.consultation.voting_mode == VotingMode.SUPPORT else (FOR, AGAINST)
    if value not in allowed:
        raise DomainError(_("This kind of vote is not possible in this consultation."))


def votes_used(user_id: int, consultation_id: int) -> int:
    return db.session.scalar(
        select(func.count(Vote.id)).where(
            Vote.consultation_id == consultation_id, Vote.user_id == user_id
        )
    )


def votes_left(user, consultation) -> int | None:
    """How many votes the user may still give in the consultation; None without a budget."""
    if not consultation.vote_budget or not getattr(user, "is_authenticated", False):
        return None
    return max(0, consultation.vote_budget - votes_used(user.id, consultation.id))


def _apply_counts(proposal_id: int, old: int | None, new: int | None) -> None:
    """Keep the proposal's counters in step, in SQL, so parallel votes add up."""
    changes = {}
    for value, step in ((old, -1), (new, +1)):
        if value == FOR:
            changes["votes_for"] = changes.get("votes_for", Proposal.votes_for) + step
        elif value == AGAINST:
            changes["votes_against"] = changes.get("votes_against", Proposal.votes_against) + step
    if changes:
        db.session.execute(
            Proposal.__table__.update()
            .where(Proposal.__table__.c.id == proposal_id)
            .values(**{key: value for key, value in changes.items()})
        )


def cast_vote(user, proposal: Proposal, value: int) -> Vote:
    """Vote on a proposal, or change an existing vote. Commits (the route has nothing else)."""
    require(user, "vote.cast", proposal)
    _check_value(proposal, value)
    consultation = proposal.consultation
    user_id, proposal_id, consultation_id = user.id, proposal.id, consultation.id
    budget = consultation.vote_budget

    begin_serialised_transaction(User, user_id)
    try:
        existing = db.session.scalar(
            select(Vote).where(Vote.user_id == user_id, Vote.proposal_id == proposal_id)
        )
        if existing is not None:
            old = existing.value
            existing.value = value
            _apply_counts(proposal_id, old, value)
            db.session.commit()
            return existing
        if budget and votes_used(user_id, consultation_id) >= budget:
            raise DomainError(
                ngettext(
                    "You have used your one vote in this consultation. Take it back to give "
                    "it to another proposal.",
                    "You have used all %(num)d votes of this consultation. Take back a vote "
                    "to give it to another proposal.",
                    budget,
                )
            )
        vote = Vote(
            user_id=user_id, proposal_id=proposal_id, consultation_id=consultation_id, value=value
        )
        db.session.add(vote)
        db.session.flush()
        _apply_counts(proposal_id, None, value)
        db.session.commit()
        return vote
    except IntegrityError:
        # Another request of the same user inserted first: that vote stands.
        db.session.rollback()
        raise DomainError(_("You have already voted on this proposal.")) from None
    except Exception:
        db.session.rollback()
        raise


def retract_vote(user, proposal: Proposal) -> bool:
    """Take a vote back while voting is open. Returns whether there was one."""
    require(user, "vote.cast", proposal)
    user_id, proposal_id = user.id, proposal.id
    begin_serialised_transaction(User, user_id)
    vote = db.session.scalar(
        select(Vote).where(Vote.user_id == user_id, Vote.proposal_id == proposal_id)
    )
    if vote is None:
        db.session.commit()
        return False
    _apply_counts(proposal_id, vote.value, None)
    db.session.delete(vote)
    db.session.commit()
    return True


def user_votes(user, proposal_ids) -> dict[int, int]:
    """{proposal id: value} of the viewer's votes among these proposals (one query)."""
    if not getattr(user, "is_authenticated", False) or not proposal_ids:
        return {}
    rows = db.session.execute(
        select(Vote.proposal_id, Vote.value).where(
            Vote.user_id == user.id, Vote.proposal_id.in_(list(proposal_ids))
        )
    )
    return dict(rows.all())
