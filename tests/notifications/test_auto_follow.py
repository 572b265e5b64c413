"""Authors follow their own proposals from the moment they submit them, also while one waits
for review; the follow and the notifications are stored in the request's one transaction."""

import pytest
from sqlalchemy import select

from app.comments import services as comments
from app.consultations.models import ModerationMode
from app.core.errors import DomainError
from app.core.models import ModerationState
from app.extensions import db
from app.notifications import follows, kinds
from app.notifications.models import Follow, Notification
from app.proposals import services as proposals
from app.proposals.models import Proposal
from tests import participation_builders as build
from tests.conftest import post_form
from tests.factories import make_user, make_user_with_role

TEXT = "Wir brauchen mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können."


def proposal_form(title: str = "Mehr Sprachkurse am Abend") -> dict:
    return {"title": title, "body": TEXT, "field_of_action": "0", "language": "de"}


def follows_of(user) -> list[tuple]:
    rows = db.session.scalars(select(Follow).where(Follow.user_id == user.id))
    return [(f.consultation_id, f.proposal_id, f.organisation_id) for f in rows]


def notifications() -> list[tuple[int, str]]:
    rows = db.session.scalars(select(Notification).order_by(Notification.id))
    return [(n.user_id, n.kind) for n in rows]


def test_submitting_through_the_page_follows_the_proposal_and_tells_followers(client, login_as):
    consultation = build.consultation(phase="proposals", moderation_mode=ModerationMode.POST)
    follower = make_user()
    follows.follow(follower, consultation)
    author = login_as("participant", locale="en")

    response = post_form(client, f"/consultations/{consultation.id}/proposals/new", proposal_form())

    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal)).one()
    assert follows_of(author) == [(None, proposal.id, None)]
    assert notifications() == [(follower.id, kinds.NEW_PROPOSAL)]


def test_a_pending_proposal_is_followed_too_and_only_the_region_hears_of_it(client, login_as):
    moderator = make_user_with_role("moderator")
    region = moderator.roles[0].region
    consultation = build.consultation(region, phase="proposals", moderation_mode=ModerationMode.PRE)
    follower = make_user()
    follows.follow(follower, consultation)
    author = login_as("participant", locale="en")

    response = post_form(client, f"/consultations/{consultation.id}/proposals/new", proposal_form())

    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal)).one()
    assert proposal.moderation_state == ModerationState.PENDING
    assert follows_of(author) == [(None, proposal.id, None)]
    assert notifications() == [(moderator.id, kinds.MODERATION_WAITING)]


@pytest.fixture
def _request(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


@pytest.mark.usefixtures("_request")
def test_the_author_hears_of_comments_until_unfollowing():
    consultation = build.consultation(phase="proposals")
    author, commenter = make_user(), make_user()
    proposal = proposals.submit_proposal(author, consultation, "Abendkurse", TEXT, "de", None)
    db.session.commit()
    assert follows.is_following(author, proposal)

    comments.add_comment(commenter, proposal, "Gute Idee, ich wäre dabei.", "de")
    db.session.commit()
    assert notifications() == [(author.id, kinds.PROPOSAL_COMMENT)]

    follows.unfollow(author, proposal)
    comments.add_comment(commenter, proposal, "Und samstags auch?", "de")
    db.session.commit()
    assert notifications() == [(author.id, kinds.PROPOSAL_COMMENT)]


@pytest.mark.usefixtures("_request")
def test_a_refused_submission_leaves_no_follow_and_no_notification():
    consultation = build.consultation(phase="proposals")
    author, follower = make_user(), make_user()
    follows.follow(follower, consultation)
    proposals.submit_proposal(author, consultation, "Abendkurse", TEXT, "de", None)
    db.session.commit()
    before = (follows_of(author), notifications())

    # The same text again within minutes is refused (and the route rolls back).
    with pytest.raises(DomainError, match="same text"):
        proposals.submit_proposal(author, consultation, "Noch einmal", TEXT, "de", None)
    db.session.rollback()

    assert (follows_of(author), notifications()) == before
    assert len(before[0]) == 1 and before[1] == [(follower.id, kinds.NEW_PROPOSAL)]
