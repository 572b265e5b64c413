"""What happened, and who is told: one function per event.

The domain services call these right after they flushed their change. Each function decides
the recipients and adds the Notification rows in one statement; it never commits, so the
rows are stored in the same transaction as the change (or vanish with it).

Rules for every event: never the person who acted; at most one notification per person; only
published content is announced to participants (pre-moderated content reaches the region's
moderators and coordinators first, and its followers when a moderator approves it).
"""

from collections.abc import Iterable

from sqlalchemy import insert, or_, select

from app.accounts.models import RoleAssignment
from app.comments.models import Comment
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.moderation.models import DecisionAction, Report
from app.notifications import kinds
from app.notifications.models import Follow, Notification
from app.organisations.models import MemberRole, Membership, Statement
from app.proposals.models import Proposal, ProposalStatus

# --- helpers -----------------------------------------------------------------------------------


def notify(kind: str, recipients: Iterable[int | None], exclude=(), **references) -> set[int]:
    """One row per recipient (None and excluded ids dropped) in one INSERT; returns who got one."""
    skip = {person for person in exclude if person is not None}
    chosen = {person for person in recipients if person is not None and person not in skip}
    if chosen:
        params = references.pop("params", None) or {}
        db.session.execute(
            insert(Notification),
            [
                {"user_id": person, "kind": kind, "params": dict(params), **references}
                for person in sorted(chosen)
            ],
        )
    return chosen


def followers(*conditions) -> set[int]:
    """Ids of everyone following any of the targets, in one query."""
    return set(db.session.scalars(select(Follow.user_id).where(or_(*conditions)).distinct()))


def _region_staff(region_id: int) -> set[int]:
    """Moderators and coordinators of one region."""
    return set(
        db.session.scalars(
            select(RoleAssignment.user_id).where(RoleAssignment.region_id == region_id).distinct()
        )
    )


def _proposal_id_of(contribution) -> int | None:
    """The proposal a contribution is, or belongs to (a translation: its original's)."""
    if isinstance(contribution, Proposal):
        return contribution.id
    if isinstance(contribution, Comment):
        return contribution.proposal_id
    original = getattr(contribution, "original", None)
    if original is not None:
        return _proposal_id_of(original)
    return None


def _is_published(contribution) -> bool:
    return contribution.moderation_state == ModerationState.PUBLISHED


# --- new contributions -------------------------------------------------------------------------


def contribution_written(contribution: Contribution, actor_id: int | None) -> None:
    """A new proposal, comment, statement or concept comment was saved by its author: announce
    it when it is published at once, or tell the moderators when it waits for review."""
    if contribution.moderation_state == ModerationState.PENDING:
        contribution_waiting(contribution)
    elif _is_published(contribution):
        contribution_published(contribution, actor_id)


def contribution_published(
    contribution: Contribution, actor_id: int | None, exclude: Iterable[int] = ()
) -> None:
    """The first publication of a proposal, comment or statement (at once, or approved).

    `actor_id` is the author (named in the text, never told); `exclude` adds people who must
    not hear about it either (the approving moderator).
    """
    if not _is_published(contribution):
        return
    skip = {actor_id, *exclude}
    if isinstance(contribution, Proposal):
        notify(
            kinds.NEW_PROPOSAL,
            followers(Follow.consultation_id == contribution.consultation_id),
            skip,
            proposal_id=contribution.id,
            consultation_id=contribution.consultation_id,
            actor_id=actor_id,
        )
    elif isinstance(contribution, Comment):
        _comment_published(contribution, actor_id, skip)
    elif isinstance(contribution, Statement):
        notify(
            kinds.ORGANISATION_STATEMENT,
            followers(
                Follow.organisation_id == contribution.organisation_id,
                Follow.consultation_id == contribution.consultation_id,
            ),
            skip,
            organisation_id=contribution.organisation_id,
            consultation_id=contribution.consultation_id,
            contribution_id=contribution.id,
            actor_id=actor_id,
        )
    # Concept comments have no replies and translations announce nothing of their own.


def _comment_published(comment: Comment, actor_id: int | None, skip: set) -> None:
    references = {
        "actor_id": actor_id,
        "proposal_id": comment.proposal_id,
        "consultation_id": comment.consultation_id,
        "contribution_id": comment.id,
    }
    replied = set()
    if comment.parent_id is not None:
        parent_author = db.session.scalar(
            select(Contribution.author_id).where(Contribution.id == comment.parent_id)
        )
        replied = notify(kinds.COMMENT_REPLY, [parent_author], skip, **references)
    proposal = comment.proposal
    if proposal is None or not _is_published(proposal):
        return  # followers hear nothing about a proposal that is not public
    notify(
        kinds.PROPOSAL_COMMENT,
        followers(Follow.proposal_id == comment.proposal_id),
        skip | replied,
        **references,
    )


def contribution_waiting(contribution: Contribution) -> None:
    """A pre-moderated contribution waits for review: its region's moderators and coordinators."""
    notify(
        kinds.MODERATION_WAITING,
        _region_staff(contribution.consultation.region_id),
        {contribution.author_id},
        contribution_id=contribution.id,
        consultation_id=contribution.consultation_id,
        proposal_id=_proposal_id_of(contribution),
        params={"reported": False},
    )


def contribution_reported(
    contribution: Contribution, report: Report, auto_hidden: bool = False
) -> None:
    """Tell the region's staff about the first open report of a contribution, or that reports
    hid it automatically; further reports of the same item add to the queue silently."""
    if not auto_hidden:
        open_reports = db.session.scalar(
            select(db.func.count(Report.id)).where(
                Report.contribution_id == contribution.id,
                Report.resolved_by_decision_id.is_(None),
            )
        )
        if open_reports != 1:
            return
    notify(
        kinds.MODERATION_WAITING,
        _region_staff(contribution.consultation.region_id),
        # The reporter acted; the author is told by the decision, if one hid it.
        {report.reporter_id, contribution.author_id},
        contribution_id=contribution.id,
        consultation_id=contribution.consultation_id,
        proposal_id=_proposal_id_of(contribution),
        params={"reported": True},
    )


# --- proposals ---------------------------------------------------------------------------------


def _proposal_followers(proposal: Proposal) -> set[int]:
    found = followers(Follow.proposal_id == proposal.id)
    if _is_published(proposal):
        return found
    # Not public (any more): only its author may still hear about it.
    return found & {proposal.author_id}


def proposal_answered(response, actor) -> None:
    """The region's official answer, which also sets the status: the proposal's followers."""
    proposal = response.proposal
    notify(
        kinds.PROPOSAL_UPDATE,
        _proposal_followers(proposal),
        {actor.id},
        proposal_id=proposal.id,
        consultation_id=proposal.consultation_id,
        actor_id=actor.id,
        params={"status": response.status, "answered": True},
    )


def proposal_withdrawn(proposal: Proposal, actor) -> None:
    notify(
        kinds.PROPOSAL_UPDATE,
        _proposal_followers(proposal),
        {actor.id},
        proposal_id=proposal.id,
        consultation_id=proposal.consultation_id,
        actor_id=actor.id,
        params={"status": ProposalStatus.WITHDRAWN, "answered": False},
    )


# --- moderation --------------------------------------------------------------------------------


def moderation_decided(decision, actor, notify_author: bool = True) -> None:
    """A decision (or an automatic hiding, `actor` None): the author, the reporters whose reports
    it answered, and the followers when it published something for the first time.

    `notify_author` is False when an appeal reversed the decision: the author then hears the
    appeal's outcome instead (`appeal_resolved`).
    """
    contribution = decision.contribution
    actor_id = actor.id if actor is not None else None
    action = decision.action
    approved_from_pending = (
        action == DecisionAction.APPROVE and decision.state_before == ModerationState.PENDING
    )
    told = set()
    # An approval of something already published only dismisses reports: nothing new for the
    # author. Every other decision changes what the public sees of their contribution.
    if notify_author and (action != DecisionAction.APPROVE or approved_from_pending):
        told = notify(
            kinds.MODERATION_DECISION,
            [contribution.author_id],
            {actor_id},
            contribution_id=contribution.id,
            proposal_id=_proposal_id_of(contribution),
            consultation_id=contribution.consultation_id,
            decision_id=decision.id,
            params={"action": action},
        )
    reporters = db.session.scalars(
        select(Report.reporter_id).where(Report.resolved_by_decision_id == decision.id)
    )
    told |= notify(
        kinds.REPORT_OUTCOME,
        reporters,
        {actor_id, contribution.author_id, *told},
        contribution_id=contribution.id,
        consultation_id=contribution.consultation_id,
        decision_id=decision.id,
        params={"hidden": decision.state_after == ModerationState.HIDDEN},
    )
    # Rejected items were never published (only pending ones are rejected): restoring one is
    # its first publication, as is approving a pending one.
    first_publication = approved_from_pending or (
        action == DecisionAction.RESTORE and decision.state_before == ModerationState.REJECTED
    )
    if first_publication:
        contribution_published(contribution, contribution.author_id, exclude={actor_id, *told})


def appeal_resolved(appeal, actor) -> None:
    """The coordination decided an appeal: its author hears the outcome."""
    decision = appeal.decision
    contribution = decision.contribution
    notify(
        kinds.APPEAL_OUTCOME,
        [appeal.author_id],
        {actor.id},
        decision_id=decision.id,
        contribution_id=contribution.id,
        consultation_id=contribution.consultation_id,
        params={"outcome": appeal.outcome},
    )


# --- organisations -----------------------------------------------------------------------------


def organisation_reviewed(organisation, review, actor) -> None:
    """Verified, declined or verification withdrawn: the organisation's admins."""
    admins = db.session.scalars(
        select(Membership.user_id).where(
            Membership.organisation_id == organisation.id, Membership.role == MemberRole.ADMIN
        )
    )
    notify(
        kinds.ORGANISATION_REVIEW,
        admins,
        {actor.id},
        organisation_id=organisation.id,
        actor_id=actor.id,
        params={"action": review.action, "review_id": review.id},
    )


def organisation_invited(invitation, invitee, actor) -> None:
    """An invitation to an address with a confirmed account: that account, in the app too."""
    if invitee is None or not invitee.is_confirmed:
        return
    notify(
        kinds.ORGANISATION_INVITATION,
        [invitee.id],
        {actor.id},
        organisation_id=invitation.organisation_id,
        actor_id=actor.id,
        params={"role": invitation.role},
    )
