"""Reporting contributions and deciding on them.

A decision moves a contribution from one moderation state to another and is written to the
audit log in the same transaction. The state change is a conditional UPDATE ("... WHERE
moderation_state = what the moderator saw"), so when two moderators act on the same item at
once exactly one decision wins and the other is told.
"""

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app.comments.models import Comment
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.models import Contribution, ModerationState
from app.core.permissions import require
from app.extensions import db
from app.moderation.models import DecisionAction, ModerationDecision, Report, ReportReason
from app.notifications import events
from app.proposals.models import Proposal

P, H, W, R = (
    ModerationState.PUBLISHED,
    ModerationState.HIDDEN,
    ModerationState.PENDING,
    ModerationState.REJECTED,
)

# action -> (states it may start from, state it leads to)
TRANSITIONS = {
    DecisionAction.APPROVE: (frozenset({W, P}), P),  # from published: reports dismissed
    DecisionAction.REJECT: (frozenset({W}), R),
    # From hidden: a moderator confirms an automatic hiding (after reports) with a reason.
    DecisionAction.HIDE: (frozenset({P, H}), H),
    DecisionAction.RESTORE: (frozenset({H, R}), P),
}
NEEDS_REASON = frozenset({DecisionAction.HIDE, DecisionAction.REJECT})


def _count_open_reports(contribution_id: int) -> int:
    return db.session.scalar(
        select(func.count(Report.id)).where(
            Report.contribution_id == contribution_id, Report.resolved_by_decision_id.is_(None)
        )
    )


def _adjust_comment_count(contribution: Contribution, before: str, after: str) -> None:
    """A comment that becomes visible or invisible changes its proposal's comment count."""
    if not isinstance(contribution, Comment) or (before == P) == (after == P):
        return
    step = 1 if after == P else -1
    db.session.execute(
        update(Proposal.__table__)
        .where(Proposal.__table__.c.id == contribution.proposal_id)
        .values(comment_count=Proposal.__table__.c.comment_count + step)
    )


def _change_state(contribution: Contribution, seen: str, new: str) -> None:
    """Move the state only if it is still what the decider saw; else someone was faster."""
    result = db.session.execute(
        update(Contribution.__table__)
        .where(
            Contribution.__table__.c.id == contribution.id,
            Contribution.__table__.c.moderation_state == seen,
        )
        .values(moderation_state=new)
    )
    if result.rowcount != 1:
        raise DomainError(
            _(
                "Another moderator has decided on this contribution in the meantime. "
                "Please look at it again."
            ),
            status_code=409,
        )
    db.session.expire(contribution, ["moderation_state"])


def _record(contribution, moderator_id, action, reason, note, before, after) -> ModerationDecision:
    decision = ModerationDecision(
        contribution_id=contribution.id,
        moderator_id=moderator_id,
        action=action,
        reason=reason,
        note_to_author=note,
        state_before=before,
        state_after=after,
    )
    db.session.add(decision)
    db.session.flush()
    return decision


def report_contribution(user, contribution: Contribution, reason: str, note: str = "") -> Report:
    """File a report; enough distinct reports hide the contribution until a moderator decides."""
    require(user, "contribution.report", contribution)
    if reason not in ReportReason.ALL:
        raise DomainError(_("Please choose a reason from the list."), field="reason")
    report = Report(
        contribution_id=contribution.id,
        reporter_id=user.id,
        reason=reason,
        note=(note or "").strip(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except IntegrityError:
        raise DomainError(_("You have already reported this contribution.")) from None
    threshold = current_app.config["MODERATION_REPORT_THRESHOLD"]
    auto_hidden = False
    if contribution.moderation_state == P and _count_open_reports(contribution.id) >= threshold:
        try:
            _change_state(contribution, P, H)
        except DomainError:
            return report  # a moderator decided at the same moment: their decision stands
        _adjust_comment_count(contribution, P, H)
        events.moderation_decided(
            _record(contribution, None, DecisionAction.AUTO_HIDE, reason, "", P, H), None
        )
        auto_hidden = True
    events.contribution_reported(contribution, report, auto_hidden)
    return report


def decide(
    user,
    contribution: Contribution,
    action: str,
    seen_state: str,
    reason=None,
    note="",
    notify_author: bool = True,
) -> ModerationDecision:
    """Apply a moderator's decision, log it, and close the reports it answers.

    `notify_author` is False when an appeal reverses a decision: the author hears the appeal's
    outcome instead.
    """
    require(user, "contribution.moderate", contribution)
    if action not in TRANSITIONS:
        raise DomainError(_("Please choose an action from the list."), field="action")
    sources, target = TRANSITIONS[action]
    if seen_state not in sources:
        raise DomainError(_("This action is not possible for this contribution."))
    if action in NEEDS_REASON and reason not in ReportReason.ALL:
        raise DomainError(_("Please choose the reason for this decision."), field="reason")
    confirming = action == DecisionAction.HIDE and seen_state == H
    _change_state(contribution, seen_state, target)
    _adjust_comment_count(contribution, seen_state, target)
    decision = _record(
        contribution, user.id, action, reason, (note or "").strip(), seen_state, target
    )
    answered = db.session.execute(
        update(Report)
        .where(Report.contribution_id == contribution.id, Report.resolved_by_decision_id.is_(None))
        .values(resolved_by_decision_id=decision.id)
    )
    if confirming and answered.rowcount == 0:
        # The state did not change, so the open reports are what one confirmation consumes:
        # none left means another moderator confirmed first.
        raise DomainError(
            _(
                "Another moderator has decided on this contribution in the meantime. "
                "Please look at it again."
            ),
            status_code=409,
        )
    events.moderation_decided(decision, user, notify_author)
    return decision


def approve_many(user, contributions: list[Contribution]) -> tuple[int, int]:
    """Bulk approval of waiting items; returns (approved, skipped because already decided)."""
    approved = skipped = 0
    for contribution in contributions:
        try:
            with db.session.begin_nested():
                decide(user, contribution, DecisionAction.APPROVE, W)
            approved += 1
        except DomainError:
            skipped += 1
    return approved, skipped


BLOCK_DURATIONS = {"7": 7, "30": 30, "90": 90, "permanent": None}


def block_author(user, contribution: Contribution, duration: str, reason: str):
    """Block the author platform-wide for a period or for good; their sessions end at once.

    Their existing contributions stay; moderators hide them one by one where needed.
    """
    from datetime import timedelta

    from app.accounts.models import User
    from app.core.clock import utcnow_naive
    from app.moderation.models import PERMANENT, UserBlock

    require(user, "user.block", contribution)
    if duration not in BLOCK_DURATIONS:
        raise DomainError(_("Please choose a duration from the list."), field="duration")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Please give the reason for the block."), field="block_reason")
    author = db.session.get(User, contribution.author_id) if contribution.author_id else None
    if author is None:
        raise DomainError(_("This contribution has no author account any more."))
    days = BLOCK_DURATIONS[duration]
    until = PERMANENT if days is None else utcnow_naive() + timedelta(days=days)
    block = UserBlock(
        user_id=author.id,
        blocked_by_id=user.id,
        contribution_id=contribution.id,
        reason=reason,
        until=until,
    )
    db.session.add(block)
    author.blocked_until = max(until, author.blocked_until or until)
    author.rotate_session_token()
    db.session.flush()
    return block


def appeal_decision(user, decision: ModerationDecision, note: str):
    """The author appeals once per decision; the region's coordination decides."""
    from app.moderation.models import Appeal

    require(user, "decision.appeal", decision)
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Please explain why the decision should be changed."), field="note")
    appeal = Appeal(decision_id=decision.id, author_id=user.id, note=note)
    try:
        with db.session.begin_nested():
            db.session.add(appeal)
    except IntegrityError:
        raise DomainError(_("You have already appealed against this decision.")) from None
    return appeal


def resolve_appeal(user, appeal, outcome: str, note: str):
    """Confirm the decision, or reverse it (the contribution is published again)."""
    from app.core.clock import utcnow_naive
    from app.moderation.models import AppealOutcome

    require(user, "appeal.resolve", appeal)
    if appeal.outcome is not None:
        raise DomainError(_("This appeal has already been decided."), status_code=409)
    if outcome not in AppealOutcome.ALL:
        raise DomainError(_("Please choose an outcome from the list."), field="outcome")
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Please give the reason for your decision."), field="note")
    contribution = appeal.decision.contribution
    if outcome == AppealOutcome.REVERSED and contribution.moderation_state in (H, R):
        state = contribution.moderation_state
        decide(user, contribution, DecisionAction.RESTORE, state, None, note, notify_author=False)
    appeal.outcome = outcome
    appeal.resolution_note = note
    appeal.resolved_at = utcnow_naive()
    appeal.resolved_by_id = user.id
    db.session.flush()
    events.appeal_resolved(appeal, user)
    return appeal
