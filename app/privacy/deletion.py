"""Delete my account: personal data removed, contributions kept or removed, sessions ended.

`delete_account` runs in the caller's transaction (flush only; the route or the retention purge
commits). What happens, table by table:

- `users`: the row is deleted. The foreign keys do most of the rest: role assignments, second
  factor, notifications, follows, settings, memberships, join requests, blocks and the
  participation profile go with it (CASCADE); contributions, votes, reports, appeals and every
  "…_by_id" keep their row with no person (SET NULL): a contribution without author shows
  "Deleted participant", a vote stays an anonymous count. The session token goes with the row,
  so every session and remember-me cookie of the person stops working.
- Memberships: where the person is the only admin of an organisation with other members, its
  longest-standing member becomes admin first (recorded in the security log).
- The address and the name outside the users table: open or past invitations to the address,
  accessibility feedback sent by the person, an organisation's contact address equal to it,
  mails in the outbox to the person or quoting the address are deleted; other people's mails
  that name the person (an invitation, a notification about a reply) get "Deleted participant"
  instead of the name. Reports and appeals stay without the person and without their notes.
- With `remove_contributions`: the person's proposals, comments, comments on concepts,
  statements and translations lose their text as when an author removes a comment (the place
  in the thread and other people's replies, votes and reports stay), earlier versions and
  translations of those texts are deleted, and the full-text index forgets the words. A
  statement is deleted with its history (one per organisation and consultation: an empty one
  would keep the organisation from publishing again). Contributions collected on site are the
  words of other people transcribed by the person: they stay, without author.
"""

import re
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale
from markupsafe import escape
from sqlalchemy import delete, func, or_, select, text, update

from app.accounts import passwords
from app.accounts.models import User
from app.comments.models import Comment
from app.concepts.models import ConceptComment
from app.core.clock import utcnow_naive
from app.core.errors import DomainError, PermissionDenied
from app.core.i18n import _
from app.core.models import Contribution, ModerationState
from app.core.permissions import require
from app.core.security_log import log_security_event
from app.extensions import db
from app.moderation.models import Appeal, Report
from app.notifications.models import OutboxMessage
from app.organisations.models import (
    Invitation,
    MemberRole,
    Membership,
    Organisation,
    Statement,
    StatementRevision,
)
from app.pages.models import AccessibilityFeedback
from app.proposals.models import Proposal, ProposalRevision
from app.proposals.search import index_proposal


@dataclass
class DeletionResult:
    user_id: int
    # (organisation id, user id of the member who became admin)
    handed_over: list[tuple[int, int]] = field(default_factory=list)
    removed_contributions: int = 0


# --- Checks before deleting -----------------------------------------------------------------


def is_last_administrator(user) -> bool:
    """Is `user` the platform's only administrator? (Then nobody could manage it any more.)"""
    if not user.is_administrator:
        return False
    others = db.session.scalar(
        select(func.count(User.id)).where(User.is_administrator.is_(True), User.id != user.id)
    )
    return others == 0


def _refuse_last_administrator(user) -> None:
    if is_last_administrator(user):
        raise DomainError(
            _(
                "You are the only administrator of the platform. Please make another person "
                "administrator first, then delete your account."
            )
        )


def check_credentials(user, password: str, code: str | None = None) -> None:
    """The current password, and a code of the second factor when the person has one."""
    if not passwords.verify_password(user.password_hash, password or ""):
        raise DomainError(_("The current password is not correct."), field="password")
    if user.has_mfa:
        from app.accounts import mfa  # the second factor's rules and codes

        code = (code or "").strip()
        if not code or not (mfa.verify_code(user, code) or mfa.use_recovery_code(user, code)):
            log_security_event("mfa.failed", user=user.id, purpose="account_deletion")
            raise DomainError(
                _("This code is not correct. Please enter the code your app shows now."),
                field="code",
            )


def sole_admin_handovers(user) -> list[tuple[Organisation, Membership]]:
    """Organisations the person alone administers, with the member who would take over."""
    result = []
    for membership in user.memberships:
        if membership.role != MemberRole.ADMIN:
            continue
        organisation = membership.organisation
        if any(
            m.role == MemberRole.ADMIN and m.user_id != user.id for m in organisation.memberships
        ):
            continue
        others = [m for m in organisation.memberships if m.user_id != user.id]
        if others:
            result.append((organisation, min(others, key=lambda m: (m.created_at, m.id))))
    return result


def contribution_counts(user) -> dict[str, int]:
    """How many contributions of each kind the person wrote (originals, not on site)."""
    rows = db.session.execute(
        select(Contribution.kind, func.count(Contribution.id))
        .where(Contribution.author_id == user.id, Contribution.on_site_event_id.is_(None))
        .group_by(Contribution.kind)
    ).all()
    return dict(rows)


# --- Deleting -------------------------------------------------------------------------------


def delete_account(
    user, remove_contributions: bool, actor=None, *, reason: str = "own_request"
) -> DeletionResult:
    """Delete `user` and their personal data. `actor` is the person asking (their own account
    only); None for the retention purge. `reason` goes to the security log."""
    if actor is not None:
        require(actor, "privacy.delete")
        if actor.id != user.id:
            raise PermissionDenied(action="privacy.delete")
    _refuse_last_administrator(user)
    _serialise(user)
    _refuse_last_administrator(user)  # again, now that no other change can interleave
    result = DeletionResult(user_id=user.id)
    email, name = user.email, user.display_name
    result.handed_over = _hand_over_organisations(user)
    if remove_contributions:
        result.removed_contributions = _remove_contributions(user)
    _forget_address_and_name(user, email, name)
    db.session.delete(user)
    db.session.flush()
    # Rows the database changed by itself (SET NULL, CASCADE) are read again when next used.
    db.session.expire_all()
    log_security_event(
        "account.deleted",
        user=result.user_id,
        reason=reason,
        contributions="removed" if remove_contributions else "kept",
    )
    return result


def _serialise(user) -> None:
    """Make sure no change to the person's organisations interleaves with the handover.

    The first write takes SQLite's write lock (other writers wait for this transaction); on
    PostgreSQL the organisations' rows are locked as the membership services lock them.
    """
    user.rotate_session_token()
    db.session.flush()
    organisation_ids = sorted(
        db.session.scalars(select(Membership.organisation_id).where(Membership.user_id == user.id))
    )
    if organisation_ids and db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            select(Organisation.id)
            .where(Organisation.id.in_(organisation_ids))
            .order_by(Organisation.id)
            .with_for_update()
        )
    for organisation_id in organisation_ids:
        organisation = db.session.get(Organisation, organisation_id)
        db.session.refresh(organisation, attribute_names=["memberships"])
    db.session.refresh(user, attribute_names=["memberships"])


def _hand_over_organisations(user) -> list[tuple[int, int]]:
    handed_over = []
    for organisation, successor in sole_admin_handovers(user):
        successor.role = MemberRole.ADMIN
        handed_over.append((organisation.id, successor.user_id))
        # No notification kind fits "you are admin now"; the log keeps the record.
        log_security_event(
            "organisation.admin_handed_over",
            organisation=organisation.id,
            to_user=successor.user_id,
            from_user=user.id,
        )
    db.session.flush()
    return handed_over


def _forget_address_and_name(user, email: str, name: str) -> None:
    # Notes to the moderation are personal messages, not contributions: the reports and
    # appeals stay (with their reason), their notes go.
    db.session.execute(
        update(Report).where(Report.reporter_id == user.id).values(note=""),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        update(Appeal).where(Appeal.author_id == user.id).values(note=""),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        delete(Invitation).where(func.lower(Invitation.email) == email),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        delete(AccessibilityFeedback).where(
            or_(
                AccessibilityFeedback.user_id == user.id,
                func.lower(AccessibilityFeedback.email) == email,
            )
        ),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        update(Organisation)
        .where(func.lower(Organisation.contact_email) == email)
        .values(contact_email=""),
        execution_options={"synchronize_session": False},
    )
    _forget_in_outbox(user, email, name)
    db.session.flush()


def _forget_in_outbox(user, email: str, name: str) -> None:
    """Mails to the person or quoting the address go; mails to others that name them say
    "Deleted participant" instead (in the recipient's language)."""
    mentions_address = or_(
        func.lower(OutboxMessage.subject).contains(email, autoescape=True),
        func.lower(OutboxMessage.text_body).contains(email, autoescape=True),
        func.lower(func.coalesce(OutboxMessage.html_body, "")).contains(email, autoescape=True),
    )
    db.session.execute(
        delete(OutboxMessage).where(
            or_(
                OutboxMessage.user_id == user.id,
                func.lower(OutboxMessage.to_address) == email,
                mentions_address,
            )
        ),
        execution_options={"synchronize_session": False},
    )
    if not name:
        return
    spellings = {name, str(escape(name))}
    mentions_name = or_(
        *(
            column.contains(spelling, autoescape=True)
            for spelling in spellings
            for column in (OutboxMessage.subject, OutboxMessage.text_body, OutboxMessage.html_body)
        )
    )
    patterns = [re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)") for spelling in spellings]
    default_locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    for message in db.session.scalars(select(OutboxMessage).where(mentions_name)):
        recipient = db.session.get(User, message.user_id) if message.user_id else None
        with force_locale(recipient.locale if recipient else default_locale):
            placeholder = str(_("Deleted participant"))
        for pattern in patterns:
            message.subject = pattern.sub(placeholder, message.subject)
            message.text_body = pattern.sub(placeholder, message.text_body)
            if message.html_body:
                message.html_body = pattern.sub(str(escape(placeholder)), message.html_body)


# --- Removing contributions -----------------------------------------------------------------

REMOVED_STATE = {
    ModerationState.PUBLISHED: ModerationState.HIDDEN,
    ModerationState.PENDING: ModerationState.REJECTED,
}


def _remove_contributions(user) -> int:
    """Take the text of the person's contributions away, keeping threads and counts whole."""
    now = utcnow_naive()
    own = select(Contribution.id).where(
        Contribution.author_id == user.id,
        Contribution.on_site_event_id.is_(None),
        Contribution.kind != "translation",
    )
    own_ids = set(db.session.scalars(own))
    # Translations of these texts, and the person's translations of other texts.
    # (A plain table DELETE: the database removes the subtype rows, reports and notifications.)
    table = Contribution.__table__
    db.session.execute(
        table.delete().where(
            table.c.kind == "translation",
            or_(table.c.translation_of_id.in_(own_ids), table.c.author_id == user.id),
        )
    )
    contributions = db.session.scalars(
        select(Contribution).where(Contribution.id.in_(own_ids)).order_by(Contribution.id)
    ).all()
    removed_proposals = False
    for contribution in contributions:
        if isinstance(contribution, Comment):
            _remove_comment(contribution, now)
        elif isinstance(contribution, Proposal):
            _remove_proposal(contribution)
            removed_proposals = True
        elif isinstance(contribution, Statement):
            # One statement per organisation and consultation: a hidden empty one would keep the
            # organisation from publishing again, so the statement goes with its history.
            db.session.delete(contribution)
        elif isinstance(contribution, ConceptComment):
            contribution.body = ""
            contribution.stance = None
            contribution.moderation_state = REMOVED_STATE.get(
                contribution.moderation_state, contribution.moderation_state
            )
        else:
            contribution.body = ""
    # Versions the person wrote of other people's statements.
    db.session.execute(
        update(StatementRevision)
        .where(StatementRevision.written_by_id == user.id)
        .values(title="", body=""),
        execution_options={"synchronize_session": False},
    )
    db.session.flush()
    if removed_proposals and db.session.get_bind().dialect.name == "sqlite":
        # FTS5 keeps deleted words in its segments until they are merged.
        db.session.execute(text("INSERT INTO proposal_search(proposal_search) VALUES('optimize')"))
    return len(contributions)


def _remove_comment(comment: Comment, now) -> None:
    """As when the author removes it (comments/services.delete_comment): the place in the
    thread and the replies stay, the text goes, the proposal counts one comment less."""
    if comment.deleted_at is None and comment.moderation_state == ModerationState.PUBLISHED:
        db.session.execute(
            update(Proposal.__table__)
            .where(Proposal.__table__.c.id == comment.proposal_id)
            .values(comment_count=Proposal.__table__.c.comment_count - 1)
        )
    comment.body = ""
    comment.stance = None
    if comment.deleted_at is None:
        comment.deleted_at = now


def _remove_proposal(proposal: Proposal) -> None:
    """As a moderator's hiding: the proposal leaves lists, counts and search, its page keeps
    the discussion of others readable, the votes stay counted. The text and every earlier
    version are gone."""
    proposal.moderation_state = REMOVED_STATE.get(
        proposal.moderation_state, proposal.moderation_state
    )
    proposal.title = ""
    proposal.body = ""
    db.session.execute(
        delete(ProposalRevision).where(ProposalRevision.proposal_id == proposal.id),
        execution_options={"synchronize_session": False},
    )
    db.session.flush()
    index_proposal(proposal)
