"""Demo notifications: what the platform would have told the demo people had they used it live.

The other demo loaders write their rows directly and dated in the past, so nobody was told
anything. This one replays that history in the order it happened, through the same event
functions the services call (app.notifications.events and the sender's phase watch), and then
plays a few recent scenes through the services themselves:

- Authors follow their own proposals from the moment they wrote them (as `submit_proposal`
  does); some residents follow a consultation or an organisation (FOLLOWS).
- Each phase that began is announced at its start to those who followed its consultation by then.
- New proposals, comments, statements and concept comments: published ones reach the followers
  (a reply also the author of the comment it answers), pre-moderated ones the region's staff.
- Official answers and withdrawals, moderation decisions and appeal outcomes, verification
  decisions about organisations and the open invitation.
- The last two days in Offenbach, through the services: Grace O. answers a comment of Ayşe K.
  and the moderator approves the reply; Ayşe mentions a third person's phone number, the
  moderator rejects that comment with the reason, and she writes it again without the number,
  which now waits for review.

Every notification is dated when its event happened. The demo mails count as handled (no
burst of old mails on the sender's first pass); what is older than three days counts as read,
except the moderators' notices of items that still wait. Two people chose how to be mailed.

Loaded once: only while the platform has neither follows nor notifications (a replay on top of
real activity would tell people twice). Other existing rows never change, except that the demo
phases that began count as announced and the scenes' proposals count their new comment.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, update

from app.accounts.models import User
from app.comments.models import Comment
from app.comments.services import add_comment
from app.concepts.models import ConceptComment
from app.consultations.models import Consultation, ConsultationState, Phase
from app.core import clock
from app.core.models import Contribution, ModerationState
from app.demo_monitoring import _everyone
from app.extensions import db
from app.moderation.models import (
    Appeal,
    DecisionAction,
    ModerationDecision,
    ReportReason,
)
from app.moderation.services import decide
from app.notifications import events, follows, kinds
from app.notifications.models import Follow, Notification
from app.notifications.phase_watch import announce_started_phases
from app.notifications.settings import set_delivery
from app.organisations.models import (
    Invitation,
    Organisation,
    RequestState,
    Statement,
    VerificationDecision,
)
from app.proposals.models import OfficialResponse, Proposal

# Who follows what, beyond their own proposals: (person key, "consultation" with its German
# title or "organisation" with its name, days before loading). Each one before the phase or the
# news it is meant to hear about; a consultation's followers hear about every later proposal.
FOLLOWS = [
    # Ayşe's daughter will change schools: she follows the Hanau consultation on school
    # transitions (its results phase began a week ago) and the parents' association she asked
    # to join.
    ("ayse", "consultation", "Schule, Eltern, Ausbildung: Übergänge gemeinsam gestalten", -20),
    ("ayse", "organisation", "Türkisch-Deutscher Elternverein Offenbach e. V.", -3),
    ("mehmet", "consultation", "Mehr Stimme für Migrantenorganisationen", -30),
    ("zeynep", "consultation", "Mehr Stimme für Migrantenorganisationen", -33),
    ("ahmad", "consultation", "Deutsch lernen und im Beruf ankommen", -25),
    (
        "olena",
        "consultation",
        "Gut ankommen in Wiesbaden: Willkommenspunkte und Gesundheitslotsen",
        -80,
    ),
    ("olena", "organisation", "Ukrainisches Hilfsnetzwerk Hanau", -10),
    (
        "sabine",
        "consultation",
        "Wohnen und Nachbarschaft: Wohnraumberatung und Treffpunkte im Kreis",
        -50,
    ),
    ("samira", "consultation", "Schule, Eltern, Ausbildung: Übergänge gemeinsam gestalten", -110),
    ("farida", "organisation", "Afghanischer Frauenverein Wiesbaden e. V.", -60),
]

# The recent scenes (see the module docstring), in the Offenbach consultation.
FUND_PROPOSAL = "A small fund for neighbourhood projects of migrant groups"
AYSE_ON_THE_FUND = "Harika bir fikir! Başvurunun basit olması çok önemli."
GRACE_REPLY = (
    "Thank you, Ayşe! We are writing the one-page form now. Would you read the Turkish version "
    "with us before it goes online?"
)
WORKSHOP_PROPOSAL = "کارگاه آموزشی برای مسئولان انجمن‌ها"
AYSE_WITH_A_NUMBER = (
    "Çok iyi olur. Bizim derneğin muhasebesini Hasan Bey yapıyor ve bu konuları çok iyi biliyor; "
    "sorusu olan onu arayabilir: 0151 0000 0000."
)
REJECTION_NOTE = (
    "Bitte veröffentlichen Sie keine privaten Telefonnummern anderer Menschen. Ihr Hinweis ist "
    "willkommen – schreiben Sie ihn gern ohne die Nummer noch einmal."
)
AYSE_WITHOUT_A_NUMBER = (
    "Çok iyi olur. Bizim dernekte muhasebeyi bilen gönüllüler var; atölyelerde deneyimlerini "
    "paylaşabilirler."
)

# Delivery choices of two demo people (kind -> delivery), so the settings page shows one.
DELIVERY_CHOICES = {
    "ayse": {kinds.PROPOSAL_COMMENT: kinds.WEEKLY, kinds.ORGANISATION_STATEMENT: kinds.OFF},
    "moderator": {kinds.MODERATION_WAITING: kinds.IMMEDIATELY},
}

READ_AFTER = timedelta(days=3)  # older notifications count as read

# Order of steps at the same moment: a follow before the news it hears, a phase before what
# happens in it.
FOLLOW, PHASE, EVENT = 0, 1, 2


@dataclass(order=True)
class Step:
    moment: datetime
    order: int
    sequence: int
    run: Callable[[datetime], int] = field(compare=False)


class Timeline:
    def __init__(self):
        self.steps: list[Step] = []
        self._sequence = itertools.count()

    def add(self, moment: datetime, order: int, run: Callable[[datetime], int]) -> None:
        self.steps.append(Step(moment, order, next(self._sequence), run))

    def play(self) -> int:
        """Run the steps in time order; each step's notifications are dated at its moment."""
        created = 0
        last = _last_notification_id()
        for step in sorted(self.steps):
            created += step.run(step.moment)
            newest = _last_notification_id()
            if newest != last:
                created += _date_notifications_after(last, step.moment)
                last = newest
        return created


def load_demo_notifications() -> int:
    """Replay the demo's history as notifications and play the recent scenes; returns how many
    records (follows, notifications, settings, comments, decisions) were added."""
    if db.session.scalar(select(Follow.id).limit(1)) is not None:
        return 0
    if db.session.scalar(select(Notification.id).limit(1)) is not None:
        return 0
    now = clock.utcnow_naive()
    people = _everyone()
    first = _last_notification_id()
    timeline = Timeline()
    _own_proposals(timeline)
    _chosen_follows(timeline, people, now)
    _phase_starts(timeline, now)
    _contributions(timeline)
    _answers_and_withdrawals(timeline)
    _moderation(timeline)
    _organisations(timeline)
    _recent_scenes(timeline, people, now)
    created = timeline.play()
    created += _delivery_choices(people)
    _mark_handled_and_read(first, now)
    db.session.commit()
    return created


# --- dating ------------------------------------------------------------------------------------


def _last_notification_id() -> int:
    return db.session.scalar(select(func.coalesce(func.max(Notification.id), 0)))


def _date_notifications_after(last_id: int, moment: datetime) -> int:
    """Date the notifications written after `last_id` at `moment`; returns how many."""
    return db.session.execute(
        update(Notification)
        .where(Notification.id > last_id)
        .values(created_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount


def _date_contribution(contribution: Contribution, moment: datetime) -> None:
    db.session.execute(
        update(Contribution.__table__)
        .where(Contribution.__table__.c.id == contribution.id)
        .values(created_at=moment, updated_at=moment)
    )


def _date_update(contribution: Contribution, moment: datetime) -> None:
    db.session.execute(
        update(Contribution.__table__)
        .where(Contribution.__table__.c.id == contribution.id)
        .values(updated_at=moment)
    )


def _date_decision(decision: ModerationDecision, moment: datetime) -> None:
    db.session.execute(
        update(ModerationDecision.__table__)
        .where(ModerationDecision.__table__.c.id == decision.id)
        .values(created_at=moment)
    )


# --- following ---------------------------------------------------------------------------------


def _follow(user, target, *, check: bool) -> Callable[[datetime], int]:
    def run(moment: datetime) -> int:
        last = db.session.scalar(select(func.coalesce(func.max(Follow.id), 0)))
        follows.follow(user, target, check=check)
        return db.session.execute(
            update(Follow)
            .where(Follow.id > last)
            .values(created_at=moment)
            .execution_options(synchronize_session=False)
        ).rowcount

    return run


def _own_proposals(timeline: Timeline) -> None:
    """Authors follow what they propose from the start, also while it waits for review
    (proposals collected at on-site events were typed in by the coordination: no follow)."""
    proposals = db.session.scalars(
        select(Proposal).where(Proposal.on_site_event_id.is_(None), Proposal.author_id.is_not(None))
    )
    for proposal in proposals:
        timeline.add(proposal.created_at, FOLLOW, _follow(proposal.author, proposal, check=False))


def _chosen_follows(timeline: Timeline, people: dict, now: datetime) -> None:
    consultations = {
        (consultation.title or {}).get("de"): consultation
        for consultation in db.session.scalars(
            select(Consultation).where(Consultation.state == ConsultationState.PUBLISHED)
        )
    }
    organisations = {
        organisation.name: organisation for organisation in db.session.scalars(select(Organisation))
    }
    for key, target_type, name, days in FOLLOWS:
        user = people.get(key)
        found = consultations if target_type == "consultation" else organisations
        target = found.get(name)
        if user is None or target is None:
            continue  # a demo account or target was deleted
        since = target.published_at if target_type == "consultation" else target.verified_at
        moment = max(now + timedelta(days=days), since or now, user.created_at)
        timeline.add(moment, FOLLOW, _follow(user, target, check=True))


# --- what happened -----------------------------------------------------------------------------


def _event(function, *arguments) -> Callable[[datetime], int]:
    """A step that reports an event; its notifications are counted when they are dated."""

    def run(_moment: datetime) -> int:
        function(*arguments)
        return 0

    return run


def _phase_starts(timeline: Timeline, now: datetime) -> None:
    """The sender announces each phase when it begins (ended ones silently)."""
    starts = db.session.scalars(
        select(Phase.starts_at)
        .join(Consultation, Consultation.id == Phase.consultation_id)
        .where(
            Consultation.state == ConsultationState.PUBLISHED,
            Phase.announced_at.is_(None),
            Phase.starts_at <= now,
        )
        .distinct()
    )
    for start in starts:
        timeline.add(start, PHASE, _announce)


def _announce(moment: datetime) -> int:
    announce_started_phases(moment)
    return 0


def _initial_states() -> dict[int, str]:
    """contribution id -> its state before the first moderation decision about it."""
    first = (
        select(ModerationDecision.contribution_id, func.min(ModerationDecision.id).label("id"))
        .group_by(ModerationDecision.contribution_id)
        .subquery()
    )
    return dict(
        db.session.execute(
            select(ModerationDecision.contribution_id, ModerationDecision.state_before).join(
                first, first.c.id == ModerationDecision.id
            )
        ).all()
    )


def _written(contribution: Contribution, was: str) -> Callable[[datetime], int]:
    """As `events.contribution_written` saw it: waiting for review, or published (nothing then
    if it is hidden by now: a publication is not replayed for what the public no longer sees)."""
    if was == ModerationState.PENDING:
        return _event(events.contribution_waiting, contribution)
    return _event(events.contribution_published, contribution, contribution.author_id)


def _contributions(timeline: Timeline) -> None:
    """New proposals, comments, statements and concept comments, as the services report them
    (what the coordination typed in from on-site events is not announced by its service)."""
    initial = _initial_states()
    for model in (Proposal, Comment, Statement, ConceptComment):
        for contribution in db.session.scalars(
            select(model).where(model.on_site_event_id.is_(None))
        ):
            was = initial.get(contribution.id, contribution.moderation_state)
            if was in (ModerationState.PENDING, ModerationState.PUBLISHED):
                timeline.add(contribution.created_at, EVENT, _written(contribution, was))


def _answers_and_withdrawals(timeline: Timeline) -> None:
    for response in db.session.scalars(select(OfficialResponse)):
        if response.author is not None:
            answer = _event(events.proposal_answered, response, response.author)
            timeline.add(response.created_at, EVENT, answer)
    withdrawn = db.session.scalars(
        select(Proposal).where(Proposal.withdrawn_at.is_not(None), Proposal.author_id.is_not(None))
    )
    for proposal in withdrawn:
        step = _event(events.proposal_withdrawn, proposal, proposal.author)
        timeline.add(proposal.withdrawn_at, EVENT, step)


def _moderation(timeline: Timeline) -> None:
    for decision in db.session.scalars(select(ModerationDecision)):
        step = _event(events.moderation_decided, decision, decision.moderator)
        timeline.add(decision.created_at, EVENT, step)
    resolved = db.session.scalars(
        select(Appeal).where(Appeal.resolved_at.is_not(None), Appeal.resolved_by_id.is_not(None))
    )
    for appeal in resolved:
        timeline.add(
            appeal.resolved_at, EVENT, _event(events.appeal_resolved, appeal, appeal.resolved_by)
        )


def _organisations(timeline: Timeline) -> None:
    reviews = db.session.scalars(
        select(VerificationDecision).where(
            VerificationDecision.action.in_(("verify", "decline", "suspend")),
            VerificationDecision.decided_by_id.is_not(None),
        )
    )
    for review in reviews:
        step = _event(events.organisation_reviewed, review.organisation, review, review.decided_by)
        timeline.add(review.created_at, EVENT, step)
    open_invitations = db.session.scalars(
        select(Invitation).where(
            Invitation.state == RequestState.OPEN, Invitation.invited_by_id.is_not(None)
        )
    )
    for invitation in open_invitations:
        invitee = db.session.scalar(select(User).where(User.email == invitation.email))
        step = _event(events.organisation_invited, invitation, invitee, invitation.invited_by)
        timeline.add(invitation.created_at, EVENT, step)


# --- the recent scenes, through the services ---------------------------------------------------


def _proposal_titled(title: str) -> Proposal | None:
    return db.session.scalar(select(Proposal).where(Proposal.title == title))


def _recent_scenes(timeline: Timeline, people: dict, now: datetime) -> None:
    ayse, grace, moderator = people.get("ayse"), people.get("grace"), people.get("moderator")
    fund, workshop = _proposal_titled(FUND_PROPOSAL), _proposal_titled(WORKSHOP_PROPOSAL)
    if None in (ayse, grace, moderator, fund, workshop):
        return  # a demo account or proposal was deleted: leave the scenes out
    commented = db.session.scalar(
        select(Comment).where(
            Comment.proposal_id == fund.id,
            Comment.author_id == ayse.id,
            Comment.body == AYSE_ON_THE_FUND,
        )
    )
    if commented is None:
        return
    scene: dict[str, Comment] = {}

    def grace_replies(moment: datetime) -> int:
        scene["reply"] = add_comment(grace, fund, GRACE_REPLY, "en", parent_id=commented.id)
        _date_contribution(scene["reply"], moment)
        return 1

    def reply_approved(moment: datetime) -> int:
        decision = decide(
            moderator, scene["reply"], DecisionAction.APPROVE, ModerationState.PENDING
        )
        _date_decision(decision, moment)
        # The new count touched the proposal: it changed when the reply was published.
        _date_update(fund, moment)
        return 1

    def ayse_names_a_number(moment: datetime) -> int:
        scene["number"] = add_comment(ayse, workshop, AYSE_WITH_A_NUMBER, "tr", stance="in_favour")
        _date_contribution(scene["number"], moment)
        return 1

    def number_rejected(moment: datetime) -> int:
        decision = decide(
            moderator,
            scene["number"],
            DecisionAction.REJECT,
            ModerationState.PENDING,
            reason=ReportReason.PERSONAL_DATA,
            note=REJECTION_NOTE,
        )
        _date_decision(decision, moment)
        return 1

    def ayse_writes_again(moment: datetime) -> int:
        again = add_comment(ayse, workshop, AYSE_WITHOUT_A_NUMBER, "tr", stance="in_favour")
        _date_contribution(again, moment)
        return 1

    start = now - timedelta(days=2, hours=4)
    timeline.add(start, EVENT, grace_replies)
    timeline.add(start + timedelta(hours=2, minutes=10), EVENT, reply_approved)
    start = now - timedelta(days=1, hours=2)
    timeline.add(start, EVENT, ayse_names_a_number)
    timeline.add(start + timedelta(hours=1, minutes=25), EVENT, number_rejected)
    timeline.add(start + timedelta(hours=3, minutes=40), EVENT, ayse_writes_again)


# --- settings, mail and reading ----------------------------------------------------------------


def _delivery_choices(people: dict) -> int:
    chosen = 0
    for key, choices in DELIVERY_CHOICES.items():
        user = people.get(key)
        if user is None:
            continue
        for kind, delivery in choices.items():
            set_delivery(user.id, kind, delivery)
            chosen += 1
    return chosen


def _mark_handled_and_read(first: int, now: datetime) -> None:
    """The demo's notifications count as mailed when they happened, and as read after three
    days, except the moderators' notices of items that still wait for review."""
    db.session.execute(
        update(Notification)
        .where(Notification.id > first, Notification.mail_handled_at.is_(None))
        .values(mail_handled_at=Notification.created_at)
        .execution_options(synchronize_session=False)
    )
    still_waiting = select(Contribution.id).where(
        Contribution.moderation_state == ModerationState.PENDING
    )
    is_waiting_notice = Notification.kind == kinds.MODERATION_WAITING
    rows = db.session.execute(
        select(Notification.id, Notification.created_at).where(
            Notification.id > first,
            # Staff keep an item unread while it waits, and read it when they decide.
            ~(is_waiting_notice & Notification.contribution_id.in_(still_waiting)),
            (Notification.created_at < now - READ_AFTER) | is_waiting_notice,
        )
    ).all()
    if rows:
        table = Notification.__table__
        db.session.execute(
            update(table)
            .where(table.c.id == bindparam("notification"))
            .values(read_at=bindparam("read")),
            [
                {"notification": notification_id, "read": min(created + timedelta(hours=3), now)}
                for notification_id, created in rows
            ],
        )
