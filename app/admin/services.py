"""Role administration: who coordinates and moderates which region, who administers."""

from app.accounts.models import Role, RoleAssignment, User
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import require
from app.extensions import db
from app.regions.models import Region

PAGE_SIZE = 50


def search_users(query: str, page: int):
    """Users whose name or address contains `query`, newest first, paginated."""
    select = db.select(User).order_by(User.created_at.desc(), User.id.desc())
    # Control characters (NUL, which PostgreSQL refuses) count as spaces.
    query = " ".join("".join(ch if ch.isprintable() else " " for ch in query or "").split())
    query = query.casefold()
    if query:
        # autoescape: a typed % or _ is a character, not a wildcard.
        select = select.where(User.search_key.contains(query, autoescape=True))
    return db.paginate(select, page=page, per_page=PAGE_SIZE, error_out=False)


def assign_role(actor, user: User, role: str, region: Region) -> RoleAssignment:
    require(actor, "user.assign_roles", user)
    if role not in Role.ALL:
        raise DomainError(_("Please choose a role from the list."), field="role")
    if user.has_role_in(role, region.id):
        raise DomainError(_("This person already has this role in this region."), field="region")
    assignment = RoleAssignment(user=user, region=region, role=role, assigned_by_id=actor.id)
    db.session.add(assignment)
    db.session.flush()
    return assignment


def remove_role(actor, assignment: RoleAssignment) -> None:
    require(actor, "user.assign_roles", assignment.user)
    db.session.delete(assignment)
    db.session.flush()


def set_administrator(actor, user: User, value: bool) -> None:
    """Grant or withdraw the administrator role; nobody changes their own (no lock-out)."""
    require(actor, "user.set_administrator", user)
    user.is_administrator = value
    if not value:
        user.rotate_session_token()  # an open admin session must not outlive the role
    db.session.flush()
