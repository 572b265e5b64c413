"""Organisations: ask to register, edit, verify / decline / withdraw verification.

Each function checks the permission, writes and flushes; the route commits.
"""

from dataclasses import dataclass

from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import can, require
from app.extensions import db
from app.notifications import events
from app.organisations.models import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    VerificationDecision,
)
from app.regions.models import FieldOfAction, Region


@dataclass
class OrganisationDetails:
    """What the request and edit forms collect."""

    name: str
    kind: str
    description: dict
    website: str
    contact_email: str
    region_ids: list[int]
    field_ids: list[int]


def _regions(ids: list[int]) -> list[Region]:
    regions = db.session.scalars(db.select(Region).where(Region.id.in_(ids or [0]))).all()
    if not regions or len(regions) != len(set(ids)):
        raise DomainError(_("Please choose at least one region from the list."), field="regions")
    return list(regions)


def _fields(ids: list[int]) -> list[FieldOfAction]:
    if not ids:
        return []
    fields = db.session.scalars(
        db.select(FieldOfAction).where(FieldOfAction.id.in_(ids), FieldOfAction.is_active.is_(True))
    ).all()
    if len(fields) != len(set(ids)):
        raise DomainError(_("Please choose fields of action from the list."), field="fields")
    return list(fields)


def _apply(organisation: Organisation, details: OrganisationDetails) -> None:
    if details.kind not in OrganisationKind.ALL:
        raise DomainError(_("Please choose a kind from the list."), field="kind")
    organisation.name = details.name.strip()
    organisation.kind = details.kind
    organisation.description = {k: v.strip() for k, v in details.description.items() if v.strip()}
    organisation.website = details.website.strip()
    organisation.contact_email = details.contact_email.strip().lower()
    organisation.regions = _regions(details.region_ids)
    organisation.fields_of_action = _fields(details.field_ids)
    organisation.refresh_search_key()


def _record(
    organisation: Organisation, user, action: str, reason: str = ""
) -> VerificationDecision:
    decision = VerificationDecision(decided_by_id=user.id, action=action, reason=reason.strip())
    organisation.decisions.append(decision)
    return decision


def request_organisation(user, details: OrganisationDetails) -> Organisation:
    """Anyone registered asks to register an organisation and becomes its first admin."""
    require(user, "organisation.request")
    organisation = Organisation(requested_by_id=user.id, status=OrganisationStatus.REQUESTED)
    _apply(organisation, details)
    organisation.memberships.append(Membership(user=user, role=MemberRole.ADMIN))
    _record(organisation, user, "request")
    db.session.add(organisation)
    db.session.flush()
    return organisation


# Name, kind and regions are what coordinators check; once verified, only they change them.
CHECKED_DETAILS = ("name", "kind", "region_ids")


def may_change_checked_details(user, organisation: Organisation) -> bool:
    return not organisation.is_verified or can(user, "organisation.review", organisation)


def edit_organisation(user, organisation: Organisation, details: OrganisationDetails) -> None:
    require(user, "organisation.edit", organisation)
    if not may_change_checked_details(user, organisation):
        current = (organisation.name, organisation.kind, sorted(r.id for r in organisation.regions))
        wanted = (details.name.strip(), details.kind, sorted(set(details.region_ids)))
        if current != wanted:
            raise DomainError(
                _(
                    "Name, kind and regions of a verified organisation are changed by the "
                    "coordination of its regions. Please write to them."
                ),
                field="name",
            )
    _apply(organisation, details)
    db.session.flush()


def ask_again(user, organisation: Organisation) -> None:
    """After a decline, the organisation's admins correct the details and ask again."""
    require(user, "organisation.edit", organisation)
    if organisation.status != OrganisationStatus.DECLINED:
        raise DomainError(_("Only a declined request can be sent again."))
    organisation.status = OrganisationStatus.REQUESTED
    _record(organisation, user, "request")
    db.session.flush()


# decision -> (states it may come from, state it leads to)
DECISIONS = {
    "verify": (
        (OrganisationStatus.REQUESTED, OrganisationStatus.SUSPENDED),
        OrganisationStatus.VERIFIED,
    ),
    "decline": ((OrganisationStatus.REQUESTED,), OrganisationStatus.DECLINED),
    "suspend": ((OrganisationStatus.VERIFIED,), OrganisationStatus.SUSPENDED),
}


def decide(user, organisation: Organisation, action: str, reason: str, seen_status: str) -> None:
    """Verify, decline or withdraw verification; a decline or withdrawal needs a reason.

    `seen_status` is the state the reviewer saw: the update is conditional on it, so two
    coordinators deciding at once cannot both succeed.
    """
    require(user, "organisation.review", organisation)
    if action not in DECISIONS:
        raise DomainError(_("Please choose a decision from the list."), field="action")
    sources, target = DECISIONS[action]
    if seen_status not in sources:
        raise DomainError(_("This decision is not possible in the organisation's current state."))
    if action != "verify" and not reason.strip():
        raise DomainError(_("Please give the reason, so the organisation knows."), field="reason")
    changes = {"status": target}
    if action == "verify":
        changes["verified_at"] = utcnow_naive()
    updated = db.session.execute(
        db.update(Organisation)
        .where(Organisation.id == organisation.id, Organisation.status == seen_status)
        .values(**changes)
        .execution_options(synchronize_session=False)
    ).rowcount
    if updated != 1:
        raise DomainError(
            _("Someone else decided about this organisation in the meantime. Please reload."),
            status_code=409,
        )
    db.session.refresh(organisation)
    review = _record(organisation, user, action, reason)
    db.session.flush()
    events.organisation_reviewed(organisation, review, user)


# --- Speaking on behalf of an organisation --------------------------------------------------


def organisations_to_speak_for(user) -> list[Organisation]:
    """The verified organisations `user` may speak for, by name."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = [m.organisation for m in user.memberships]
    return sorted(
        (o for o in found if can(user, "organisation.speak_for", o)), key=lambda o: o.search_key
    )


def speaking_for(user, organisation_id: int | None) -> Organisation | None:
    """The organisation a new contribution speaks for (None: as oneself), checked."""
    if not organisation_id:
        return None
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not can(user, "organisation.speak_for", organisation):
        raise DomainError(
            _(
                "You can write on behalf of an organisation only as its member, and only while "
                "it is verified."
            ),
            field="speak_as",
        )
    return organisation
