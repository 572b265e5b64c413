"""Who may follow what, read which notification and keep mail settings: the role tables of the
permissions registry for following and notifications."""

from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.core.permissions import RULES, can
from app.extensions import db
from app.notifications import kinds
from app.notifications.models import Notification
from app.organisations.models import OrganisationStatus
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.factories import make_region, make_user, make_user_with_role

# Every action whose expectations live in this module (tests/core/test_permissions.py imports it).
ACTIONS = ("follow.create", "notification.read", "notification.settings")
ROLES = (
    "anonymous",
    "unconfirmed",
    "participant",
    "moderator_a",
    "moderator_b",
    "coordinator_a",
    "coordinator_b",
    "administrator",
)
NOBODY: frozenset[str] = frozenset()
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
CONFIRMED = SIGNED_IN - {"unconfirmed"}


def test_this_module_covers_every_new_rule():
    new = {name for name in RULES if name.split(".")[0] in ("follow", "notification")}
    assert new == set(ACTIONS)


@pytest.fixture
def world() -> SimpleNamespace:
    """Region A with what can and cannot be followed, and one user per role."""
    region_a, region_b = make_region(), make_region()
    users = {
        "anonymous": AnonymousUserMixin(),
        "unconfirmed": make_user(confirmed=False),
        "participant": make_user_with_role("participant"),
        "moderator_a": make_user_with_role("moderator", region=region_a),
        "moderator_b": make_user_with_role("moderator", region=region_b),
        "coordinator_a": make_user_with_role("coordinator", region=region_a),
        "coordinator_b": make_user_with_role("coordinator", region=region_b),
        "administrator": make_user_with_role("administrator"),
    }
    author = make_user()
    public = build.consultation(region_a)
    draft = build.consultation(region_a, state=ConsultationState.DRAFT)
    archived = build.consultation(region_a, state=ConsultationState.ARCHIVED)
    targets = {
        "public consultation": public,
        "archived consultation": archived,
        "draft consultation": draft,
        "published proposal": build.proposal(public, author),
        "hidden proposal": build.proposal(public, author, moderation_state=ModerationState.HIDDEN),
        "pending proposal": build.proposal(
            public, author, moderation_state=ModerationState.PENDING
        ),
        "proposal in a draft": build.proposal(draft, author),
        "verified organisation": orgs.organisation(region_a, admins=[author]),
        "requested organisation": orgs.organisation(
            region_a, name="Neu e. V.", status=OrganisationStatus.REQUESTED, admins=[author]
        ),
        "suspended organisation": orgs.organisation(
            region_a, name="Entzogen e. V.", status=OrganisationStatus.SUSPENDED, admins=[author]
        ),
        "region": region_a,
    }
    db.session.commit()
    return SimpleNamespace(a=region_a, b=region_b, users=users, author=author, targets=targets)


def who_may(world, action: str, obj=None) -> frozenset[str]:
    return frozenset(role for role, user in world.users.items() if can(user, action, obj))


def test_the_role_table_covers_every_role(world):
    assert set(world.users) == set(ROLES)


# --- following ---------------------------------------------------------------------------------

FOLLOWABLE = {
    "public consultation": CONFIRMED,
    "archived consultation": CONFIRMED,
    "draft consultation": NOBODY,  # not even its coordination: nothing to be told yet
    "published proposal": CONFIRMED,
    "hidden proposal": NOBODY,
    "pending proposal": NOBODY,
    "proposal in a draft": NOBODY,
    "verified organisation": CONFIRMED,
    "requested organisation": NOBODY,
    "suspended organisation": NOBODY,
    "region": NOBODY,  # not a target
}


@pytest.mark.parametrize("target", sorted(FOLLOWABLE))
def test_who_may_follow(world, target):
    assert who_may(world, "follow.create", world.targets[target]) == FOLLOWABLE[target]


def test_following_without_a_target_is_refused(world):
    assert who_may(world, "follow.create") == NOBODY


def test_the_author_of_a_pending_proposal_cannot_follow_it_by_hand(world):
    # Authors follow their own proposals automatically (without this rule).
    assert can(world.author, "follow.create", world.targets["pending proposal"]) is False


# --- notifications -----------------------------------------------------------------------------


def notification_for(user) -> Notification:
    row = Notification(user_id=user.id, kind=kinds.PHASE_STARTED, params={"phase": "voting"})
    db.session.add(row)
    db.session.flush()
    return row


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_only_the_recipient_reads_a_notification(world, role):
    own = notification_for(world.users[role])
    assert who_may(world, "notification.read", own) == {role}


def test_a_bystanders_notification_is_read_by_nobody_else(world):
    theirs = notification_for(world.author)
    assert who_may(world, "notification.read", theirs) == NOBODY


def test_reading_needs_a_notification(world):
    assert who_may(world, "notification.read") == NOBODY


def test_everyone_signed_in_keeps_their_own_settings(world):
    assert who_may(world, "notification.settings") == SIGNED_IN
