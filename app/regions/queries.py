"""Read-side queries for regions and fields of action (no writes here)."""

from flask import abort
from sqlalchemy.orm import selectinload

from app.accounts.models import Role, RoleAssignment, User
from app.extensions import db
from app.regions.models import FieldOfAction, Region, RegionKind


def regions_in_order(kind: str | None = None) -> list[Region]:
    query = db.select(Region).order_by(Region.kind != RegionKind.MODEL_REGION, Region.position)
    if kind:
        query = query.where(Region.kind == kind)
    return list(db.session.scalars(query.options(selectinload(Region.fields_of_action))))


def region_by_slug_or_404(slug: str) -> Region:
    if "\x00" in slug:
        abort(404)  # no slug holds one, and PostgreSQL refuses it in a query
    return db.first_or_404(db.select(Region).where(Region.slug == slug))


def fields_of_action(include_inactive: bool = False) -> list[FieldOfAction]:
    query = db.select(FieldOfAction).order_by(FieldOfAction.position, FieldOfAction.slug)
    if not include_inactive:
        query = query.where(FieldOfAction.is_active.is_(True))
    return list(db.session.scalars(query))


def field_of_action_by_slug_or_404(slug: str) -> FieldOfAction:
    return db.first_or_404(db.select(FieldOfAction).where(FieldOfAction.slug == slug))


def people_with_role(region: Region, role: str) -> list[User]:
    query = (
        db.select(User)
        .join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.region_id == region.id, RoleAssignment.role == role)
        .order_by(User.display_name)
    )
    return list(db.session.scalars(query))


def coordinators(region: Region) -> list[User]:
    return people_with_role(region, Role.COORDINATOR)
