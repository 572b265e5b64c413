"""On-site services: events entered after they took place, deleted only while empty, and the
proposals and comments collected there, published at once and marked with their event."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.comments.models import Comment, Stance
from app.consultations.models import ConsultationState, ModerationMode
from app.core.errors import DomainError, PermissionDenied
from app.core.models import ModerationState
from app.extensions import db
from app.onsite import services
from app.onsite.models import EventFormat, OnSiteEvent
from app.proposals import search
from app.proposals.models import Proposal, ProposalStatus
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role


@pytest.fixture
def _request(app):
    """Services translate their refusals: they run inside a request, as in the app."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


pytestmark = pytest.mark.usefixtures("_request")


@pytest.fixture
def world():
    """A consultation in pre-moderation (on-site entries skip it) and its coordinator."""
    region = make_region()
    field = make_field_of_action()
    coordinator = make_user_with_role("coordinator", region=region)
    consultation = build.consultation(
        region, phase="proposals", moderation_mode=ModerationMode.PRE, fields_of_action=[field]
    )
    db.session.commit()
    return consultation, coordinator, field


def event_details(**changes) -> services.EventDetails:
    values = {
        "name": "  Bürgerforum Nordstadt ",
        "place": " Stadtteilzentrum ",
        "held_on": date.today() - timedelta(days=3),
        "format": EventFormat.WORKSHOP,
        "participant_count": 24,
    }
    values.update(changes)
    return services.EventDetails(**values)


def event_count() -> int:
    return db.session.scalar(select(func.count(OnSiteEvent.id)))


# --- events ---------------------------------------------------------------------------------------


def test_a_coordinator_enters_an_event(world):
    consultation, coordinator, _field = world
    held_on = date.today() - timedelta(days=3)
    event = services.create_event(coordinator, consultation, event_details(held_on=held_on))
    db.session.commit()
    stored = db.session.get(OnSiteEvent, event.id)
    assert (stored.name, stored.place) == ("Bürgerforum Nordstadt", "Stadtteilzentrum")
    assert (stored.held_on, stored.format, stored.participant_count) == (
        held_on,
        EventFormat.WORKSHOP,
        24,
    )
    assert stored.consultation_id == consultation.id
    assert stored.recorded_by_id == coordinator.id


def test_an_event_in_the_future_is_refused(world):
    consultation, coordinator, _field = world
    details = event_details(held_on=date.today() + timedelta(days=2))
    with pytest.raises(DomainError) as refused:
        services.create_event(coordinator, consultation, details)
    assert refused.value.field == "held_on"
    db.session.rollback()
    assert event_count() == 0


def test_today_counts_in_german_time(world, time_machine):
    """Half past midnight in Kassel is still yesterday in UTC: today's meeting may be entered."""
    consultation, coordinator, _field = world
    time_machine.move_to(datetime(2026, 7, 1, 22, 30, tzinfo=UTC), tick=False)
    services.create_event(coordinator, consultation, event_details(held_on=date(2026, 7, 2)))
    with pytest.raises(DomainError) as refused:
        services.create_event(coordinator, consultation, event_details(held_on=date(2026, 7, 3)))
    assert refused.value.field == "held_on"


def test_an_unknown_format_is_refused(world):
    consultation, coordinator, _field = world
    with pytest.raises(DomainError) as refused:
        services.create_event(coordinator, consultation, event_details(format="party"))
    assert refused.value.field == "format"


@pytest.mark.parametrize("who", ["coordinator_elsewhere", "moderator", "participant", "org_admin"])
def test_only_the_regions_coordination_enters_events(world, who):
    consultation, _coordinator, _field = world
    region = consultation.region
    if who == "coordinator_elsewhere":
        user = make_user_with_role("coordinator", region=make_region())
    elif who == "moderator":
        user = make_user_with_role("moderator", region=region)
    elif who == "participant":
        user = make_user()
    else:
        user = make_user()
        org_build.organisation(region, admins=[user])
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.create_event(user, consultation, event_details())
    db.session.rollback()
    assert event_count() == 0


def test_an_administrator_enters_events_anywhere(world):
    consultation, _coordinator, _field = world
    administrator = make_user_with_role("administrator")
    db.session.commit()
    services.create_event(administrator, consultation, event_details())
    db.session.commit()
    assert event_count() == 1


@pytest.mark.parametrize("state", [ConsultationState.DRAFT, ConsultationState.ARCHIVED])
def test_no_events_in_draft_or_archived_consultations(state):
    region = make_region()
    coordinator = make_user_with_role("coordinator", region=region)
    consultation = build.consultation(region, phase="proposals", state=state)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.create_event(coordinator, consultation, event_details())


def test_editing_an_event(world):
    consultation, coordinator, _field = world
    event = org_build.on_site_event(consultation, coordinator)
    db.session.commit()
    services.edit_event(
        coordinator, event, event_details(name="Werkstatt", format=EventFormat.PAPER_FORM)
    )
    db.session.commit()
    stored = db.session.get(OnSiteEvent, event.id)
    assert (stored.name, stored.format) == ("Werkstatt", EventFormat.PAPER_FORM)
    with pytest.raises(DomainError) as refused:
        services.edit_event(
            coordinator, stored, event_details(held_on=date.today() + timedelta(days=30))
        )
    assert refused.value.field == "held_on"
    db.session.rollback()
    assert db.session.get(OnSiteEvent, event.id).held_on <= date.today()


def test_an_empty_event_can_be_deleted(world):
    consultation, coordinator, _field = world
    event = org_build.on_site_event(consultation, coordinator)
    db.session.commit()
    services.delete_event(coordinator, event)
    db.session.commit()
    assert event_count() == 0


def test_an_event_with_contributions_cannot_be_deleted(world):
    consultation, coordinator, _field = world
    event = org_build.on_site_event(consultation, coordinator)
    services.record_proposal(coordinator, event, "Mehr Bänke", "Im Park fehlen Bänke.", "de", None)
    db.session.commit()
    with pytest.raises(DomainError, match="has contributions"):
        services.delete_event(coordinator, event)
    db.session.rollback()
    assert event_count() == 1
    assert services.contribution_count(event) == 1


def test_another_coordination_cannot_delete_an_event(world):
    consultation, coordinator, _field = world
    event = org_build.on_site_event(consultation, coordinator)
    other = make_user_with_role("coordinator", region=make_region())
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.delete_event(other, event)


# --- contributions collected on site ----------------------------------------------------------


@pytest.fixture
def event(world):
    consultation, coordinator, _field = world
    item = org_build.on_site_event(consultation, coordinator)
    db.session.commit()
    return item


def test_a_recorded_proposal_is_published_with_its_event(world, event):
    consultation, coordinator, field = world
    proposal = services.record_proposal(
        coordinator, event, "  Sprachcafé im Stadtteil ", " Jeden Dienstag. ", "tr", field.id
    )
    db.session.commit()
    stored = db.session.get(Proposal, proposal.id)
    assert stored.moderation_state == ModerationState.PUBLISHED  # despite pre-moderation
    assert stored.on_site_event_id == event.id
    assert stored.is_on_site
    assert stored.author_id == coordinator.id
    assert (stored.title, stored.body, stored.language) == (
        "Sprachcafé im Stadtteil",
        "Jeden Dienstag.",
        "tr",
    )
    assert stored.field_of_action_id == field.id
    assert stored.consultation_id == consultation.id
    found = db.session.scalars(
        select(Proposal.id).where(search.matching_condition("Sprachcafé"))
    ).all()
    assert found == [proposal.id]
    assert services.contribution_count(event) == 1


def test_a_field_of_action_of_another_consultation_is_refused(world, event):
    _consultation, coordinator, _field = world
    foreign = make_field_of_action()
    build.consultation(make_region(), phase="proposals", fields_of_action=[foreign])
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.record_proposal(coordinator, event, "Titel", "Text.", "de", foreign.id)
    assert refused.value.field == "field_of_action"
    db.session.rollback()
    assert db.session.scalar(select(func.count(Proposal.id))) == 0


def test_recording_is_refused_to_others(world, event):
    moderator = make_user_with_role("moderator", region=world[0].region)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.record_proposal(moderator, event, "Titel", "Text.", "de", None)


@pytest.mark.parametrize("phase", ["information", "voting", "results"])
def test_collected_contributions_can_be_entered_in_any_phase(phase):
    region = make_region()
    coordinator = make_user_with_role("coordinator", region=region)
    consultation = build.consultation(region, phase=phase)
    event = org_build.on_site_event(consultation, coordinator)
    proposal = build.proposal(consultation, make_user())
    db.session.commit()
    services.record_proposal(coordinator, event, "Titel", "Ein Vorschlag vom Papier.", "de", None)
    services.record_comment(coordinator, event, proposal, "Eine Meinung.", "de", None)
    db.session.commit()
    assert services.contribution_count(event) == 2


def test_a_recorded_comment_is_published_with_its_event_and_counted(world, event):
    consultation, coordinator, _field = world
    proposal = build.proposal(consultation, make_user())
    build.comment(proposal, make_user())
    db.session.commit()
    assert proposal.comment_count == 1
    comment = services.record_comment(
        coordinator, event, proposal, " Finde ich gut. ", "ar", Stance.IN_FAVOUR
    )
    db.session.commit()
    stored = db.session.get(Comment, comment.id)
    assert stored.moderation_state == ModerationState.PUBLISHED
    assert stored.on_site_event_id == event.id
    assert stored.author_id == coordinator.id
    assert (stored.body, stored.language, stored.stance) == ("Finde ich gut.", "ar", "in_favour")
    assert stored.proposal_id == proposal.id
    assert db.session.get(Proposal, proposal.id).comment_count == 2


def test_a_recorded_comment_may_have_no_stance(world, event):
    consultation, coordinator, _field = world
    proposal = build.proposal(consultation, make_user())
    db.session.commit()
    comment = services.record_comment(coordinator, event, proposal, "Eine Frage.", "de", "")
    db.session.commit()
    assert db.session.get(Comment, comment.id).stance is None


def test_a_proposal_of_another_consultation_is_refused(world, event):
    _consultation, coordinator, _field = world
    elsewhere = build.consultation(world[0].region, phase="proposals")
    foreign = build.proposal(elsewhere, make_user())
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.record_comment(coordinator, event, foreign, "Text.", "de", None)
    assert refused.value.field == "proposal"
    db.session.rollback()
    assert db.session.scalar(select(func.count(Comment.id))) == 0
    assert db.session.get(Proposal, foreign.id).comment_count == 0


@pytest.mark.parametrize(
    "state", [ModerationState.PENDING, ModerationState.HIDDEN, ModerationState.REJECTED]
)
def test_a_proposal_that_is_not_published_takes_no_recorded_comment(world, event, state):
    consultation, coordinator, _field = world
    proposal = build.proposal(consultation, make_user(), moderation_state=state)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.record_comment(coordinator, event, proposal, "Text.", "de", None)
    assert refused.value.field == "proposal"


def test_a_withdrawn_proposal_takes_no_recorded_comment(world, event):
    consultation, coordinator, _field = world
    proposal = build.proposal(consultation, make_user(), status=ProposalStatus.WITHDRAWN)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.record_comment(coordinator, event, proposal, "Text.", "de", None)
    assert refused.value.field == "proposal"
    db.session.rollback()
    assert db.session.get(Proposal, proposal.id).comment_count == 0


def test_an_unknown_stance_is_refused(world, event):
    consultation, coordinator, _field = world
    proposal = build.proposal(consultation, make_user())
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.record_comment(coordinator, event, proposal, "Text.", "de", "furious")
    assert refused.value.field == "stance"
    db.session.rollback()
    assert db.session.get(Proposal, proposal.id).comment_count == 0
