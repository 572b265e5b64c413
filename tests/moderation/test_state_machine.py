"""Every decision from every state: allowed transitions move, all others are refused."""

import pytest

from app.core.errors import DomainError
from app.core.models import ModerationState
from app.extensions import db
from app.moderation import services
from app.moderation.models import DecisionAction, Report
from tests import participation_builders as build
from tests.factories import make_user, make_user_with_role

P, W, H, R = "published", "pending", "hidden", "rejected"
ALLOWED = {
    (DecisionAction.APPROVE, W): P,
    (DecisionAction.APPROVE, P): P,
    (DecisionAction.REJECT, W): R,
    (DecisionAction.HIDE, P): H,
    (DecisionAction.HIDE, H): H,  # confirming an automatic hiding (needs open reports)
    (DecisionAction.RESTORE, H): P,
    (DecisionAction.RESTORE, R): P,
}
ACTIONS = (
    DecisionAction.APPROVE,
    DecisionAction.REJECT,
    DecisionAction.HIDE,
    DecisionAction.RESTORE,
)


@pytest.mark.parametrize("state", [P, W, H, R])
@pytest.mark.parametrize("action", ACTIONS)
def test_transition(app, action, state):
    moderator = make_user_with_role("moderator")
    consultation = build.consultation(region=moderator.roles[0].region, phase="discussion")
    comment = build.comment(build.proposal(consultation, make_user()), make_user())
    comment.moderation_state = state
    db.session.commit()
    if (action, state) == (DecisionAction.HIDE, H):
        # A confirmation answers the open reports that led to the automatic hiding.
        db.session.add(
            Report(contribution_id=comment.id, reporter_id=make_user().id, reason="spam")
        )
        db.session.commit()
    reason = "spam" if action in services.NEEDS_REASON else None
    if (action, state) in ALLOWED:
        services.decide(moderator, comment, action, state, reason)
        db.session.commit()
        db.session.refresh(comment)
        assert comment.moderation_state == ALLOWED[(action, state)]
    else:
        with pytest.raises(DomainError):
            services.decide(moderator, comment, action, state, reason)
        db.session.rollback()
        db.session.refresh(comment)
        assert comment.moderation_state == state


def test_the_rules_match_the_services_transitions():
    derived = {
        (action, state): target
        for action, (sources, target) in services.TRANSITIONS.items()
        for state in sources
    }
    assert derived == ALLOWED
    assert set(ModerationState.ALL) == {P, W, H, R}
