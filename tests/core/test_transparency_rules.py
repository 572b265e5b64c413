"""Who may maintain funding programmes, project approaches and action concepts, see the
coordination view, and comment on a draft concept: the role tables of the permissions registry,
and for concept comments per phase."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app.concepts.models import ConceptVersion, VersionState
from app.consultations.models import ConsultationState, Eligibility
from app.core.clock import utcnow_naive
from app.core.permissions import RULES, can
from app.extensions import db
from app.projects.models import ProjectApproach
from tests import participation_builders as build
from tests.factories import make_region, make_user, make_user_with_role

# Every action whose expectations live in this module (tests/core/test_permissions.py imports it).
ACTIONS = (
    "programme.manage",
    "project.manage",
    "coordination.view",
    "concept.edit",
    "concept.comment",
)
ROLES = (
    "anonymous",
    "participant",
    "moderator_a",
    "coordinator_a",
    "coordinator_b",
    "administrator",
)
PHASES = ("information", "proposals", "discussion", "voting", "results", "none")

NOBODY: frozenset[str] = frozenset()
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
COORDINATION_A = frozenset({"coordinator_a", "administrator"})
COORDINATION_B = frozenset({"coordinator_b", "administrator"})
ANY_COORDINATION = frozenset({"coordinator_a", "coordinator_b", "administrator"})


def test_this_module_covers_every_new_rule():
    new = {
        name
        for name in RULES
        if name.split(".")[0] in ("programme", "project", "coordination", "concept")
    }
    assert new == set(ACTIONS)


def build_world(phase: str = "discussion", **settings) -> SimpleNamespace:
    """Regions A and B, each with a project and a concept draft; a consultation of region A in
    `phase` that puts A's draft up for comment."""
    region_a, region_b = make_region(), make_region()
    users = {
        "anonymous": AnonymousUserMixin(),
        "participant": make_user_with_role("participant"),
        "moderator_a": make_user_with_role("moderator", region=region_a),
        "coordinator_a": make_user_with_role("coordinator", region=region_a),
        "coordinator_b": make_user_with_role("coordinator", region=region_b),
        "administrator": make_user_with_role("administrator"),
    }
    drafts, projects = {}, {}
    for key, region in (("a", region_a), ("b", region_b)):
        drafts[key] = ConceptVersion(region=region, number=1, state=VersionState.DRAFT)
        projects[key] = ProjectApproach(region=region, title=f"Projekt {key}", lead_name="Kreis")
        db.session.add_all([drafts[key], projects[key]])
    db.session.flush()
    consultation = build.consultation(
        region_a, phase=phase, concept_version_id=drafts["a"].id, **settings
    )
    db.session.commit()
    return SimpleNamespace(
        a=region_a,
        b=region_b,
        users=users,
        drafts=drafts,
        projects=projects,
        consultation=consultation,
    )


def who_may(world, action: str, obj=None) -> frozenset[str]:
    return frozenset(role for role, user in world.users.items() if can(user, action, obj))


# --- maintaining and viewing ------------------------------------------------------------------


def test_programmes_are_one_catalogue_for_every_regions_coordination():
    world = build_world()
    assert who_may(world, "programme.manage") == ANY_COORDINATION
    # The catalogue is shared: asking about a region changes nothing.
    assert who_may(world, "programme.manage", world.b) == ANY_COORDINATION


def test_the_coordination_view_is_for_coordinators_and_the_ministry():
    world = build_world()
    assert who_may(world, "coordination.view") == ANY_COORDINATION


def test_projects_are_managed_by_their_regions_coordination():
    world = build_world()
    assert who_may(world, "project.manage", world.a) == COORDINATION_A
    assert who_may(world, "project.manage", world.projects["a"]) == COORDINATION_A
    assert who_may(world, "project.manage", world.b) == COORDINATION_B
    assert who_may(world, "project.manage", world.projects["b"]) == COORDINATION_B
    # Without a region, only administrators.
    assert who_may(world, "project.manage") == {"administrator"}


def test_a_concept_is_edited_by_its_regions_coordination():
    world = build_world()
    assert who_may(world, "concept.edit", world.a) == COORDINATION_A
    assert who_may(world, "concept.edit", world.drafts["a"]) == COORDINATION_A
    assert who_may(world, "concept.edit", world.b) == COORDINATION_B
    assert who_may(world, "concept.edit", world.drafts["b"]) == COORDINATION_B


def test_moderating_a_region_gives_no_right_to_its_register_or_concept():
    world = build_world()
    moderator = world.users["moderator_a"]
    for action, obj in (
        ("programme.manage", None),
        ("project.manage", world.a),
        ("coordination.view", None),
        ("concept.edit", world.a),
    ):
        assert not can(moderator, action, obj), action


# --- comments on a draft, per phase -----------------------------------------------------------

# Everyone signed in takes part like anyone else (staff included), in the phases that allow
# comments; nobody in the others.
COMMENTERS = {
    "information": NOBODY,
    "proposals": SIGNED_IN,
    "discussion": SIGNED_IN,
    "voting": NOBODY,
    "results": NOBODY,
    "none": NOBODY,
}


def test_the_phase_table_covers_every_phase():
    assert set(COMMENTERS) == set(PHASES)


@pytest.mark.parametrize("phase", PHASES)
def test_concept_comments_per_phase(phase):
    world = build_world(phase)
    assert who_may(world, "concept.comment", world.consultation) == COMMENTERS[phase]


def test_no_concept_comments_without_an_offered_draft():
    world = build_world()
    world.consultation.concept_version_id = None
    db.session.commit()
    assert who_may(world, "concept.comment", world.consultation) == NOBODY


def test_no_concept_comments_once_the_offered_draft_is_published():
    world = build_world()
    world.drafts["a"].state = VersionState.PUBLISHED
    db.session.commit()
    assert who_may(world, "concept.comment", world.consultation) == NOBODY


def test_no_concept_comments_on_another_regions_draft():
    world = build_world()
    world.consultation.concept_version_id = world.drafts["b"].id
    db.session.commit()
    db.session.expire_all()
    assert who_may(world, "concept.comment", world.consultation) == NOBODY


@pytest.mark.parametrize("state", [ConsultationState.DRAFT, ConsultationState.ARCHIVED])
def test_no_concept_comments_in_draft_or_archived_consultations(state):
    world = build_world(state=state)
    assert who_may(world, "concept.comment", world.consultation) == NOBODY


def test_blocked_and_unconfirmed_accounts_do_not_comment():
    world = build_world()
    blocked = make_user(blocked_until=utcnow_naive() + timedelta(days=3))
    unconfirmed = make_user(confirmed=False)
    db.session.commit()
    assert not can(blocked, "concept.comment", world.consultation)
    assert not can(unconfirmed, "concept.comment", world.consultation)


def test_a_consultation_for_residents_takes_comments_from_residents_only():
    world = build_world(eligibility=Eligibility.RESIDENTS)
    resident = make_user(home_region_id=world.a.id)
    db.session.commit()
    assert can(resident, "concept.comment", world.consultation)
    assert who_may(world, "concept.comment", world.consultation) == NOBODY
