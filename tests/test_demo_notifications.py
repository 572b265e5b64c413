"""Demo notifications: the demo's history replayed through the events and a few recent scenes
through the services; the rules of the platform hold, nothing is mailed afterwards, and the
demo is loaded only once."""

import re
from datetime import timedelta

import pytest

from app.accounts.models import User
from app.comments.models import Comment
from app.core.clock import utcnow_naive
from app.core.models import Contribution, ModerationState
from app.core.permissions import can
from app.demo_notifications import (
    AYSE_WITH_A_NUMBER,
    AYSE_WITHOUT_A_NUMBER,
    FOLLOWS,
    GRACE_REPLY,
    REJECTION_NOTE,
)
from app.extensions import db
from app.moderation.models import DecisionAction, ModerationDecision, ReportReason
from app.notifications import kinds
from app.notifications.models import Follow, Notification, NotificationSetting, OutboxMessage
from app.notifications.settings import deliveries_for
from app.proposals.models import Proposal
from app.seed import DEMO_PASSWORD, load_demo_data
from tests.conftest import post_form
from tests.database_template import DEMO

AYSE = "bewohnerin@demo.mitreden.example"
MODERATOR = "moderation.offenbach@demo.mitreden.example"


@pytest.fixture
def demo(app):
    """The demo data as `load_demo_data()` leaves it: loaded once per run, restored per test."""
    DEMO.restore()


def by_email(address: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == address))


def notifications_of(user: User) -> list[Notification]:
    return db.session.scalars(
        db.select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at)
    ).all()


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_the_demo_resident_has_a_lively_list(demo):
    ayse = by_email(AYSE)
    mine = notifications_of(ayse)
    assert 5 <= len(mine) <= 8
    unread = [n for n in mine if n.read_at is None]
    assert 1 <= len(unread) < len(mine)
    assert {n.kind for n in mine} >= {
        kinds.COMMENT_REPLY,
        kinds.PROPOSAL_COMMENT,
        kinds.PROPOSAL_UPDATE,
        kinds.PHASE_STARTED,
        kinds.MODERATION_DECISION,
    }
    # The newest are unread: the reply to her comment and the rejection with its reason.
    assert {n.kind for n in unread} == {kinds.COMMENT_REPLY, kinds.MODERATION_DECISION}
    (rejection,) = [n for n in mine if n.kind == kinds.MODERATION_DECISION]
    assert rejection.params == {"action": DecisionAction.REJECT}
    assert rejection.decision.reason == ReportReason.PERSONAL_DATA
    assert rejection.decision.note_to_author == REJECTION_NOTE
    assert rejection.decision.contribution.body == AYSE_WITH_A_NUMBER
    (reply,) = [n for n in mine if n.kind == kinds.COMMENT_REPLY]
    assert reply.contribution.body == GRACE_REPLY
    assert reply.actor.display_name == "Grace O."
    (phase,) = [n for n in mine if n.kind == kinds.PHASE_STARTED]
    assert phase.params == {"phase": "results"}
    assert phase.created_at == phase.consultation.phase("results").starts_at
    # She chose how to be mailed about two kinds.
    chosen = deliveries_for(ayse.id)
    assert chosen[kinds.PROPOSAL_COMMENT] == kinds.WEEKLY
    assert chosen[kinds.ORGANISATION_STATEMENT] == kinds.OFF


def test_the_bell_of_the_demo_resident(demo, client):
    ayse = by_email(AYSE)
    unread = sum(n.read_at is None for n in notifications_of(ayse))
    response = post_form(client, "/account/login", {"email": AYSE, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    badge = re.search(r'<span class="bell__count" aria-hidden="true">(\d+)</span>', page)
    assert badge is not None and int(badge.group(1)) == unread
    # The count is also part of the link's name, in the hidden ", N unread" text.
    hidden = re.search(
        r'<a class="bell" href="/notifications/".*?<span class="visually-hidden">([^<]+)</span>',
        page,
        re.S,
    )
    assert hidden is not None and str(unread) in hidden.group(1)
    listing = client.get("/notifications/").get_data(as_text=True)
    assert listing.count("notification--unread") == unread
    assert "Grace O." in listing
    # The moderator's reason and note are shown under the decision (Turkish interface).
    assert "Bitte veröffentlichen Sie keine privaten Telefonnummern" in listing


def test_the_moderator_sees_what_waits(demo):
    moderator = by_email(MODERATOR)
    notices = notifications_of(moderator)
    assert notices and {n.kind for n in notices} == {kinds.MODERATION_WAITING}
    waiting = set(
        db.session.scalars(
            db.select(Contribution.id).where(
                Contribution.moderation_state == ModerationState.PENDING,
                Contribution.kind != "translation",
            )
        )
    )
    unread = {n.contribution_id for n in notices if n.read_at is None}
    # Every item still waiting in her region is an unread notice; decided ones are read.
    assert unread == {
        c
        for c in waiting
        if can(moderator, "contribution.moderate", db.session.get(Contribution, c))
    }
    assert len(unread) >= 3
    rewritten = db.session.scalar(db.select(Comment).where(Comment.body == AYSE_WITHOUT_A_NUMBER))
    assert rewritten.moderation_state == ModerationState.PENDING and rewritten.id in unread
    assert any(n.read_at is not None for n in notices)
    assert deliveries_for(moderator.id)[kinds.MODERATION_WAITING] == kinds.IMMEDIATELY


def test_the_scenes_went_through_moderation(demo):
    moderator = by_email(MODERATOR)
    reply = db.session.scalar(db.select(Comment).where(Comment.body == GRACE_REPLY))
    assert reply.moderation_state == ModerationState.PUBLISHED
    assert reply.parent.author.email == AYSE
    rejected = db.session.scalar(db.select(Comment).where(Comment.body == AYSE_WITH_A_NUMBER))
    assert rejected.moderation_state == ModerationState.REJECTED
    decisions = db.session.scalars(
        db.select(ModerationDecision).where(
            ModerationDecision.contribution_id.in_([reply.id, rejected.id])
        )
    ).all()
    assert {(d.contribution_id, d.action) for d in decisions} == {
        (reply.id, DecisionAction.APPROVE),
        (rejected.id, DecisionAction.REJECT),
    }
    for decision in decisions:
        assert decision.moderator_id == moderator.id
        written = decision.contribution.created_at
        assert written < decision.created_at < written + timedelta(hours=3)
    assert reply.created_at < rejected.created_at < utcnow_naive()
    fund = db.session.get(Proposal, reply.proposal_id)
    assert fund.comment_count == db.session.scalar(
        db.select(db.func.count(Comment.id)).where(
            Comment.proposal_id == fund.id, Comment.moderation_state == ModerationState.PUBLISHED
        )
    )


def test_notifications_follow_the_rules(demo):
    now = utcnow_naive() + timedelta(seconds=1)
    rows = db.session.scalars(db.select(Notification)).all()
    assert len(rows) > 100
    assert {row.kind for row in rows} >= {
        kinds.COMMENT_REPLY,
        kinds.PROPOSAL_COMMENT,
        kinds.PROPOSAL_UPDATE,
        kinds.NEW_PROPOSAL,
        kinds.PHASE_STARTED,
        kinds.ORGANISATION_STATEMENT,
        kinds.MODERATION_DECISION,
        kinds.APPEAL_OUTCOME,
        kinds.REPORT_OUTCOME,
        kinds.ORGANISATION_REVIEW,
        kinds.ORGANISATION_INVITATION,
        kinds.MODERATION_WAITING,
    }
    seen = set()
    follows = {
        (f.user_id, f.consultation_id, f.proposal_id, f.organisation_id): f.created_at
        for f in db.session.scalars(db.select(Follow))
    }
    for row in rows:
        assert row.actor_id != row.user_id, row.kind  # never told about one's own act
        key = (row.user_id, row.kind, row.contribution_id, row.proposal_id, row.decision_id,
               row.organisation_id, str(row.params), row.created_at)  # fmt: skip
        assert key not in seen, key  # one per person and event
        seen.add(key)
        assert row.created_at <= now
        assert row.mail_handled_at == row.created_at  # nothing left to mail
        if row.read_at is not None:
            assert row.created_at <= row.read_at <= now
        if row.contribution is not None:
            assert row.contribution.created_at <= row.created_at
        # Followers hear only what happened after they followed.
        if row.kind == kinds.PROPOSAL_COMMENT:
            assert follows[(row.user_id, None, row.proposal_id, None)] <= row.created_at
        if row.kind in (kinds.PHASE_STARTED, kinds.NEW_PROPOSAL):
            assert follows[(row.user_id, row.consultation_id, None, None)] <= row.created_at


def test_follows_are_honest(demo):
    now = utcnow_naive() + timedelta(seconds=1)
    rows = db.session.scalars(db.select(Follow)).all()
    for row in rows:
        user = db.session.get(User, row.user_id)
        assert user.created_at <= row.created_at <= now
        if row.proposal_id:
            # Authors follow what they propose, from the moment they wrote it.
            assert row.proposal.author_id == row.user_id
            assert row.created_at == row.proposal.created_at
        else:
            assert can(user, "follow.create", row.consultation or row.organisation)
    chosen = [row for row in rows if not row.proposal_id]
    assert len(chosen) == len(FOLLOWS)
    typed_in = db.session.scalars(
        db.select(Proposal.id).where(Proposal.on_site_event_id.is_not(None))
    ).all()
    assert typed_in and not {row.proposal_id for row in rows} & set(typed_in)


def test_nothing_is_mailed_or_announced_afterwards(demo, mailbox):
    report = mailbox.run_sender()
    assert (report.announced, report.queued, report.sent) == (0, 0, 0)
    assert count(OutboxMessage) == 0
    assert mailbox.messages() == []


def test_seeding_twice_adds_nothing(demo):
    tables = (Follow, Notification, NotificationSetting, Comment, ModerationDecision)
    before = [count(table) for table in tables]
    read = db.session.scalar(
        db.select(db.func.count(Notification.id)).where(Notification.read_at.is_(None))
    )
    assert load_demo_data() == 0
    db.session.expire_all()
    assert [count(table) for table in tables] == before
    assert read == db.session.scalar(
        db.select(db.func.count(Notification.id)).where(Notification.read_at.is_(None))
    )


def test_a_platform_with_notifications_gets_no_replay(app):
    """On an instance that already has follows or notifications (real activity), loading the
    demo again replays nothing: people would be told twice."""
    load_demo_data()
    db.session.execute(db.delete(Notification))
    db.session.commit()
    follows = count(Follow)
    assert load_demo_data() == 0
    assert count(Notification) == 0 and count(Follow) == follows
