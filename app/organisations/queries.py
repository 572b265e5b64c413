"""Reading organisations: the directory, one profile, what was said on an organisation's behalf,
memberships and open requests, and the verification queue (no writes here).

Every filter value comes from an allow-list; anything else is ignored.
"""

from dataclasses import dataclass

from flask import abort
from sqlalchemy.orm import joinedload, selectinload, with_polymorphic

from app.accounts.models import User, normalise_email
from app.comments.models import Comment
from app.consultations.models import Consultation, ConsultationState
from app.core.clock import utcnow_naive
from app.core.models import Contribution, ModerationState
from app.core.permissions import can
from app.extensions import db
from app.organisations.membership import INVITATION_VALID_FOR
from app.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    RequestState,
    Statement,
    VerificationDecision,
)
from app.proposals.models import Proposal
from app.regions.models import FieldOfAction, Region, RegionKind

PAGE_SIZE = 20
CONTRIBUTIONS_PAGE_SIZE = 10
QUERY_MAX_LENGTH = 100
RECENTLY_DECIDED = 30


def _page(value) -> int:
    try:
        return max(1, min(int(value or 1), 10_000))
    except (TypeError, ValueError):
        return 1


# --- Directory --------------------------------------------------------------------------------


def directory_regions() -> list[Region]:
    return list(
        db.session.scalars(
            db.select(Region).order_by(Region.kind != RegionKind.MODEL_REGION, Region.position)
        )
    )


def directory_fields() -> list[FieldOfAction]:
    return list(
        db.session.scalars(
            db.select(FieldOfAction)
            .where(FieldOfAction.is_active.is_(True))
            .order_by(FieldOfAction.position, FieldOfAction.slug)
        )
    )


@dataclass
class DirectoryFilters:
    region: str | None = None
    kind: str | None = None
    field: str | None = None
    query: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args, region_slugs, field_slugs) -> "DirectoryFilters":
        def allowed(name, values):
            value = args.get(name)
            return value if value in values else None

        return cls(
            region=allowed("region", region_slugs),
            kind=allowed("kind", OrganisationKind.ALL),
            field=allowed("field", field_slugs),
            # Control characters (NUL, which PostgreSQL refuses) count as spaces.
            query=" ".join(
                "".join(
                    ch if ch.isprintable() else " "
                    for ch in (args.get("q") or "")[:QUERY_MAX_LENGTH]
                ).split()
            ),
            page=_page(args.get("page")),
        )

    def as_args(self, **changes) -> dict:
        """The query-string arguments for links, without empty values."""
        values = {
            "region": self.region,
            "kind": self.kind,
            "field": self.field,
            "q": self.query or None,
            "page": self.page if self.page != 1 else None,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}

    @property
    def active(self) -> bool:
        return any((self.region, self.kind, self.field, self.query))


def directory_page(filters: DirectoryFilters):
    """Verified organisations by name; the same few statements whatever the page holds."""
    query = db.select(Organisation).where(Organisation.status == OrganisationStatus.VERIFIED)
    if filters.region:
        query = query.where(Organisation.regions.any(Region.slug == filters.region))
    if filters.kind:
        query = query.where(Organisation.kind == filters.kind)
    if filters.field:
        query = query.where(Organisation.fields_of_action.any(FieldOfAction.slug == filters.field))
    if filters.query:
        # search_key is case-folded in Python; autoescape: a typed % or _ is a character.
        query = query.where(
            Organisation.search_key.contains(filters.query.casefold(), autoescape=True)
        )
    query = query.order_by(Organisation.search_key, Organisation.id)
    return db.paginate(query, page=filters.page, per_page=PAGE_SIZE, error_out=False)


# --- One organisation -------------------------------------------------------------------------


def organisation_or_404(organisation_id: int, user) -> Organisation:
    """The organisation, or 404 when it does not exist or the user may not see it (so
    unverified requests do not leak)."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not can(user, "organisation.view", organisation):
        abort(404)
    return organisation


def said_on_behalf(organisation: Organisation, page: int):
    """Published contributions on the organisation's behalf (no translations), newest first."""
    kinds = with_polymorphic(Contribution, [Proposal, Comment, Statement])
    query = (
        db.select(kinds)
        .join(Consultation, Consultation.id == kinds.consultation_id)
        .where(
            kinds.organisation_id == organisation.id,
            kinds.translation_of_id.is_(None),
            kinds.moderation_state == ModerationState.PUBLISHED,
            kinds.Comment.deleted_at.is_(None),
            Consultation.state.in_((ConsultationState.PUBLISHED, ConsultationState.ARCHIVED)),
        )
        .options(selectinload(kinds.consultation))
        .order_by(kinds.created_at.desc(), kinds.id.desc())
    )
    return db.paginate(query, page=_page(page), per_page=CONTRIBUTIONS_PAGE_SIZE, error_out=False)


def open_join_request(organisation: Organisation, user) -> JoinRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        db.select(JoinRequest).where(
            JoinRequest.organisation_id == organisation.id,
            JoinRequest.user_id == user.id,
            JoinRequest.state == RequestState.OPEN,
        )
    )


def members(organisation: Organisation) -> list[Membership]:
    return sorted(
        organisation.memberships,
        key=lambda m: (m.role != "admin", (m.user.display_name or "").casefold(), m.id),
    )


def open_invitations(organisation: Organisation) -> list[Invitation]:
    return list(
        db.session.scalars(
            db.select(Invitation)
            .where(
                Invitation.organisation_id == organisation.id, Invitation.state == RequestState.OPEN
            )
            .order_by(Invitation.created_at, Invitation.id)
        )
    )


def open_join_requests(organisation: Organisation) -> list[JoinRequest]:
    return list(
        db.session.scalars(
            db.select(JoinRequest)
            .where(
                JoinRequest.organisation_id == organisation.id,
                JoinRequest.state == RequestState.OPEN,
            )
            .order_by(JoinRequest.created_at, JoinRequest.id)
        )
    )


def invitation_or_404(organisation: Organisation, invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation.id:
        abort(404)
    return invitation


def join_request_or_404(join_request_id: int, organisation: Organisation | None = None):
    request = db.session.get(JoinRequest, join_request_id)
    if request is None or (organisation is not None and request.organisation_id != organisation.id):
        abort(404)
    return request


# --- Mine -------------------------------------------------------------------------------------


def my_memberships(user) -> list[Membership]:
    return list(
        db.session.scalars(
            db.select(Membership)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.user_id == user.id)
            .order_by(Organisation.search_key, Organisation.id)
        ).unique()
    )


def my_join_requests(user) -> list[JoinRequest]:
    return list(
        db.session.scalars(
            db.select(JoinRequest)
            .where(JoinRequest.user_id == user.id, JoinRequest.state == RequestState.OPEN)
            .order_by(JoinRequest.created_at.desc(), JoinRequest.id.desc())
        ).unique()
    )


def my_invitations(user) -> list[Invitation]:
    """Open, unexpired invitations to the user's address (only a confirmed one)."""
    if not user.is_confirmed:
        return []
    return list(
        db.session.scalars(
            db.select(Invitation)
            .where(
                Invitation.email == normalise_email(user.email),
                Invitation.state == RequestState.OPEN,
                Invitation.created_at > utcnow_naive() - INVITATION_VALID_FOR,
            )
            .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        ).unique()
    )


def account_exists(email: str) -> bool:
    return (
        db.session.scalar(db.select(User.id).where(User.email == normalise_email(email)))
        is not None
    )


# --- Verification -----------------------------------------------------------------------------


def _in_reach(user):
    """Organisations the user reviews: administrators all, coordinators those of their regions."""
    if user.is_administrator:
        return None
    return Organisation.regions.any(Region.id.in_(user.region_ids_with("coordinator") or {0}))


def waiting_for_review(user) -> list[Organisation]:
    query = db.select(Organisation).where(Organisation.status == OrganisationStatus.REQUESTED)
    reach = _in_reach(user)
    if reach is not None:
        query = query.where(reach)
    return list(db.session.scalars(query.order_by(Organisation.created_at, Organisation.id)))


def recently_decided(user) -> list[VerificationDecision]:
    query = (
        db.select(VerificationDecision)
        .join(Organisation, Organisation.id == VerificationDecision.organisation_id)
        .where(VerificationDecision.action.in_(("verify", "decline", "suspend")))
        .options(joinedload(VerificationDecision.organisation))
    )
    reach = _in_reach(user)
    if reach is not None:
        query = query.where(reach)
    query = query.order_by(VerificationDecision.created_at.desc(), VerificationDecision.id.desc())
    return list(db.session.scalars(query.limit(RECENTLY_DECIDED)).unique())


def latest_decision(organisation: Organisation, action: str) -> VerificationDecision | None:
    return next((d for d in reversed(organisation.decisions) if d.action == action), None)
