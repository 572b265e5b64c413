"""Who may take part when: the phase × action × role matrix of the permissions registry, and
the explanations the consultation page gives (participation.possibilities)."""

import re
from types import SimpleNamespace

import pytest
from flask_babel import format_date
from flask_login import AnonymousUserMixin

from app.consultations.models import ConsultationState, Eligibility
from app.consultations.participation import possibilities
from app.core.clock import utcnow_naive
from app.core.permissions import can
from app.extensions import db
from app.proposals.models import ProposalStatus
from tests import participation_builders as build
from tests.factories import make_region, make_user, make_user_with_role

PHASES = ("information", "proposals", "discussion", "voting", "results", "none")
ACTIONS = (
    "proposal.submit",
    "proposal.edit",
    "proposal.withdraw",
    "comment.create",
    "comment.edit",
    "comment.delete",
    "vote.cast",
)
ROLES = (
    "anonymous",
    "unconfirmed",
    "participant",
    "author",
    "other_participant",  # wrote a proposal and a comment of their own, not these
    "coordinator",  # of the consultation's region
    "administrator",
)

# --- the spec ---------------------------------------------------------------------------------
#
# Who may do what in which active phase ("none": before, between or after the phases).
# ALL means every confirmed account: participants, and staff, who take part like anyone else.
# Anonymous visitors and unconfirmed accounts never appear: they may do nothing, ever.

NOBODY: frozenset[str] = frozenset()
AUTHOR = frozenset({"author"})
ALL = frozenset({"participant", "author", "other_participant", "coordinator", "administrator"})

# fmt: off
EXPECTED = {
    # action             information proposals discussion voting  results none
    "proposal.submit":   (NOBODY,     ALL,      NOBODY,    NOBODY, NOBODY, NOBODY),
    "proposal.edit":     (NOBODY,     AUTHOR,   NOBODY,    NOBODY, NOBODY, NOBODY),
    "proposal.withdraw": (NOBODY,     AUTHOR,   AUTHOR,    AUTHOR, NOBODY, NOBODY),
    "comment.create":    (NOBODY,     ALL,      ALL,       NOBODY, NOBODY, NOBODY),
    "comment.edit":      (NOBODY,     AUTHOR,   AUTHOR,    NOBODY, NOBODY, NOBODY),
    # Removing one's own comment is no participation but one's own data: always possible.
    "comment.delete":    (AUTHOR,     AUTHOR,   AUTHOR,    AUTHOR, AUTHOR, AUTHOR),
    "vote.cast":         (NOBODY,     NOBODY,   NOBODY,    ALL,    NOBODY, NOBODY),
}
# fmt: on


def test_the_table_covers_every_action_and_phase():
    assert set(EXPECTED) == set(ACTIONS)
    assert all(len(row) == len(PHASES) for row in EXPECTED.values())


def build_world(phase: str, **settings) -> SimpleNamespace:
    region = make_region()
    c = build.consultation(region, phase=phase, **settings)
    author = make_user()
    other = make_user()
    users = {
        "anonymous": AnonymousUserMixin(),
        "unconfirmed": make_user(confirmed=False),
        "participant": make_user(),
        "author": author,
        "other_participant": other,
        "coordinator": make_user_with_role("coordinator", region=region),
        "administrator": make_user_with_role("administrator"),
    }
    proposal = build.proposal(c, author, title="Der Vorschlag des Autors")
    comment = build.comment(proposal, author, body="Der Kommentar des Autors")
    others_proposal = build.proposal(c, other, title="Ein anderer Vorschlag")
    build.comment(others_proposal, other, body="Ein anderer Kommentar")
    build.comment(proposal, other, body="Noch ein anderer Kommentar")
    db.session.commit()
    return SimpleNamespace(
        region=region, consultation=c, users=users, proposal=proposal, comment=comment
    )


def target(world, action: str):
    """The object each action is asked about (see the comments in permissions.RULES)."""
    if action == "proposal.submit":
        return world.consultation
    if action in ("comment.edit", "comment.delete"):
        return world.comment
    return world.proposal


def who_may(world, action: str) -> frozenset[str]:
    obj = target(world, action)
    return frozenset(role for role, user in world.users.items() if can(user, action, obj))


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("phase", PHASES)
def test_phase_action_role_matrix(phase, action):
    world = build_world(phase)
    expected = EXPECTED[action][PHASES.index(phase)]
    assert who_may(world, action) == expected


# --- the consultation's state -----------------------------------------------------------------


# The phase in which each action would otherwise be allowed.
ALLOWING_PHASE = {
    "proposal.submit": "proposals",
    "proposal.edit": "proposals",
    "proposal.withdraw": "proposals",
    "comment.create": "proposals",
    "comment.edit": "proposals",
    "vote.cast": "voting",
}


@pytest.mark.parametrize("action", sorted(ALLOWING_PHASE))
@pytest.mark.parametrize("state", [ConsultationState.DRAFT, ConsultationState.ARCHIVED])
def test_draft_and_archived_consultations_allow_no_participation(state, action):
    world = build_world(ALLOWING_PHASE[action], state=state)
    assert who_may(world, action) == NOBODY


@pytest.mark.parametrize("state", [ConsultationState.DRAFT, ConsultationState.ARCHIVED])
def test_an_author_may_still_remove_their_comment_when_the_consultation_is_closed(state):
    world = build_world("proposals", state=state)
    assert who_may(world, "comment.delete") == AUTHOR


# --- eligibility ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "phase"),
    [("proposal.submit", "proposals"), ("comment.create", "proposals"), ("vote.cast", "voting")],
)
def test_residents_only_admits_users_whose_home_region_is_the_consultations(action, phase):
    region = make_region()
    c = build.consultation(region, phase=phase, eligibility=Eligibility.RESIDENTS)
    author = make_user(home_region_id=region.id)
    p = build.proposal(c, author)
    resident = make_user(home_region_id=region.id)
    unconfirmed_resident = make_user(home_region_id=region.id, confirmed=False)
    elsewhere = make_user(home_region_id=make_region().id)
    nowhere = make_user()
    coordinator = make_user_with_role("coordinator", region=region)  # not a resident
    db.session.commit()
    obj = c if action == "proposal.submit" else p
    assert can(resident, action, obj) is True
    assert can(unconfirmed_resident, action, obj) is False
    assert can(elsewhere, action, obj) is False
    assert can(nowhere, action, obj) is False
    assert can(coordinator, action, obj) is False


def test_registered_eligibility_ignores_the_home_region():
    c = build.consultation(phase="proposals", eligibility=Eligibility.REGISTERED)
    elsewhere = make_user(home_region_id=make_region().id)
    db.session.commit()
    assert can(elsewhere, "proposal.submit", c) is True


# --- withdrawn proposals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "phase"),
    [
        ("comment.create", "proposals"),
        ("comment.create", "discussion"),
        ("vote.cast", "voting"),
        ("proposal.edit", "proposals"),
        ("proposal.withdraw", "voting"),
    ],
)
def test_a_withdrawn_proposal_takes_no_comments_votes_or_changes(action, phase):
    world = build_world(phase)
    world.proposal.status = ProposalStatus.WITHDRAWN
    world.proposal.withdrawn_at = utcnow_naive()
    db.session.commit()
    assert who_may(world, action) == NOBODY


# --- who sees a consultation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ConsultationState.DRAFT, {"coordinator", "administrator"}),
        (ConsultationState.PUBLISHED, set(ROLES) | {"other_coordinator"}),
        (ConsultationState.ARCHIVED, set(ROLES) | {"other_coordinator"}),
    ],
)
def test_consultation_view_hides_drafts_from_everyone_but_its_makers(state, expected):
    world = build_world("information", state=state)
    world.users["other_coordinator"] = make_user_with_role("coordinator", region=make_region())
    db.session.commit()
    allowed = {
        role
        for role, user in world.users.items()
        if can(user, "consultation.view", world.consultation)
    }
    assert allowed == expected


# --- possibilities(): what the page says one can do, and why not -------------------------------


@pytest.fixture
def english(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


def reasons(user, consultation) -> dict[str, tuple[bool, str]]:
    return {
        item.feature: (item.allowed, item.reason)
        for item in possibilities(user, consultation, utcnow_naive())
    }


LOG_IN = "Please log in or register to take part."
CONFIRM = "Please confirm your e-mail address first."
RESIDENTS = (
    "Only residents of this region can take part. You can choose your region in your profile."
)
CLOSED = "This consultation is closed."
NO_MORE = "Not possible any more in this consultation."


class PossibleFrom:
    """Equals a reason "Possible from <date and time>." naming the start of the phase `kind`.

    Only the date is pinned down (in the reader's locale and time zone): whether the time shows
    seconds is a matter of style.
    """

    def __init__(self, consultation, kind: str):
        self.date = format_date(consultation.phase(kind).starts_at, "medium")

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, str)
            and other.startswith("Possible from ")
            and other.endswith(".")
            and self.date in other
        )

    def __repr__(self) -> str:
        return f"<'Possible from {self.date}, ….'>"


def test_possibilities_for_a_participant_in_the_proposal_phase(english):
    c = build.consultation(phase="proposals")
    user = make_user()
    db.session.commit()
    assert reasons(user, c) == {
        "propose": (True, ""),
        "comment": (True, ""),
        "vote": (False, PossibleFrom(c, "voting")),
    }


def test_possibilities_ask_anonymous_visitors_to_log_in(english):
    c = build.consultation(phase="proposals")
    db.session.commit()
    assert reasons(AnonymousUserMixin(), c) == {
        "propose": (False, LOG_IN),
        "comment": (False, LOG_IN),
        "vote": (False, PossibleFrom(c, "voting")),
    }


def test_possibilities_ask_unconfirmed_users_to_confirm(english):
    c = build.consultation(phase="discussion")
    user = make_user(confirmed=False)
    db.session.commit()
    assert reasons(user, c) == {
        "propose": (False, NO_MORE),
        "comment": (False, CONFIRM),
        "vote": (False, PossibleFrom(c, "voting")),
    }


def test_possibilities_explain_residents_only(english):
    c = build.consultation(phase="voting", eligibility=Eligibility.RESIDENTS)
    outsider = make_user(home_region_id=make_region().id)
    resident = make_user(home_region_id=c.region_id)
    db.session.commit()
    assert reasons(outsider, c)["vote"] == (False, RESIDENTS)
    assert reasons(resident, c)["vote"] == (True, "")


def test_possibilities_name_the_date_from_which_something_is_possible(english):
    c = build.consultation(phase="information")
    user = make_user()
    db.session.commit()
    result = reasons(user, c)
    assert result["propose"] == (False, PossibleFrom(c, "proposals"))
    assert result["comment"] == (False, PossibleFrom(c, "proposals"))
    assert result["vote"] == (False, PossibleFrom(c, "voting"))
    assert result["propose"] != (False, PossibleFrom(c, "voting"))  # the date is the right one


def test_possibilities_say_not_any_more_after_the_last_phase_allowing_it(english):
    c = build.consultation(phase="results")
    user = make_user()
    db.session.commit()
    assert reasons(user, c) == {
        "propose": (False, NO_MORE),
        "comment": (False, NO_MORE),
        "vote": (False, NO_MORE),
    }


@pytest.mark.parametrize("state", [ConsultationState.ARCHIVED, ConsultationState.DRAFT])
def test_possibilities_say_closed_for_archived_and_draft_consultations(english, state):
    c = build.consultation(phase="proposals", state=state)
    user = make_user()
    db.session.commit()
    assert reasons(user, c) == {
        "propose": (False, CLOSED),
        "comment": (False, CLOSED),
        "vote": (False, CLOSED),
    }


def test_possibilities_agree_with_the_rules_in_every_phase(english):
    """The explanation and the decision come from the same predicates."""
    for phase in PHASES:
        world = build_world(phase)
        user = world.users["participant"]
        result = reasons(user, world.consultation)
        assert result["propose"][0] == can(user, "proposal.submit", world.consultation), phase
        assert result["comment"][0] == can(user, "comment.create", world.proposal), phase
        assert result["vote"][0] == can(user, "vote.cast", world.proposal), phase


def test_the_consultation_page_shows_the_reasons(app, client):
    c = build.consultation(phase="proposals")
    db.session.commit()
    response = client.get(build.consultation_url(c), headers={"Accept-Language": "en"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        voting_date = PossibleFrom(c, "voting").date
    assert LOG_IN in page
    assert re.search(rf"Possible from {re.escape(voting_date)}[^<]*\.", page)
