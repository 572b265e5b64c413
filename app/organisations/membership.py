"""Who belongs to an organisation: invitations by e-mail, join requests, roles, leaving.

The rule that an organisation always keeps an admin is checked inside a transaction that
serialises changes to its members, so two admins who step down at once cannot both succeed.
"""

from datetime import timedelta

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.accounts.models import User, normalise_email
from app.core.clock import utcnow_naive
from app.core.errors import DomainError, PermissionDenied
from app.core.i18n import _, current_language
from app.core.locking import begin_serialised_transaction, insert_unique
from app.core.permissions import require
from app.extensions import db
from app.notifications import events
from app.notifications.outbox import queue_mail
from app.organisations.models import (
    Invitation,
    JoinRequest,
    MemberRole,
    Membership,
    Organisation,
    RequestState,
)

INVITATION_VALID_FOR = timedelta(days=14)


# --- Invitations --------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt="mitreden-organisation-invitation"
    )


def invitation_token(invitation: Invitation) -> str:
    return _serializer().dumps({"invitation": invitation.id})


class InvitationError(Exception):
    """reason: 'invalid', 'expired' or 'used'."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def read_invitation(token: str) -> Invitation:
    try:
        payload = _serializer().loads(token, max_age=int(INVITATION_VALID_FOR.total_seconds()))
    except SignatureExpired:
        raise InvitationError("expired") from None
    except BadSignature:
        raise InvitationError("invalid") from None
    invitation = db.session.get(Invitation, payload.get("invitation"))
    if invitation is None:
        raise InvitationError("invalid")
    if invitation.state != RequestState.OPEN:
        raise InvitationError("used")
    return invitation


def _find_member(organisation: Organisation, user_id: int) -> Membership | None:
    return next((m for m in organisation.memberships if m.user_id == user_id), None)


def invite(user, organisation: Organisation, email: str, role: str) -> Invitation:
    require(user, "organisation.manage_members", organisation)
    email = normalise_email(email)
    if role not in MemberRole.ALL:
        raise DomainError(_("Please choose a role from the list."), field="role")
    existing_user = db.session.scalar(db.select(User).where(User.email == email))
    if existing_user is not None and _find_member(organisation, existing_user.id):
        raise DomainError(_("This person is already a member."), field="email")
    open_invitation = db.session.scalar(
        db.select(Invitation).where(
            Invitation.organisation_id == organisation.id,
            Invitation.email == email,
            Invitation.state == RequestState.OPEN,
        )
    )
    already_invited = DomainError(
        _("An invitation to this address is already waiting for an answer."), field="email"
    )
    if open_invitation is not None:
        raise already_invited
    invitation = Invitation(
        organisation=organisation, email=email, role=role, invited_by_id=user.id
    )
    # The unique index on open invitations decides when two admins invite at the same moment.
    insert_unique(invitation, already_invited)
    _send_invitation(invitation, user, existing_user)
    events.organisation_invited(invitation, existing_user, user)
    return invitation


def _send_invitation(invitation: Invitation, inviter, invitee: User | None) -> None:
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    link = base + url_for("organisations.invitation", token=invitation_token(invitation))
    # In the invitee's language when they have an account, else in the inviter's.
    with force_locale(invitee.locale if invitee else current_language()):
        subject = _("Invitation to join %(name)s on Mitreden", name=invitation.organisation.name)
        context = {"invitation": invitation, "inviter": inviter, "link": link}
        text = render_template("organisations/mail/invitation.txt", **context)
        html = render_template("organisations/mail/invitation.html", **context)
    queue_mail(invitation.email, subject, text, html, user_id=invitee.id if invitee else None)


def withdraw_invitation(user, invitation: Invitation) -> None:
    require(user, "organisation.manage_members", invitation.organisation)
    if invitation.state != RequestState.OPEN:
        raise DomainError(_("This invitation has already been answered."))
    invitation.state = RequestState.WITHDRAWN
    invitation.decided_at = utcnow_naive()
    db.session.flush()


def answer_invitation(user, invitation: Invitation, accept: bool) -> Membership | None:
    """The invited person accepts or declines; only the account with the invited address."""
    if not user.is_confirmed or normalise_email(user.email) != invitation.email:
        raise DomainError(
            _(
                "This invitation was sent to another e-mail address. Please log in with the "
                "account of that address."
            ),
            status_code=403,
        )
    if accept and user.is_blocked(utcnow_naive()):
        raise PermissionDenied()
    if invitation.state != RequestState.OPEN:
        raise DomainError(_("This invitation has already been answered."))
    if utcnow_naive() - invitation.created_at > INVITATION_VALID_FOR:
        raise DomainError(_("This invitation has expired. Please ask for a new one."))
    invitation.decided_at = utcnow_naive()
    if not accept:
        invitation.state = RequestState.DECLINED
        db.session.flush()
        return None
    invitation.state = RequestState.ACCEPTED
    organisation = invitation.organisation
    membership = _find_member(organisation, user.id)
    if membership is None:
        membership = Membership(user=user, role=invitation.role)
        organisation.memberships.append(membership)
    _close_open_join_request(organisation, user, user, RequestState.ACCEPTED)
    db.session.flush()
    return membership


# --- Join requests ------------------------------------------------------------------------


def ask_to_join(user, organisation: Organisation, message: str) -> JoinRequest:
    require(user, "organisation.join", organisation)
    already_asked = DomainError(_("You have already asked to join. The admins will answer soon."))
    if _open_join_request(organisation, user) is not None:
        raise already_asked
    request = JoinRequest(organisation=organisation, user=user, message=message.strip())
    # The unique index on open requests decides when the same request arrives twice at once.
    insert_unique(request, already_asked)
    return request


def _open_join_request(organisation: Organisation, user) -> JoinRequest | None:
    return db.session.scalar(
        db.select(JoinRequest).where(
            JoinRequest.organisation_id == organisation.id,
            JoinRequest.user_id == user.id,
            JoinRequest.state == RequestState.OPEN,
        )
    )


def _close_open_join_request(organisation, user, decided_by, state: str) -> None:
    request = _open_join_request(organisation, user)
    if request is not None:
        request.state = state
        request.decided_at = utcnow_naive()
        request.decided_by_id = decided_by.id


def withdraw_join_request(user, request: JoinRequest) -> None:
    if request.user_id != user.id:
        raise DomainError(_("This is not your request."), status_code=403)
    if request.state != RequestState.OPEN:
        raise DomainError(_("This request has already been answered."))
    request.state = RequestState.WITHDRAWN
    request.decided_at = utcnow_naive()
    db.session.flush()


def decide_join_request(user, request: JoinRequest, accept: bool) -> None:
    require(user, "organisation.manage_members", request.organisation)
    if request.state != RequestState.OPEN:
        raise DomainError(_("This request has already been answered."))
    request.state = RequestState.ACCEPTED if accept else RequestState.DECLINED
    request.decided_at = utcnow_naive()
    request.decided_by_id = user.id
    organisation = request.organisation
    if accept and _find_member(organisation, request.user_id) is None:
        organisation.memberships.append(Membership(user=request.user, role=MemberRole.MEMBER))
    db.session.flush()


# --- Roles and leaving ----------------------------------------------------------------------


def _lock_members(organisation: Organisation) -> None:
    """Serialise changes to the organisation's members; reload what others committed."""
    begin_serialised_transaction(Organisation, organisation.id)
    db.session.refresh(organisation, attribute_names=["memberships"])


def _keeps_an_admin(organisation: Organisation, without: Membership) -> bool:
    return any(m.id != without.id for m in organisation.admins)


def _refuse_last_admin() -> None:
    raise DomainError(
        _(
            "The organisation needs at least one admin. Please make another member admin "
            "first, then step down."
        )
    )


def change_role(user, organisation: Organisation, member_id: int, role: str) -> None:
    require(user, "organisation.manage_members", organisation)
    if role not in MemberRole.ALL:
        raise DomainError(_("Please choose a role from the list."), field="role")
    _lock_members(organisation)
    membership = next((m for m in organisation.memberships if m.id == member_id), None)
    if membership is None:
        raise DomainError(_("This person is not a member."), status_code=404)
    stepping_down = role == MemberRole.MEMBER and membership.role == MemberRole.ADMIN
    if stepping_down and not _keeps_an_admin(organisation, membership):
        _refuse_last_admin()
    membership.role = role
    db.session.flush()


def remove_member(user, organisation: Organisation, member_id: int) -> None:
    require(user, "organisation.manage_members", organisation)
    _lock_members(organisation)
    membership = next((m for m in organisation.memberships if m.id == member_id), None)
    if membership is None:
        raise DomainError(_("This person is not a member."), status_code=404)
    if membership.role == MemberRole.ADMIN and not _keeps_an_admin(organisation, membership):
        _refuse_last_admin()
    organisation.memberships.remove(membership)
    db.session.flush()


def leave(user, organisation: Organisation) -> None:
    require(user, "organisation.leave", organisation)
    _lock_members(organisation)
    membership = _find_member(organisation, user.id)
    if membership is None:
        raise DomainError(_("You are not a member."), status_code=404)
    if membership.role == MemberRole.ADMIN and not _keeps_an_admin(organisation, membership):
        _refuse_last_admin()
    organisation.memberships.remove(membership)
    db.session.flush()
