"""Builders for test data: users per role, regions, fields of action."""

import itertools

from app.accounts import passwords
from app.accounts.models import Role, RoleAssignment, User
from app.core.clock import utcnow_naive
from app.extensions import db
from app.regions.models import FieldOfAction, Region, RegionKind

PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)
_hashes: dict[tuple, str] = {}


def password_hash(password: str) -> str:
    """An argon2 hash of `password` under the app's current cost settings, made once per run.

    Tests make thousands of accounts, each hash costs milliseconds, and every account with the
    same password and settings may share one (a hash names its own salt and costs, so login,
    verification and rehashing work on it exactly as on a fresh one)."""
    hasher = passwords.hasher()
    key = (password, hasher.time_cost, hasher.memory_cost, hasher.parallelism, hasher.type)
    if key not in _hashes:
        _hashes[key] = passwords.hash_password(password)
    return _hashes[key]


def make_region(slug: str | None = None, kind: str = RegionKind.MODEL_REGION, **names) -> Region:
    number = next(_sequence)
    slug = slug or f"region-{number}"
    obj = Region(
        slug=slug,
        kind=kind,
        name=names or {"de": f"Region {number}", "en": f"Region {number} (en)"},
        description={"de": f"Beschreibung {number}"},
        position=number,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def make_field_of_action(slug: str | None = None, **names) -> FieldOfAction:
    number = next(_sequence)
    obj = FieldOfAction(
        slug=slug or f"field-{number}",
        name=names or {"de": f"Handlungsfeld {number}", "en": f"Field {number}"},
        description={},
        position=number,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def make_user(
    email: str | None = None,
    display_name: str | None = None,
    password: str = PASSWORD,
    confirmed: bool = True,
    locale: str = "de",
    **fields,
) -> User:
    number = next(_sequence)
    obj = User(
        email=(email or f"person{number}@example.org").lower(),
        display_name=display_name or f"Person {number}",
        password_hash=password_hash(password),
        confirmed_at=utcnow_naive() if confirmed else None,
        locale=locale,
        **fields,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def make_user_with_role(role: str = "participant", region: Region | None = None, **fields) -> User:
    """participant | moderator | coordinator | administrator (regional roles get a region)."""
    if role == "administrator":
        return make_user(is_administrator=True, **fields)
    obj = make_user(**fields)
    if role in Role.ALL:
        db.session.add(RoleAssignment(user=obj, role=role, region=region or make_region()))
        db.session.flush()
        db.session.refresh(obj)
    return obj


def make_consultation(
    region: Region | None = None,
    state: str = "published",
    phases: dict[str, tuple[float, float]] | None = None,
    **settings,
):
    """A consultation whose phases lie relative to now, in days: {"proposals": (-5, 5)}.

    Without `phases`: information 10 to 5 days ago, proposals from 5 days ago for 5 more days.
    `settings` go to the model (title, summary, fields_of_action, moderation_mode, ...).
    """
    from datetime import timedelta

    from app.consultations.models import Consultation, ConsultationState, Phase

    number = next(_sequence)
    now = utcnow_naive()
    if phases is None:
        phases = {"information": (-10, -5), "proposals": (-5, 5)}
    settings.setdefault("title", {"de": f"Verfahren {number}", "en": f"Consultation {number}"})
    settings.setdefault("summary", {"de": f"Kurzbeschreibung {number}"})
    settings.setdefault("description", {"de": f"Beschreibung {number}"})
    obj = Consultation(region=region or make_region(), state=state, **settings)
    if state in (ConsultationState.PUBLISHED, ConsultationState.ARCHIVED):
        obj.published_at = now
    if state == ConsultationState.ARCHIVED:
        obj.archived_at = now
    obj.phases = [
        Phase(kind=kind, starts_at=now + timedelta(days=start), ends_at=now + timedelta(days=end))
        for kind, (start, end) in phases.items()
    ]
    db.session.add(obj)
    db.session.flush()
    return obj


def enrol_second_factor(user: User, secret: str | None = None) -> str:
    """Give `user` an active second factor (as if set up and confirmed); returns the secret."""
    from app.accounts import mfa

    user.totp_secret = secret or mfa.new_secret()
    user.mfa_enabled_at = utcnow_naive()
    user.totp_last_step = None
    db.session.flush()
    return user.totp_secret
