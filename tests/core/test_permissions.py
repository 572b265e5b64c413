"""The permission registry: each predicate on its own, every rule per role, and the combinators."""

from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app.core import permissions
from app.core.errors import PermissionDenied
from app.core.permissions import RULES, Predicate, can, predicate, region_of, require
from app.extensions import db
from tests.core.test_participation_rules import ACTIONS as PARTICIPATION_ACTIONS
from tests.core.test_transparency_rules import ACTIONS as TRANSPARENCY_ACTIONS
from tests.factories import make_region, make_user, make_user_with_role
from tests.monitoring.test_rules import ACTIONS as MONITORING_ACTIONS
from tests.notifications.test_rules import ACTIONS as NOTIFICATION_ACTIONS
from tests.organisations.test_rules import ACTIONS as ORGANISATION_ACTIONS

ROLES = (
    "anonymous",
    "participant",
    "moderator_a",
    "moderator_b",
    "coordinator_a",
    "coordinator_b",
    "administrator",
)
REGIONAL = {"moderator_a", "moderator_b", "coordinator_a", "coordinator_b"}
SIGNED_IN = set(ROLES) - {"anonymous"}
ADMIN_ONLY = {"administrator"}


@pytest.fixture
def world():
    """Region A and B, one user per role, and a bystander to act upon."""
    region_a = make_region("region-a")
    region_b = make_region("region-b")
    users = {
        "anonymous": AnonymousUserMixin(),
        "participant": make_user_with_role("participant"),
        "moderator_a": make_user_with_role("moderator", region=region_a),
        "moderator_b": make_user_with_role("moderator", region=region_b),
        "coordinator_a": make_user_with_role("coordinator", region=region_a),
        "coordinator_b": make_user_with_role("coordinator", region=region_b),
        "administrator": make_user_with_role("administrator"),
    }
    bystander = make_user()
    db.session.commit()
    return SimpleNamespace(a=region_a, b=region_b, users=users, bystander=bystander)


def who(world, test, obj=None) -> set[str]:
    """The roles for which `test(user, obj)` says yes."""
    return {role for role, user in world.users.items() if test(user, obj)}


# --- predicates, one by one -------------------------------------------------------------------


def test_is_authenticated(world):
    assert who(world, permissions.is_authenticated) == SIGNED_IN


def test_is_authenticated_says_no_to_none(world):
    assert permissions.is_authenticated(None) is False


def test_is_confirmed(world):
    unconfirmed = make_user(confirmed=False)
    db.session.commit()
    assert who(world, permissions.is_confirmed) == SIGNED_IN
    assert permissions.is_confirmed(unconfirmed) is False


def test_is_administrator(world):
    assert who(world, permissions.is_administrator) == ADMIN_ONLY


@pytest.mark.parametrize(
    ("region", "expected"), [("a", {"coordinator_a"}), ("b", {"coordinator_b"}), (None, set())]
)
def test_is_coordinator_of_region(world, region, expected):
    obj = getattr(world, region) if region else None
    assert who(world, permissions.is_coordinator_of_region, obj) == expected


def test_is_coordinator_of_region_uses_the_region_of_an_object(world):
    proposal = SimpleNamespace(region=world.a)
    assert who(world, permissions.is_coordinator_of_region, proposal) == {"coordinator_a"}


@pytest.mark.parametrize(
    ("region", "expected"), [("a", {"moderator_a"}), ("b", {"moderator_b"}), (None, set())]
)
def test_is_moderator_of_region(world, region, expected):
    obj = getattr(world, region) if region else None
    assert who(world, permissions.is_moderator_of_region, obj) == expected


def test_is_moderator_of_region_uses_the_region_of_an_object(world):
    comment = SimpleNamespace(region=world.b)
    assert who(world, permissions.is_moderator_of_region, comment) == {"moderator_b"}


def test_has_any_region_role(world):
    assert who(world, permissions.has_any_region_role) == REGIONAL


def test_is_coordinator_anywhere(world):
    assert who(world, permissions.is_coordinator_anywhere) == {"coordinator_a", "coordinator_b"}


def test_is_other_user(world):
    assert who(world, permissions.is_other_user, world.bystander) == SIGNED_IN
    assert who(world, permissions.is_other_user, None) == set()


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_is_other_user_says_no_about_oneself(world, role):
    user = world.users[role]
    assert permissions.is_other_user(user, user) is False


def test_region_of(world):
    assert region_of(world.a) is world.a
    assert region_of(SimpleNamespace(region=world.b)) is world.b
    assert region_of(SimpleNamespace()) is None
    assert region_of(None) is None


# --- every rule, for every role ---------------------------------------------------------------

# Who may, per action. Region-scoped actions are asked about region A; user actions about a
# bystander account.
EXPECTED = {
    "account.manage": SIGNED_IN,
    "privacy.export": SIGNED_IN,
    "privacy.delete": SIGNED_IN,
    "region.create": ADMIN_ONLY,
    "region.edit": {"administrator", "coordinator_a"},
    "region.choose_fields": {"administrator", "coordinator_a"},
    "field_of_action.manage": ADMIN_ONLY,
    "admin.access": ADMIN_ONLY,
    "user.assign_roles": ADMIN_ONLY,
    "user.set_administrator": ADMIN_ONLY,
    "page.edit": ADMIN_ONLY,
    "video.manage": ADMIN_ONLY,
    "feedback.read": ADMIN_ONLY,
    "staff.access": REGIONAL | ADMIN_ONLY,
    # Managing consultations and answering proposals follow the region (here region A).
    "consultation.create": {"administrator", "coordinator_a"},
    "consultation.manage": {"administrator", "coordinator_a"},
    "proposal.answer": {"administrator", "coordinator_a"},
    # Moderating follows the region (here region A); the queue is open to every regional role.
    "contribution.moderate": {"administrator", "coordinator_a", "moderator_a"},
    "moderation.queue": REGIONAL | ADMIN_ONLY,
    "appeal.resolve": {"administrator", "coordinator_a"},
    "appeal.list": {"administrator", "coordinator_a", "coordinator_b"},
    "moderation.audit": {"administrator", "coordinator_a", "coordinator_b"},
    # Staff must use a second factor; only administrators reset someone's.
    "mfa.required": REGIONAL | ADMIN_ONLY,
    "mfa.reset": ADMIN_ONLY,
}
USER_ACTIONS = {"user.assign_roles", "user.set_administrator"}
# Rules that depend on a consultation's state and phase: test_participation_rules.py has their
# phase x action x role table.
COVERED_BY_PARTICIPATION_TABLE = {
    *PARTICIPATION_ACTIONS,
    *ORGANISATION_ACTIONS,  # tests/organisations/test_rules.py: per status, phase and role
    *TRANSPARENCY_ACTIONS,  # tests/core/test_transparency_rules.py: per role, comments per phase
    *MONITORING_ACTIONS,  # tests/monitoring/test_rules.py: per role, context per region
    *NOTIFICATION_ACTIONS,  # tests/notifications/test_rules.py: per role and target state
    "consultation.view",
    "contribution.report",  # about a contribution: tests/moderation
    "user.block",  # about a contribution and its author: tests/moderation/test_blocks.py
    "decision.appeal",  # about a decision: tests/moderation/test_appeals_and_log.py
    "mfa.manage",  # about one's own account: tests/accounts/test_mfa.py
    "mfa.disable",
}


def test_every_rule_has_expectations():
    assert set(EXPECTED) == set(RULES) - COVERED_BY_PARTICIPATION_TABLE


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_rule(world, action, role):
    obj = world.bystander if action in USER_ACTIONS else world.a
    assert can(world.users[role], action, obj) is (role in EXPECTED[action])


def test_administrator_may_not_change_their_own_administrator_role(world):
    admin = world.users["administrator"]
    assert can(admin, "user.set_administrator", admin) is False


def test_coordinator_of_a_may_not_edit_region_b(world):
    coordinator = world.users["coordinator_a"]
    assert can(coordinator, "region.edit", world.b) is False
    assert can(world.users["coordinator_b"], "region.edit", world.b) is True


def test_can_with_an_unknown_action_raises_key_error(world):
    with pytest.raises(KeyError, match=r"region\.delete_everything"):
        can(world.users["administrator"], "region.delete_everything")


def test_require_raises_permission_denied(world):
    with pytest.raises(PermissionDenied) as raised:
        require(world.users["participant"], "admin.access")
    assert raised.value.action == "admin.access"
    assert raised.value.status_code == 403


def test_require_lets_an_allowed_user_pass(world):
    assert require(world.users["coordinator_a"], "region.edit", world.a) is None


def test_require_with_an_unknown_action_raises_key_error(world):
    with pytest.raises(KeyError):
        require(world.users["administrator"], "no.such.action")


# --- combinators ------------------------------------------------------------------------------

YES = Predicate(lambda user, obj: True, "yes")
NO = Predicate(lambda user, obj: False, "no")


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [(YES, YES, True), (YES, NO, True), (NO, YES, True), (NO, NO, False)],
)
def test_or(left, right, expected):
    assert (left | right)(None) is expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [(YES, YES, True), (YES, NO, False), (NO, YES, False), (NO, NO, False)],
)
def test_and(left, right, expected):
    assert (left & right)(None) is expected


@pytest.mark.parametrize(("inner", "expected"), [(YES, False), (NO, True)])
def test_not(inner, expected):
    assert (~inner)(None) is expected


def test_combined_predicates_are_named_like_their_sentence():
    assert (YES | NO).name == "(yes | no)"
    assert (YES & NO).name == "(yes & no)"
    assert (~YES).name == "~yes"
    assert repr(YES | ~NO) == "<Predicate (yes | ~no)>"


def test_or_and_and_short_circuit():
    calls = []

    def explode(user, obj):
        calls.append(user)
        return True

    spy = Predicate(explode, "spy")
    assert (YES | spy)(None) is True
    assert (NO & spy)(None) is False
    assert calls == []


def test_combinators_pass_user_and_object_through(world):
    rule = permissions.is_administrator | permissions.is_coordinator_of_region
    assert rule(world.users["coordinator_a"], world.a) is True
    assert rule(world.users["coordinator_a"], world.b) is False
    assert (~permissions.is_authenticated)(world.users["anonymous"]) is True


def test_predicate_decorator_names_after_the_function_and_returns_bool():
    @predicate
    def says_something(user, obj):
        return "truthy"

    assert says_something.name == "says_something"
    assert says_something(None) is True
