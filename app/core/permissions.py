"""Who may do what: one registry of small named predicates.

Routes, services and templates ask `can(user, action, obj)` or call `require(...)`; none of them
computes a rule of its own. Predicates combine with `|`, `&` and `~`, so each rule reads like its
sentence: `is_administrator | is_coordinator_of_region`.
"""

from collections.abc import Callable
from functools import wraps

from flask_login import current_user

from app.core.clock import utcnow_naive
from app.core.errors import PermissionDenied


class Predicate:
    """A named yes/no question about a user and an optional object."""

    def __init__(self, test: Callable[[object, object], bool], name: str):
        self._test = test
        self.name = name

    def __call__(self, user, obj=None) -> bool:
        return bool(self._test(user, obj))

    def __or__(self, other: "Predicate") -> "Predicate":
        return Predicate(lambda u, o: self(u, o) or other(u, o), f"({self.name} | {other.name})")

    def __and__(self, other: "Predicate") -> "Predicate":
        return Predicate(lambda u, o: self(u, o) and other(u, o), f"({self.name} & {other.name})")

    def __invert__(self) -> "Predicate":
        return Predicate(lambda u, o: not self(u, o), f"~{self.name}")

    def __repr__(self) -> str:
        return f"<Predicate {self.name}>"


def predicate(test: Callable[[object, object], bool]) -> Predicate:
    return Predicate(test, test.__name__)


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def region_of(obj):
    """The region an object belongs to: itself, its `region`, or its consultation's region."""
    from app.regions.models import Region

    if isinstance(obj, Region):
        return obj
    region = getattr(obj, "region", None)
    if region is None and getattr(obj, "consultation", None) is not None:
        region = obj.consultation.region
    return region


@predicate
def is_authenticated(user, obj) -> bool:
    return _authenticated(user)


@predicate
def is_confirmed(user, obj) -> bool:
    return _authenticated(user) and user.is_confirmed


@predicate
def is_administrator(user, obj) -> bool:
    return _authenticated(user) and user.is_administrator


@predicate
def is_coordinator_of_region(user, obj) -> bool:
    region = region_of(obj)
    return (
        _authenticated(user) and region is not None and user.has_role_in("coordinator", region.id)
    )


@predicate
def is_moderator_of_region(user, obj) -> bool:
    region = region_of(obj)
    return _authenticated(user) and region is not None and user.has_role_in("moderator", region.id)


@predicate
def has_any_region_role(user, obj) -> bool:
    return _authenticated(user) and bool(user.roles)


@predicate
def is_coordinator_anywhere(user, obj) -> bool:
    return _authenticated(user) and bool(user.region_ids_with("coordinator"))


@predicate
def is_other_user(user, obj) -> bool:
    return _authenticated(user) and obj is not None and obj.id != user.id


@predicate
def is_staff_member(user, obj) -> bool:
    """Administrators, moderators and coordinators."""
    return _authenticated(user) and user.is_staff


@predicate
def is_own_account(user, obj) -> bool:
    return _authenticated(user) and obj is not None and obj.id == user.id


# --- Participation: consultations, proposals, comments, votes ------------------------------


def consultation_of(obj):
    """The consultation an object belongs to: itself, or its `consultation` attribute."""
    from app.consultations.models import Consultation

    if isinstance(obj, Consultation):
        return obj
    return getattr(obj, "consultation", None)


@predicate
def is_consultation_public(user, obj) -> bool:
    """Published or archived: the public may read it (drafts only its makers)."""
    consultation = consultation_of(obj)
    return consultation is not None and consultation.state in ("published", "archived")


@predicate
def is_consultation_open(user, obj) -> bool:
    """Published and not archived: taking part is possible at all."""
    consultation = consultation_of(obj)
    return consultation is not None and consultation.is_published


@predicate
def is_eligible(user, obj) -> bool:
    """Confirmed, and a resident of the region where the consultation asks for residents."""
    consultation = consultation_of(obj)
    if not (_authenticated(user) and user.is_confirmed and consultation is not None):
        return False
    if consultation.eligibility == "residents":
        return user.home_region_id == consultation.region_id
    return True


def phase_allows(feature: str) -> Predicate:
    """Does the consultation's active phase allow `feature` now (see core/phases.py)?"""
    from app.core import phases

    def test(user, obj) -> bool:
        consultation = consultation_of(obj)
        return consultation is not None and phases.phase_allows(
            consultation, feature, utcnow_naive()
        )

    return Predicate(test, f"phase_allows({feature!r})")


@predicate
def is_author(user, obj) -> bool:
    return _authenticated(user) and obj is not None and obj.author_id == user.id


@predicate
def proposal_is_active(user, obj) -> bool:
    """Not withdrawn (a withdrawn proposal stays visible but takes no votes or comments)."""
    proposal = getattr(obj, "proposal", obj)
    return proposal is not None and not proposal.is_withdrawn


@predicate
def proposal_is_public(user, obj) -> bool:
    """Published: hidden or waiting proposals take no comments or votes."""
    proposal = getattr(obj, "proposal", obj)
    return proposal is not None and proposal.moderation_state == "published"


@predicate
def comment_is_present(user, obj) -> bool:
    return obj is not None and not obj.is_deleted


@predicate
def is_visible_contribution(user, obj) -> bool:
    return obj is not None and obj.moderation_state == "published"


@predicate
def is_not_blocked(user, obj) -> bool:
    return _authenticated(user) and not user.is_blocked(utcnow_naive())


@predicate
def is_author_of_decided(user, obj) -> bool:
    """obj is a moderation decision: was it about the user's own contribution?"""
    return _authenticated(user) and obj is not None and obj.contribution.author_id == user.id


@predicate
def is_appealable_decision(user, obj) -> bool:
    return obj is not None and obj.action in ("hide", "reject", "auto_hide")


# --- Organisations, statements, on-site contributions, translations ------------------------


def organisation_of(obj):
    """The organisation an object belongs to: itself, or its `organisation` attribute."""
    from app.organisations.models import Organisation

    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


@predicate
def is_organisation_verified(user, obj) -> bool:
    organisation = organisation_of(obj)
    return organisation is not None and organisation.is_verified


@predicate
def is_organisation_member(user, obj) -> bool:
    organisation = organisation_of(obj)
    return (
        _authenticated(user)
        and organisation is not None
        and user.organisation_role(organisation.id) is not None
    )


@predicate
def is_organisation_admin(user, obj) -> bool:
    organisation = organisation_of(obj)
    return (
        _authenticated(user)
        and organisation is not None
        and user.organisation_role(organisation.id) == "admin"
    )


@predicate
def is_coordinator_of_organisation_region(user, obj) -> bool:
    """Coordinates one of the regions where the organisation is active."""
    organisation = organisation_of(obj)
    if not _authenticated(user) or organisation is None:
        return False
    coordinated = user.region_ids_with("coordinator")
    return any(region.id in coordinated for region in organisation.regions)


@predicate
def administers_a_verified_organisation(user, obj) -> bool:
    return _authenticated(user) and any(
        m.role == "admin" and m.organisation.is_verified for m in user.memberships
    )


@predicate
def is_original_contribution(user, obj) -> bool:
    """Not itself a translation (translations are not translated again)."""
    return obj is not None and obj.translation_of_id is None


@predicate
def is_present_contribution(user, obj) -> bool:
    """Not removed by its author (comments can be)."""
    return obj is not None and not getattr(obj, "is_deleted", False)


@predicate
def original_is_readable(user, obj) -> bool:
    """obj is a translation: its original is published and not removed by its author."""
    original = getattr(obj, "original", None)
    return (
        original is not None
        and original.moderation_state == "published"
        and not getattr(original, "is_deleted", False)
    )


@predicate
def is_pending_or_visible(user, obj) -> bool:
    return obj is not None and obj.moderation_state in ("published", "pending")


# --- Transparency: funding programmes, project approaches, action concepts -----------------


@predicate
def offers_concept_draft(user, obj) -> bool:
    """obj is a consultation that puts a draft of its region's action concept up for comment."""
    consultation = consultation_of(obj)
    version = getattr(consultation, "concept_version", None)
    return version is not None and version.is_draft and version.region_id == consultation.region_id


@predicate
def is_followable(user, obj) -> bool:
    """A public consultation, a published proposal in one, or a verified organisation."""
    from app.consultations.models import Consultation
    from app.organisations.models import Organisation
    from app.proposals.models import Proposal

    if isinstance(obj, Consultation):
        return is_consultation_public(user, obj)
    if isinstance(obj, Proposal):
        return proposal_is_public(user, obj) and is_consultation_public(user, obj)
    if isinstance(obj, Organisation):
        return is_organisation_verified(user, obj)
    return False


@predicate
def is_recipient(user, obj) -> bool:
    """obj is a notification addressed to the user."""
    return _authenticated(user) and getattr(obj, "user_id", None) == user.id


can_manage_consultation = is_administrator | is_coordinator_of_region
can_moderate_region = is_administrator | is_moderator_of_region | is_coordinator_of_region
takes_part = is_consultation_open & is_eligible & is_not_blocked


RULES: dict[str, Predicate] = {
    # Own account
    "account.manage": is_authenticated,
    # Deleting one's own account (no obj: it is always the user's own)
    "privacy.delete": is_authenticated,
    # Regions and the catalogue of fields of action
    "region.create": is_administrator,
    "region.edit": is_administrator | is_coordinator_of_region,
    "region.choose_fields": is_administrator | is_coordinator_of_region,
    "field_of_action.manage": is_administrator,
    # Administration
    "admin.access": is_administrator,
    "user.assign_roles": is_administrator,
    "user.set_administrator": is_administrator & is_other_user,
    "page.edit": is_administrator,
    "video.manage": is_administrator,
    "feedback.read": is_administrator,
    # The second factor (obj: the user whose second factor it is). Staff must use one; staff
    # actions wait until it is set up and passed (accounts/mfa_guard.py).
    "mfa.required": is_staff_member,
    "mfa.manage": is_own_account,
    "mfa.disable": is_own_account & ~is_staff_member,
    "mfa.reset": is_administrator,
    # The staff area lists the work of moderators, coordinators and administrators.
    "staff.access": is_administrator | has_any_region_role,
    # Consultations (obj: the region for create, else the consultation)
    "consultation.create": can_manage_consultation,
    "consultation.manage": can_manage_consultation,
    "consultation.view": is_consultation_public | can_manage_consultation,
    # Proposals (obj: the consultation for submit, else the proposal)
    "proposal.submit": takes_part & phase_allows("propose"),
    "proposal.edit": is_author
    & proposal_is_active
    & is_consultation_open
    & phase_allows("edit_proposal"),
    "proposal.withdraw": is_author
    & proposal_is_active
    & is_consultation_open
    & phase_allows("withdraw"),
    "proposal.answer": can_manage_consultation,
    # Comments (obj: the proposal for create, else the comment)
    "comment.create": takes_part
    & proposal_is_active
    & proposal_is_public
    & phase_allows("comment"),
    "comment.edit": is_author & comment_is_present & is_consultation_open & phase_allows("comment"),
    "comment.delete": is_author & comment_is_present,
    # Votes (obj: the proposal)
    "vote.cast": takes_part & proposal_is_active & proposal_is_public & phase_allows("vote"),
    # Moderation (obj: the contribution; the queue itself filters by the user's regions)
    "contribution.report": is_confirmed & is_not_blocked & ~is_author & is_visible_contribution,
    "contribution.moderate": can_moderate_region,
    "moderation.queue": is_administrator | has_any_region_role,
    # Blocking the author of a contribution the user moderates (obj: the contribution)
    "user.block": can_moderate_region & ~is_author,
    # Appeals (obj: the decision for appealing, the appeal for resolving)
    "decision.appeal": is_author_of_decided & is_appealable_decision,
    "appeal.resolve": is_administrator | is_coordinator_of_region,
    "appeal.list": is_administrator | is_coordinator_anywhere,
    # The audit log of decisions, with its CSV export
    "moderation.audit": is_administrator | is_coordinator_anywhere,
    # Organisations (obj: the organisation)
    "organisation.request": is_confirmed & is_not_blocked,
    "organisation.view": is_organisation_verified
    | is_organisation_member
    | is_administrator
    | is_coordinator_of_organisation_region,
    "organisation.review": is_administrator | is_coordinator_of_organisation_region,
    "organisation.review_queue": is_administrator | is_coordinator_anywhere,
    "organisation.edit": (is_organisation_admin & is_not_blocked)
    | is_administrator
    | is_coordinator_of_organisation_region,
    "organisation.manage_members": is_organisation_admin & is_not_blocked,
    "organisation.join": is_confirmed
    & is_not_blocked
    & is_organisation_verified
    & ~is_organisation_member,
    "organisation.leave": is_organisation_member,
    # Speaking on behalf of an organisation: members, while it is verified
    "organisation.speak_for": is_organisation_member & is_organisation_verified & is_not_blocked,
    # Statements (obj: the consultation for publish, the organisation for publishing in its name,
    # else the statement)
    "statement.publish": is_consultation_open
    & is_confirmed
    & is_not_blocked
    & administers_a_verified_organisation
    & phase_allows("statement"),
    "statement.publish_for": is_organisation_admin & is_organisation_verified & is_not_blocked,
    "statement.edit": is_organisation_admin
    & is_organisation_verified
    & is_not_blocked
    & is_pending_or_visible
    & is_consultation_open
    & phase_allows("statement"),
    # On-site contributions (obj: the consultation)
    "onsite.record": can_manage_consultation & is_consultation_open,
    # Translations of contributions (obj: the original for create, else the translation)
    "contribution.translate": (
        is_author | is_organisation_member | is_administrator | is_coordinator_of_region
    )
    & is_confirmed
    & is_not_blocked
    & is_original_contribution
    & is_visible_contribution
    & is_present_contribution
    & is_consultation_public,
    # Funding programmes: one catalogue for all regions (no obj)
    "programme.manage": is_administrator | is_coordinator_anywhere,
    # Project approaches (obj: the region for create, else the project)
    "project.manage": is_administrator | is_coordinator_of_region,
    # The coordination view across regions: the region's coordinators and the ministry
    "coordination.view": is_administrator | is_coordinator_anywhere,
    # Action concepts (obj: the region or a version)
    "concept.edit": is_administrator | is_coordinator_of_region,
    # Comments on goals and measures of a draft put up for comment (obj: the consultation)
    "concept.comment": takes_part & offers_concept_draft & phase_allows("comment"),
    "translation.edit": is_author
    & is_not_blocked
    & is_pending_or_visible
    & original_is_readable
    & is_consultation_public,
    # Monitoring: the figures that are not public (moderation, registrations) are for the
    # ministry and the regions' coordination (no obj)
    "monitoring.internal": is_administrator | is_coordinator_anywhere,
    # Context indicators of a region (obj: the region or an indicator)
    "context.manage": is_administrator | is_coordinator_of_region,
    # One's own participation profile (no obj: it is always the user's own)
    "profile.answer": is_confirmed,
    # Following a consultation, proposal or organisation (obj: the target); unfollowing is
    # always possible, also once the target is no longer public
    "follow.create": is_confirmed & is_followable,
    # One's own notifications and mail settings (obj: a notification, or none)
    "notification.read": is_recipient,
    "notification.settings": is_authenticated,
    # Downloading one's own data (no obj: always the signed-in user's own account)
    "privacy.export": is_authenticated,
}


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` (to `obj`)? Unknown actions are an error, never a silent yes."""
    try:
        rule = RULES[action]
    except KeyError:
        raise KeyError(f"unknown permission action {action!r}") from None
    return rule(user, obj)


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` may do `action`."""
    if not can(user, action, obj):
        raise PermissionDenied(action=action)


def permission_required(action: str, load: Callable | None = None):
    """Route decorator: check `action` for the current user, against `load(**view_args)` if given.

    Anonymous visitors who are refused are sent to the login page; signed-in users get a 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            obj = load(**kwargs) if load else None
            if not can(current_user, action, obj):
                if not _authenticated(current_user):
                    from app.extensions import login_manager

                    return login_manager.unauthorized()
                raise PermissionDenied(action=action)
            return view(*args, **kwargs)

        return wrapper

    return decorator
