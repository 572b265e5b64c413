"""Who may see the ministry view of the monitoring, keep a region's context indicators and
answer the participation profile: the role tables of the permissions registry."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app.core.clock import utcnow_naive
from app.core.permissions import RULES, can
from app.extensions import db
from app.monitoring.models import ContextIndicator
from tests.factories import make_region, make_user, make_user_with_role

# Every action whose expectations live in this module (tests/core/test_permissions.py imports it).
ACTIONS = ("monitoring.internal", "context.manage", "profile.answer")
ROLES = (
    "anonymous",
    "unconfirmed",
    "participant",
    "moderator_a",
    "coordinator_a",
    "coordinator_b",
    "administrator",
)

NOBODY: frozenset[str] = frozenset()
CONFIRMED = frozenset(ROLES) - {"anonymous", "unconfirmed"}
ANY_COORDINATION = frozenset({"coordinator_a", "coordinator_b", "administrator"})
COORDINATION_A = frozenset({"coordinator_a", "administrator"})
COORDINATION_B = frozenset({"coordinator_b", "administrator"})


def test_this_module_covers_every_new_rule():
    new = {name for name in RULES if name.split(".")[0] in ("monitoring", "context", "profile")}
    assert new == set(ACTIONS)


@pytest.fixture
def world() -> SimpleNamespace:
    """Regions A and B with a context indicator each, and one user per role."""
    region_a, region_b = make_region(), make_region()
    users = {
        "anonymous": AnonymousUserMixin(),
        "unconfirmed": make_user(confirmed=False),
        "participant": make_user_with_role("participant"),
        "moderator_a": make_user_with_role("moderator", region=region_a),
        "coordinator_a": make_user_with_role("coordinator", region=region_a),
        "coordinator_b": make_user_with_role("coordinator", region=region_b),
        "administrator": make_user_with_role("administrator"),
    }
    indicators = {}
    for key, region in (("a", region_a), ("b", region_b)):
        indicators[key] = ContextIndicator(
            region=region, key="population", year=2024, value=120000, source="Statistik"
        )
        db.session.add(indicators[key])
    db.session.commit()
    return SimpleNamespace(a=region_a, b=region_b, users=users, indicators=indicators)


def who_may(world, action: str, obj=None) -> frozenset[str]:
    return frozenset(role for role, user in world.users.items() if can(user, action, obj))


def test_the_role_table_covers_every_role(world):
    assert set(world.users) == set(ROLES)


# --- the ministry view ---------------------------------------------------------------------------


def test_the_internal_figures_are_for_the_ministry_and_every_regions_coordination(world):
    assert who_may(world, "monitoring.internal") == ANY_COORDINATION


def test_asking_about_a_region_does_not_narrow_the_internal_view(world):
    # The ministry view compares the regions: a coordinator of A sees it for B too.
    assert who_may(world, "monitoring.internal", world.b) == ANY_COORDINATION


def test_moderating_a_region_does_not_open_the_internal_figures(world):
    assert not can(world.users["moderator_a"], "monitoring.internal")
    assert not can(world.users["moderator_a"], "monitoring.internal", world.a)


# --- context indicators --------------------------------------------------------------------------


def test_context_indicators_are_kept_by_their_regions_coordination(world):
    assert who_may(world, "context.manage", world.a) == COORDINATION_A
    assert who_may(world, "context.manage", world.b) == COORDINATION_B


def test_an_indicator_belongs_to_the_coordination_of_its_region(world):
    assert who_may(world, "context.manage", world.indicators["a"]) == COORDINATION_A
    assert who_may(world, "context.manage", world.indicators["b"]) == COORDINATION_B


def test_without_a_region_only_administrators_manage_context(world):
    assert who_may(world, "context.manage") == {"administrator"}


def test_a_coordinator_who_loses_the_role_loses_the_context_of_the_region(world):
    coordinator = world.users["coordinator_a"]
    (assignment,) = coordinator.roles
    db.session.delete(assignment)
    db.session.commit()
    db.session.refresh(coordinator)
    assert not can(coordinator, "context.manage", world.a)
    assert not can(coordinator, "monitoring.internal")


# --- the participation profile -------------------------------------------------------------------


def test_every_confirmed_account_may_answer_its_profile(world):
    assert who_may(world, "profile.answer") == CONFIRMED


def test_a_blocked_account_may_still_answer_or_withdraw_its_profile(world):
    # The profile is the person's own data, not a contribution: a block stops posting, never
    # the withdrawal of consent.
    blocked = make_user(blocked_until=utcnow_naive() + timedelta(days=7))
    db.session.commit()
    assert can(blocked, "profile.answer")
