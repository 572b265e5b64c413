"""Contributions collected on site reach followers; translations waiting for review reach the
region's moderators."""

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.consultations.models import ModerationMode
from app.core.models import ModerationState
from app.extensions import db
from app.multilingual import services as multilingual
from app.notifications import follows, kinds
from app.notifications.describe import describe
from app.notifications.models import Notification
from app.onsite import services as onsite
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.factories import make_region, make_user, make_user_with_role
from tests.notifications import words


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


def sent(kind: str | None = None) -> list[Notification]:
    query = select(Notification).order_by(Notification.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def recipients(kind: str | None = None) -> list[int]:
    return sorted(n.user_id for n in sent(kind))


def ids(*users) -> list[int]:
    return sorted(user.id for user in users)


def english_text(notification) -> str:
    with force_locale("en"):
        return words(describe(notification).text)


@pytest.fixture
def place():
    region = make_region()
    coordinator = make_user_with_role("coordinator", region=region, display_name="Cem")
    consultation = build.consultation(region, phase="proposals", title={"de": "Sprachkurse"})
    event = org_build.on_site_event(consultation, coordinator)
    db.session.commit()
    return region, coordinator, consultation, event


def test_a_proposal_recorded_on_site_tells_the_consultations_followers_without_a_name(place):
    _region, coordinator, consultation, event = place
    follower = make_user()
    follows.follow(follower, consultation)
    follows.follow(coordinator, consultation)  # the recorder follows too, and is not told
    db.session.commit()

    proposal = onsite.record_proposal(
        coordinator, event, "Kurse am Abend", "Bitte auch abends.", "de", None
    )
    db.session.commit()

    assert recipients() == ids(follower)
    (note,) = sent()
    assert (note.kind, note.proposal_id, note.actor_id) == (kinds.NEW_PROPOSAL, proposal.id, None)
    assert english_text(note) == "New proposal: “Kurse am Abend”."


def test_a_comment_recorded_on_site_tells_the_proposals_followers(place):
    _region, coordinator, consultation, event = place
    author = make_user()
    proposal = build.proposal(consultation, author, title="Mehr Kitaplätze")
    follows.follow(author, proposal)
    db.session.commit()

    onsite.record_comment(coordinator, event, proposal, "Dafür!", "de", None)
    db.session.commit()

    assert recipients() == ids(author)
    (note,) = sent()
    assert note.kind == kinds.PROPOSAL_COMMENT
    assert english_text(note) == "Someone commented on “Mehr Kitaplätze”."


def test_a_translation_waiting_for_review_tells_the_regions_moderators_only():
    region, elsewhere = make_region(), make_region()
    moderator = make_user_with_role("moderator", region=region)
    far_moderator = make_user_with_role("moderator", region=elsewhere)
    consultation = build.consultation(region, phase="proposals", moderation_mode=ModerationMode.PRE)
    author = make_user()
    proposal = build.proposal(consultation, author, title="Abendkurse")
    db.session.commit()

    # The author translates their own proposal; in a pre-moderated consultation it waits.
    translation = multilingual.add_translation(
        author, proposal, "tr", "Akşam kursları", "Akşamları da lütfen."
    )
    db.session.commit()

    assert translation.moderation_state == ModerationState.PENDING
    assert recipients() == ids(moderator)
    assert far_moderator.id not in recipients()
    (note,) = sent()
    assert (note.kind, note.contribution_id, note.proposal_id) == (
        kinds.MODERATION_WAITING,
        translation.id,
        proposal.id,
    )


def test_a_published_translation_tells_nobody():
    region = make_region()
    make_user_with_role("moderator", region=region)
    consultation = build.consultation(region, phase="proposals")
    author = make_user()
    proposal = build.proposal(consultation, author, title="Abendkurse")
    follows.follow(make_user(), proposal)
    db.session.commit()

    translation = multilingual.add_translation(
        author, proposal, "tr", "Akşam kursları", "Akşamları da lütfen."
    )
    db.session.commit()

    assert translation.moderation_state == ModerationState.PUBLISHED
    assert sent() == []
