"""Who may do what with organisations, statements, on-site contributions and translations: the
role tables of the permissions registry, per organisation status, phase and state."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app.consultations.models import ConsultationState, ModerationMode
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.core.permissions import RULES, can
from app.extensions import db
from app.organisations.models import Membership, OrganisationStatus
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.factories import make_region, make_user, make_user_with_role

ORGANISATION_RULES = (
    "organisation.request",
    "organisation.view",
    "organisation.review",
    "organisation.review_queue",
    "organisation.edit",
    "organisation.manage_members",
    "organisation.join",
    "organisation.leave",
    "organisation.speak_for",
)
STATEMENT_RULES = ("statement.publish", "statement.publish_for", "statement.edit")
TRANSLATION_RULES = ("contribution.translate", "translation.edit")
# Every action whose expectations live in this module (tests/core/test_permissions.py imports it).
ACTIONS = (*ORGANISATION_RULES, *STATEMENT_RULES, "onsite.record", *TRANSLATION_RULES)

ROLES = (
    "anonymous",
    "unconfirmed",
    "participant",
    "blocked",  # a participant blocked by moderation
    "member",
    "admin",  # of the organisation
    "blocked_admin",  # also its admin, but blocked
    "admin_elsewhere",  # admin of another, verified organisation in region B
    "coordinator_a",  # of the organisation's (and the consultation's) region
    "coordinator_b",
    "moderator_a",
    "administrator",
)
STATUSES = OrganisationStatus.ALL
PHASES = ("information", "proposals", "discussion", "voting", "results", "none")

EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
# Confirmed accounts that are not blocked.
ACTIVE = EVERYONE - {"anonymous", "unconfirmed", "blocked", "blocked_admin"}
MEMBERS = frozenset({"member", "admin", "blocked_admin"})
REVIEWERS = frozenset({"coordinator_a", "administrator"})


def test_this_module_covers_every_new_rule():
    new = {name for name in RULES if name.split(".")[0] in ("organisation", "statement", "onsite")}
    assert new | set(TRANSLATION_RULES) == set(ACTIONS)
    assert all(action in RULES for action in ACTIONS)


def build_world(
    status: str = OrganisationStatus.VERIFIED,
    phase: str = "discussion",
    state: str = ConsultationState.PUBLISHED,
) -> SimpleNamespace:
    """Region A with the organisation and a consultation; region B with another organisation."""
    region_a, region_b = make_region(), make_region()
    blocked_until = utcnow_naive() + timedelta(days=7)
    users = {
        "anonymous": AnonymousUserMixin(),
        "unconfirmed": make_user(confirmed=False),
        "participant": make_user(),
        "blocked": make_user(blocked_until=blocked_until),
        "member": make_user(),
        "admin": make_user(),
        "blocked_admin": make_user(blocked_until=blocked_until),
        "admin_elsewhere": make_user(),
        "coordinator_a": make_user_with_role("coordinator", region=region_a),
        "coordinator_b": make_user_with_role("coordinator", region=region_b),
        "moderator_a": make_user_with_role("moderator", region=region_a),
        "administrator": make_user_with_role("administrator"),
    }
    org = org_build.organisation(
        region_a,
        status=status,
        admins=[users["admin"], users["blocked_admin"]],
        members=[users["member"]],
    )
    org_build.organisation(region_b, name="Nachbarschaftshilfe", admins=[users["admin_elsewhere"]])
    consultation = build.consultation(region_a, phase=phase, state=state)
    statement = org_build.statement(consultation, org, users["admin"])
    db.session.commit()
    return SimpleNamespace(
        region=region_a, users=users, org=org, consultation=consultation, statement=statement
    )


def who_may(world, action: str, obj) -> frozenset[str]:
    return frozenset(role for role, user in world.users.items() if can(user, action, obj))


# --- organisations ------------------------------------------------------------------------------

# Who may, per action and organisation status (requested, verified, declined, suspended).
ORGANISATION_EXPECTED = {
    "organisation.request": dict.fromkeys(STATUSES, ACTIVE),
    # Unverified organisations are seen only by their members and those who review them.
    "organisation.view": {
        **dict.fromkeys(STATUSES, MEMBERS | REVIEWERS),
        OrganisationStatus.VERIFIED: EVERYONE,
    },
    "organisation.review": dict.fromkeys(STATUSES, REVIEWERS),
    "organisation.review_queue": dict.fromkeys(STATUSES, REVIEWERS | {"coordinator_b"}),
    "organisation.edit": dict.fromkeys(STATUSES, REVIEWERS | {"admin"}),
    "organisation.manage_members": dict.fromkeys(STATUSES, frozenset({"admin"})),
    "organisation.join": {
        **dict.fromkeys(STATUSES, NOBODY),
        OrganisationStatus.VERIFIED: ACTIVE - MEMBERS,
    },
    # Leaving is one's own business, blocked or not.
    "organisation.leave": dict.fromkeys(STATUSES, MEMBERS),
    "organisation.speak_for": {
        **dict.fromkeys(STATUSES, NOBODY),
        OrganisationStatus.VERIFIED: frozenset({"member", "admin"}),
    },
}


def test_the_organisation_table_covers_every_organisation_rule():
    assert set(ORGANISATION_EXPECTED) == set(ORGANISATION_RULES)
    assert all(set(row) == set(STATUSES) for row in ORGANISATION_EXPECTED.values())


@pytest.mark.parametrize("status", STATUSES)
def test_organisation_rules_per_role_and_status(status):
    world = build_world(status)
    for action in ORGANISATION_RULES:
        assert who_may(world, action, world.org) == ORGANISATION_EXPECTED[action][status], action


def test_a_coordinator_reviews_an_organisation_active_in_several_regions():
    world = build_world(OrganisationStatus.REQUESTED)
    coordinator_b = world.users["coordinator_b"]
    assert not can(coordinator_b, "organisation.review", world.org)
    world.org.regions.append(coordinator_b.roles[0].region)
    db.session.commit()
    assert can(coordinator_b, "organisation.review", world.org)
    assert can(coordinator_b, "organisation.view", world.org)
    assert can(coordinator_b, "organisation.edit", world.org)


def test_a_membership_ends_the_right_to_join_and_gives_the_right_to_leave():
    world = build_world()
    participant = world.users["participant"]
    assert can(participant, "organisation.join", world.org)
    assert not can(participant, "organisation.leave", world.org)
    world.org.memberships.append(Membership(user=participant, role="member"))
    db.session.commit()
    assert not can(participant, "organisation.join", world.org)
    assert can(participant, "organisation.leave", world.org)


# --- statements -----------------------------------------------------------------------------------


def statement_expectation(action: str, phase: str, status: str) -> frozenset[str]:
    """The spec: statements belong to the discussion phase and to verified organisations."""
    verified = status == OrganisationStatus.VERIFIED
    if action == "statement.publish_for":  # a question about the organisation alone
        return frozenset({"admin"}) if verified else NOBODY
    if phase != "discussion":
        return NOBODY
    if action == "statement.publish":  # asked about the consultation: any verified organisation
        return frozenset({"admin", "admin_elsewhere"}) if verified else {"admin_elsewhere"}
    return frozenset({"admin"}) if verified else NOBODY  # statement.edit


def statement_target(world, action: str):
    return {
        "statement.publish": world.consultation,
        "statement.publish_for": world.org,
        "statement.edit": world.statement,
    }[action]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("phase", PHASES)
def test_statement_rules_per_phase_status_and_role(phase, status):
    world = build_world(status, phase=phase)
    for action in STATEMENT_RULES:
        obj = statement_target(world, action)
        assert who_may(world, action, obj) == statement_expectation(action, phase, status), action


@pytest.mark.parametrize("state", [ConsultationState.DRAFT, ConsultationState.ARCHIVED])
def test_no_statements_in_draft_or_archived_consultations(state):
    world = build_world(phase="discussion", state=state)
    assert who_may(world, "statement.publish", world.consultation) == NOBODY
    assert who_may(world, "statement.edit", world.statement) == NOBODY
    # Whether one may speak for the organisation does not depend on a consultation.
    assert who_may(world, "statement.publish_for", world.org) == {"admin"}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ModerationState.PUBLISHED, {"admin"}),
        (ModerationState.PENDING, {"admin"}),
        (ModerationState.HIDDEN, set()),
        (ModerationState.REJECTED, set()),
    ],
)
def test_hidden_or_rejected_statements_cannot_be_edited(state, expected):
    world = build_world()
    world.statement.moderation_state = state
    db.session.commit()
    assert who_may(world, "statement.edit", world.statement) == expected


def test_an_admin_who_stepped_down_no_longer_edits_the_statement():
    world = build_world()
    admin = world.users["admin"]
    membership = next(m for m in world.org.memberships if m.user_id == admin.id)
    membership.role = "member"
    db.session.commit()
    assert not can(admin, "statement.edit", world.statement)
    assert not can(admin, "statement.publish", world.consultation)
    assert can(admin, "organisation.speak_for", world.org)


# --- on-site contributions --------------------------------------------------------------------


@pytest.mark.parametrize("phase", PHASES)
def test_onsite_record_belongs_to_the_regions_coordination_in_every_phase(phase):
    world = build_world(phase=phase)
    assert who_may(world, "onsite.record", world.consultation) == REVIEWERS


@pytest.mark.parametrize("state", [ConsultationState.DRAFT, ConsultationState.ARCHIVED])
def test_onsite_record_not_in_draft_or_archived_consultations(state):
    world = build_world(state=state)
    assert who_may(world, "onsite.record", world.consultation) == NOBODY


# --- translations -----------------------------------------------------------------------------

# Author: a member of the organisation who wrote a proposal on its behalf and a comment as
# themselves; the organisation's admin wrote its statement.
TRANSLATION_ROLES = (*ROLES, "author")


def build_translation_world(
    phase: str = "discussion",
    state: str = ConsultationState.PUBLISHED,
    original_state: str = ModerationState.PUBLISHED,
) -> SimpleNamespace:
    world = build_world(phase=phase, state=state)
    author = make_user()
    world.users["author"] = author
    world.org.memberships.append(Membership(user=author, role="member"))
    proposal = build.proposal(
        world.consultation, author, organisation=world.org, moderation_state=original_state
    )
    world.proposal = proposal
    world.comment = build.comment(proposal, author, moderation_state=original_state)
    world.statement.moderation_state = original_state
    db.session.commit()
    return world


def translation_targets(world) -> dict:
    return {"proposal": world.proposal, "comment": world.comment, "statement": world.statement}


TRANSLATORS = {
    # On behalf of the organisation: every member of it may translate (not the blocked admin).
    "proposal": frozenset({"author", "member", "admin", "coordinator_a", "administrator"}),
    # Written as oneself: only the author and the region's coordination.
    "comment": frozenset({"author", "coordinator_a", "administrator"}),
    "statement": frozenset({"author", "member", "admin", "coordinator_a", "administrator"}),
}


@pytest.mark.parametrize("phase", ["discussion", "results"])
def test_who_may_translate_a_contribution(phase):
    world = build_translation_world(phase=phase)
    for kind, obj in translation_targets(world).items():
        assert who_may(world, "contribution.translate", obj) == TRANSLATORS[kind], kind


def test_contributions_of_archived_consultations_can_still_be_translated():
    world = build_translation_world(state=ConsultationState.ARCHIVED)
    for kind, obj in translation_targets(world).items():
        assert who_may(world, "contribution.translate", obj) == TRANSLATORS[kind], kind


def test_contributions_of_draft_consultations_cannot_be_translated():
    world = build_translation_world(state=ConsultationState.DRAFT)
    for obj in translation_targets(world).values():
        assert who_may(world, "contribution.translate", obj) == NOBODY


@pytest.mark.parametrize(
    "state", [ModerationState.HIDDEN, ModerationState.REJECTED, ModerationState.PENDING]
)
def test_only_published_originals_can_be_translated(state):
    world = build_translation_world(original_state=state)
    for obj in translation_targets(world).values():
        assert who_may(world, "contribution.translate", obj) == NOBODY


def test_a_deleted_comment_cannot_be_translated():
    world = build_translation_world()
    assert can(world.users["author"], "contribution.translate", world.comment)
    world.comment.body = ""
    world.comment.deleted_at = utcnow_naive()
    db.session.commit()
    assert who_may(world, "contribution.translate", world.comment) == NOBODY


def test_a_translation_is_not_translated_again():
    world = build_translation_world()
    translated = org_build.translation(world.proposal, world.users["author"], language="tr")
    db.session.commit()
    assert who_may(world, "contribution.translate", translated) == NOBODY


def test_a_blocked_author_may_not_translate():
    world = build_translation_world()
    author = world.users["author"]
    author.blocked_until = utcnow_naive() + timedelta(days=1)
    db.session.commit()
    assert not can(author, "contribution.translate", world.proposal)
    assert not can(author, "contribution.translate", world.comment)


def test_an_unconfirmed_author_may_not_translate():
    world = build_translation_world()
    world.users["author"].confirmed_at = None
    db.session.commit()
    assert not can(world.users["author"], "contribution.translate", world.comment)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ModerationState.PUBLISHED, {"member"}),
        (ModerationState.PENDING, {"member"}),
        (ModerationState.HIDDEN, set()),
        (ModerationState.REJECTED, set()),
    ],
)
def test_only_the_translator_edits_a_translation(state, expected):
    world = build_translation_world()
    translated = org_build.translation(world.proposal, world.users["member"], state=state)
    db.session.commit()
    assert who_may(world, "translation.edit", translated) == expected


def test_a_blocked_translator_may_not_edit():
    world = build_translation_world()
    translator = world.users["member"]
    translated = org_build.translation(world.proposal, translator)
    translator.blocked_until = utcnow_naive() + timedelta(hours=1)
    db.session.commit()
    assert not can(translator, "translation.edit", translated)


# --- where new contributions start --------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (ModerationMode.PRE, ModerationState.PENDING),
        (ModerationMode.POST, ModerationState.PUBLISHED),
    ],
)
def test_initial_moderation_state_follows_the_consultations_mode(mode, expected):
    consultation = build.consultation(phase="discussion", moderation_mode=mode)
    assert consultation.initial_moderation_state() == expected


@pytest.mark.parametrize(
    "change",
    ["original_hidden", "original_deleted", "consultation_draft"],
)
def test_a_translation_is_not_edited_once_its_original_is_gone(change):
    world = build_translation_world()
    translator = world.users["member"]
    translated = org_build.translation(world.comment, translator)
    db.session.commit()
    assert can(translator, "translation.edit", translated)
    if change == "original_hidden":
        world.comment.moderation_state = ModerationState.HIDDEN
    elif change == "original_deleted":
        world.comment.deleted_at = utcnow_naive()
    else:
        world.comment.consultation.state = "draft"
    db.session.commit()
    assert not can(translator, "translation.edit", translated)
