"""Proposal services: submit, edit with revisions and conflicts, withdraw, official answers,
and the list of proposals that wait for an answer."""

import pytest
from sqlalchemy import func, select

from app.consultations.models import ModerationMode
from app.core.errors import DomainError, PermissionDenied
from app.core.models import ModerationState
from app.extensions import db
from app.proposals import services
from app.proposals.models import OfficialResponse, Proposal, ProposalRevision, ProposalStatus
from app.proposals.queries import proposals_due_for_answer
from tests import participation_builders as build
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role


@pytest.fixture(autouse=True)
def _request(app):
    """Services translate their refusals: they run inside a request, as in the app."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


TEXT = "Wir brauchen mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können."


def proposal_count() -> int:
    return db.session.scalar(select(func.count(Proposal.id)))


# --- submit -----------------------------------------------------------------------------------


def test_submit_in_post_moderation_publishes_at_once():
    c = build.consultation(phase="proposals", moderation_mode=ModerationMode.POST)
    author = make_user()
    proposal = services.submit_proposal(author, c, "  Mehr Sprachkurse  ", f" {TEXT} ", "de", None)
    db.session.commit()
    stored = db.session.get(Proposal, proposal.id)
    assert stored.moderation_state == ModerationState.PUBLISHED
    assert stored.title == "Mehr Sprachkurse"
    assert stored.body == TEXT
    assert stored.status == ProposalStatus.SUBMITTED
    assert stored.author_id == author.id
    assert stored.search_text == f"mehr sprachkurse\n{TEXT}".casefold()


def test_submit_in_pre_moderation_waits_for_review():
    c = build.consultation(phase="proposals", moderation_mode=ModerationMode.PRE)
    proposal = services.submit_proposal(make_user(), c, "Mehr Sprachkurse", TEXT, "de", None)
    db.session.commit()
    assert db.session.get(Proposal, proposal.id).moderation_state == ModerationState.PENDING


@pytest.mark.parametrize("phase", ["information", "discussion", "voting", "results", "none"])
def test_submit_outside_the_proposal_phase_is_refused(phase):
    c = build.consultation(phase=phase)
    user = make_user()
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.submit_proposal(user, c, "Mehr Sprachkurse", TEXT, "de", None)
    db.session.rollback()
    assert proposal_count() == 0


def test_submit_with_a_field_of_the_consultation():
    field = make_field_of_action()
    c = build.consultation(phase="proposals", fields_of_action=[field])
    proposal = services.submit_proposal(make_user(), c, "Mehr Sprachkurse", TEXT, "de", field.id)
    db.session.commit()
    assert db.session.get(Proposal, proposal.id).field_of_action_id == field.id


def test_submit_falls_back_to_the_fields_of_the_region():
    region = make_region()
    field = make_field_of_action()
    region.fields_of_action.append(field)
    c = build.consultation(region, phase="proposals")
    proposal = services.submit_proposal(make_user(), c, "Mehr Sprachkurse", TEXT, "de", field.id)
    assert proposal.field_of_action_id == field.id


def test_submit_refuses_a_field_that_is_not_the_consultations():
    own, foreign = make_field_of_action(), make_field_of_action()
    c = build.consultation(phase="proposals", fields_of_action=[own])
    user = make_user()
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.submit_proposal(user, c, "Mehr Sprachkurse", TEXT, "de", foreign.id)
    assert refused.value.field == "field_of_action"
    db.session.rollback()
    assert proposal_count() == 0


# --- edit -------------------------------------------------------------------------------------


@pytest.fixture
def own_proposal():
    c = build.consultation(phase="proposals")
    author = make_user()
    proposal = build.proposal(c, author, title="Alter Titel", body=TEXT)
    db.session.commit()
    return proposal


def test_edit_keeps_the_previous_version_as_a_revision(own_proposal):
    author = own_proposal.author
    services.edit_proposal(
        author, own_proposal, "Neuer Titel", TEXT + " Neu.", "de", None, seen_revision_count=0
    )
    db.session.commit()
    services.edit_proposal(
        author, own_proposal, "Neuester Titel", TEXT, "de", None, seen_revision_count=1
    )
    db.session.commit()
    proposal = db.session.get(Proposal, own_proposal.id)
    assert proposal.title == "Neuester Titel"
    assert [(r.title, r.body) for r in proposal.revisions] == [
        ("Alter Titel", TEXT),
        ("Neuer Titel", TEXT + " Neu."),
    ]
    assert proposal.edited_at is not None


def test_edit_without_a_change_stores_no_revision(own_proposal):
    services.edit_proposal(
        own_proposal.author, own_proposal, "Alter Titel", TEXT, "de", None, seen_revision_count=0
    )
    db.session.commit()
    proposal = db.session.get(Proposal, own_proposal.id)
    assert proposal.revisions == []
    assert proposal.edited_at is None


def test_edit_with_a_stale_revision_count_is_a_conflict(own_proposal):
    author = own_proposal.author
    services.edit_proposal(author, own_proposal, "Erste Änderung", TEXT, "de", None, 0)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.edit_proposal(author, own_proposal, "Zweite Änderung", TEXT, "de", None, 0)
    assert refused.value.status_code == 409
    db.session.rollback()
    proposal = db.session.get(Proposal, own_proposal.id)
    assert proposal.title == "Erste Änderung"
    assert db.session.scalar(select(func.count(ProposalRevision.id))) == 1


def test_only_the_author_may_edit(own_proposal):
    with pytest.raises(PermissionDenied):
        services.edit_proposal(make_user(), own_proposal, "Fremder Titel", TEXT, "de", None, 0)
    db.session.rollback()
    assert db.session.get(Proposal, own_proposal.id).title == "Alter Titel"


def test_edit_updates_the_search_text(own_proposal):
    body = "Breitere Fahrradwege bauen, bitte!"
    services.edit_proposal(own_proposal.author, own_proposal, "Fahrradwege", body, "de", None, 0)
    db.session.commit()
    assert "fahrradwege" in db.session.get(Proposal, own_proposal.id).search_text
    assert "sprachkurse" not in db.session.get(Proposal, own_proposal.id).search_text


# --- withdraw ---------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["proposals", "discussion", "voting"])
def test_the_author_withdraws(phase):
    c = build.consultation(phase=phase)
    author = make_user()
    proposal = build.proposal(c, author)
    services.withdraw_proposal(author, proposal)
    db.session.commit()
    stored = db.session.get(Proposal, proposal.id)
    assert stored.status == ProposalStatus.WITHDRAWN
    assert stored.withdrawn_at is not None
    assert stored.moderation_state == ModerationState.PUBLISHED  # still visible


def test_nobody_else_withdraws():
    c = build.consultation(phase="proposals")
    proposal = build.proposal(c, make_user())
    coordinator = make_user_with_role("coordinator", region=c.region)
    for user in (make_user(), coordinator, make_user_with_role("administrator")):
        with pytest.raises(PermissionDenied):
            services.withdraw_proposal(user, proposal)
    assert proposal.status == ProposalStatus.SUBMITTED


def test_withdrawing_twice_is_refused():
    c = build.consultation(phase="proposals")
    author = make_user()
    proposal = build.proposal(c, author, status=ProposalStatus.WITHDRAWN)
    with pytest.raises(PermissionDenied):
        services.withdraw_proposal(author, proposal)


# --- official answers -------------------------------------------------------------------------


def test_the_regions_coordinator_answers_and_sets_the_status():
    c = build.consultation(phase="voting")
    proposal = build.proposal(c, make_user())
    coordinator = make_user_with_role("coordinator", region=c.region)
    services.answer_proposal(coordinator, proposal, ProposalStatus.UNDER_REVIEW, " Wir prüfen. ")
    db.session.commit()
    services.answer_proposal(coordinator, proposal, ProposalStatus.ACCEPTED, "Wird umgesetzt.")
    db.session.commit()
    stored = db.session.get(Proposal, proposal.id)
    assert stored.status == ProposalStatus.ACCEPTED
    assert [(r.status, r.body, r.author_id) for r in stored.responses] == [
        (ProposalStatus.UNDER_REVIEW, "Wir prüfen.", coordinator.id),
        (ProposalStatus.ACCEPTED, "Wird umgesetzt.", coordinator.id),
    ]


def test_an_administrator_may_answer_too():
    c = build.consultation(phase="results")
    proposal = build.proposal(c, make_user())
    services.answer_proposal(
        make_user_with_role("administrator"), proposal, ProposalStatus.REJECTED, "Leider nicht."
    )
    assert proposal.status == ProposalStatus.REJECTED


@pytest.mark.parametrize("who", ["participant", "author", "coordinator_elsewhere", "moderator"])
def test_nobody_else_answers(who):
    c = build.consultation(phase="voting")
    author = make_user()
    proposal = build.proposal(c, author)
    users = {
        "participant": make_user(),
        "author": author,
        "coordinator_elsewhere": make_user_with_role("coordinator", region=make_region()),
        "moderator": make_user_with_role("moderator", region=c.region),
    }
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.answer_proposal(users[who], proposal, ProposalStatus.ACCEPTED, "Angenommen.")
    db.session.rollback()
    assert db.session.scalar(select(func.count(OfficialResponse.id))) == 0


@pytest.mark.parametrize("status", ["withdrawn", "submitted", "bogus", ""])
def test_answering_with_a_status_outside_the_list_is_refused(status):
    c = build.consultation(phase="voting")
    proposal = build.proposal(c, make_user())
    coordinator = make_user_with_role("coordinator", region=c.region)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.answer_proposal(coordinator, proposal, status, "Eine Antwort.")
    assert refused.value.field == "status"
    db.session.rollback()
    assert db.session.get(Proposal, proposal.id).status == ProposalStatus.SUBMITTED
    assert db.session.scalar(select(func.count(OfficialResponse.id))) == 0


def test_a_withdrawn_proposal_is_not_answered():
    c = build.consultation(phase="voting")
    proposal = build.proposal(c, make_user(), status=ProposalStatus.WITHDRAWN)
    coordinator = make_user_with_role("coordinator", region=c.region)
    with pytest.raises(DomainError):
        services.answer_proposal(coordinator, proposal, ProposalStatus.ACCEPTED, "Angenommen.")


# --- proposals due for an answer --------------------------------------------------------------


def test_proposals_due_for_answer_are_those_over_the_threshold_without_answer():
    c = build.consultation(phase="voting", answer_threshold=3)
    author = make_user()
    coordinator = make_user_with_role("coordinator", region=c.region)
    five = build.proposal(c, author, title="Fünf", votes_for=5)
    three = build.proposal(c, author, title="Drei", votes_for=3)
    build.proposal(c, author, title="Zwei", votes_for=2)
    answered = build.proposal(c, author, title="Beantwortet", votes_for=9)
    build.official_answer(answered, coordinator, ProposalStatus.UNDER_REVIEW)
    build.proposal(c, author, title="Zurückgezogen", votes_for=9, status=ProposalStatus.WITHDRAWN)
    build.proposal(c, author, title="Wartet", votes_for=9, moderation_state=ModerationState.PENDING)
    build.proposal(c, author, title="Versteckt", votes_for=9, moderation_state="hidden")
    other = build.consultation(c.region, phase="voting", answer_threshold=3)
    build.proposal(other, author, title="Anderswo", votes_for=9)
    db.session.commit()
    assert [p.title for p in proposals_due_for_answer(c)] == [five.title, three.title]


def test_no_threshold_means_nothing_is_due():
    c = build.consultation(phase="voting", answer_threshold=0)
    build.proposal(c, make_user(), votes_for=100)
    db.session.commit()
    assert proposals_due_for_answer(c) == []
