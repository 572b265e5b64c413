"""Maintaining a region's register of project approaches: who may, what is checked, what is
stored."""

from datetime import date
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app.core.errors import DomainError, PermissionDenied
from app.core.models import ModerationState
from app.extensions import db
from app.funding.models import FundingProgramme
from app.organisations.models import OrganisationStatus
from app.projects.models import (
    FundingState,
    ProjectApproach,
    ProjectFunding,
    ProjectPartner,
    ProjectStatus,
)
from app.projects.queries import projects_from_proposal
from app.projects.services import (
    FundingDetails,
    PartnerDetails,
    ProjectDetails,
    create_project,
    delete_project,
    edit_project,
)
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role


def programme(name: str) -> FundingProgramme:
    obj = FundingProgramme(
        name=name, funder_level="state", funder="Land Hessen", all_regions=True, status="open"
    )
    db.session.add(obj)
    db.session.flush()
    return obj


@pytest.fixture
def world():
    region_a, region_b = make_region("marburg-biedenkopf"), make_region("offenbach")
    author = make_user()
    consultation_a = build.consultation(region_a, phase="discussion")
    consultation_b = build.consultation(region_b, phase="discussion")
    world = SimpleNamespace(
        a=region_a,
        b=region_b,
        field=make_field_of_action("bildung"),
        coordinator_a=make_user_with_role("coordinator", region=region_a),
        coordinator_b=make_user_with_role("coordinator", region=region_b),
        moderator_a=make_user_with_role("moderator", region=region_a),
        administrator=make_user_with_role("administrator"),
        participant=make_user_with_role("participant"),
        verified=org_build.organisation(region_a, name="Verein Brücke"),
        requested=org_build.organisation(
            region_a, name="Neuer Verein", status=OrganisationStatus.REQUESTED
        ),
        suspended=org_build.organisation(
            region_a, name="Ruhender Verein", status=OrganisationStatus.SUSPENDED
        ),
        programme=programme("WIR"),
        other_programme=programme("Soziale Stadt"),
        proposal_a=build.proposal(consultation_a, author, title="Lernpaten"),
        proposal_b=build.proposal(consultation_b, author, title="Anderswo"),
        pending_a=build.proposal(consultation_a, author, moderation_state=ModerationState.PENDING),
        hidden_a=build.proposal(consultation_a, author, moderation_state=ModerationState.HIDDEN),
    )
    db.session.commit()
    return world


def details(world, **changes) -> ProjectDetails:
    values = {
        "title": "  Lernpaten für Neuzugewanderte ",
        "description": " Ehrenamtliche begleiten beim Deutschlernen. ",
        "language": "de",
        "field_id": world.field.id,
        "status": ProjectStatus.PLANNED,
        "lead_organisation_id": world.verified.id,
        "lead_name": "",
        "budget": 40000,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2027, 12, 31),
        "partners": [
            PartnerDetails(name=" Volkshochschule "),
            PartnerDetails(),  # an empty row of the form
            PartnerDetails(organisation_id=world.verified.id),
        ],
        "fundings": [
            FundingDetails(world.programme.id, FundingState.GRANTED, 30000),
            FundingDetails(world.other_programme.id, FundingState.APPLIED),
        ],
        "proposal_ids": [world.proposal_a.id],
    }
    values.update(changes)
    return ProjectDetails(**values)


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as raised:
        call()
    db.session.rollback()
    return raised.value


def stored_projects() -> int:
    return db.session.scalar(db.select(db.func.count(ProjectApproach.id)))


def reloaded(project: ProjectApproach) -> ProjectApproach:
    db.session.commit()
    db.session.expire_all()
    return db.session.get(ProjectApproach, project.id)


# --- creating ----------------------------------------------------------------------------------


def test_a_coordinator_registers_a_project_of_their_region(world):
    project = reloaded(create_project(world.coordinator_a, world.a, details(world)))
    assert project.region_id == world.a.id
    assert project.title == "Lernpaten für Neuzugewanderte"
    assert project.description == "Ehrenamtliche begleiten beim Deutschlernen."
    assert project.field_of_action_id == world.field.id
    assert project.lead_organisation_id == world.verified.id
    assert project.lead == "Verein Brücke"
    assert (project.budget, project.starts_on, project.ends_on) == (
        40000,
        date(2026, 1, 1),
        date(2027, 12, 31),
    )
    assert [partner.display_name for partner in project.partners] == [
        "Volkshochschule",
        "Verein Brücke",
    ]
    assert [(f.programme.name, f.state, f.amount) for f in project.fundings] == [
        ("WIR", FundingState.GRANTED, 30000),
        ("Soziale Stadt", FundingState.APPLIED, None),
    ]
    assert project.granted_amount == 30000
    assert [proposal.id for proposal in project.proposals] == [world.proposal_a.id]
    assert project.created_by_id == world.coordinator_a.id
    assert "lernpaten" in project.search_key
    assert "verein brücke" in project.search_key


def test_an_administrator_registers_projects_in_any_region(world):
    create_project(world.administrator, world.b, details(world, proposal_ids=[]))
    db.session.commit()
    assert stored_projects() == 1


@pytest.mark.parametrize("who", ["coordinator_b", "moderator_a", "participant", "anonymous"])
def test_others_may_not_register_projects_in_region_a(world, who):
    user = AnonymousUserMixin() if who == "anonymous" else getattr(world, who)
    with pytest.raises(PermissionDenied):
        create_project(user, world.a, details(world))
    db.session.rollback()
    assert stored_projects() == 0


def test_only_the_regions_coordination_edits_and_deletes_its_projects(world):
    project = create_project(world.coordinator_a, world.a, details(world))
    db.session.commit()
    for user in (world.coordinator_b, world.moderator_a, world.participant):
        with pytest.raises(PermissionDenied):
            edit_project(user, project, details(world, title="Übernommen"))
        with pytest.raises(PermissionDenied):
            delete_project(user, project)
    db.session.rollback()
    assert reloaded(project).title == "Lernpaten für Neuzugewanderte"

    edit_project(world.administrator, project, details(world, title="Vom Land korrigiert"))
    assert reloaded(project).title == "Vom Land korrigiert"


# --- the lead ---------------------------------------------------------------------------------


@pytest.mark.parametrize("organisation", ["requested", "suspended", "unknown"])
def test_the_lead_organisation_must_be_verified(world, organisation):
    organisation_id = 999999 if organisation == "unknown" else getattr(world, organisation).id
    error = refusal(
        lambda: create_project(
            world.coordinator_a, world.a, details(world, lead_organisation_id=organisation_id)
        )
    )
    assert error.field == "lead_organisation"
    assert stored_projects() == 0


def test_a_lead_outside_the_directory_is_named_by_text(world):
    project = create_project(
        world.coordinator_a,
        world.a,
        details(world, lead_organisation_id=None, lead_name="  Kreisverwaltung, Fachdienst 40 "),
    )
    project = reloaded(project)
    assert project.lead_organisation is None
    assert project.lead_name == "Kreisverwaltung, Fachdienst 40"
    assert project.lead == "Kreisverwaltung, Fachdienst 40"
    assert "kreisverwaltung" in project.search_key


def test_a_lead_organisation_replaces_a_typed_lead_name(world):
    project = create_project(
        world.coordinator_a, world.a, details(world, lead_name="Wird nicht gespeichert")
    )
    project = reloaded(project)
    assert project.lead_name == ""
    assert project.lead == "Verein Brücke"


@pytest.mark.parametrize("name", ["", "   "])
def test_a_project_needs_a_lead(world, name):
    error = refusal(
        lambda: create_project(
            world.coordinator_a,
            world.a,
            details(world, lead_organisation_id=None, lead_name=name),
        )
    )
    assert error.field == "lead_organisation"


@pytest.mark.parametrize("organisation", ["requested", "unknown"])
def test_partners_from_the_directory_must_be_verified(world, organisation):
    organisation_id = 999999 if organisation == "unknown" else world.requested.id
    error = refusal(
        lambda: create_project(
            world.coordinator_a,
            world.a,
            details(world, partners=[PartnerDetails(organisation_id=organisation_id)]),
        )
    )
    assert error.field == "partners"


# --- proposals the project came from ------------------------------------------------------------


@pytest.mark.parametrize("which", ["proposal_b", "pending_a", "hidden_a"])
def test_proposals_come_from_the_regions_consultations_and_are_published(world, which):
    proposal_id = getattr(world, which).id
    error = refusal(
        lambda: create_project(
            world.coordinator_a,
            world.a,
            details(world, proposal_ids=[world.proposal_a.id, proposal_id]),
        )
    )
    assert error.field == "proposals"
    assert stored_projects() == 0


def test_an_unknown_proposal_is_refused(world):
    error = refusal(
        lambda: create_project(world.coordinator_a, world.a, details(world, proposal_ids=[999999]))
    )
    assert error.field == "proposals"


def test_a_proposal_named_twice_is_linked_once(world):
    project = create_project(
        world.coordinator_a,
        world.a,
        details(world, proposal_ids=[world.proposal_a.id, world.proposal_a.id]),
    )
    assert [p.id for p in reloaded(project).proposals] == [world.proposal_a.id]


def test_a_proposal_shows_the_projects_that_came_from_it(world):
    first = create_project(world.coordinator_a, world.a, details(world, title="B-Projekt"))
    second = create_project(world.coordinator_a, world.a, details(world, title="A-Projekt"))
    create_project(world.coordinator_a, world.a, details(world, title="Ohne", proposal_ids=[]))
    db.session.commit()
    assert projects_from_proposal(world.proposal_a) == [second, first]
    assert projects_from_proposal(world.proposal_b) == []


# --- funding ----------------------------------------------------------------------------------


def test_each_programme_is_listed_once(world):
    error = refusal(
        lambda: create_project(
            world.coordinator_a,
            world.a,
            details(
                world,
                fundings=[
                    FundingDetails(world.programme.id, FundingState.APPLIED),
                    FundingDetails(world.programme.id, FundingState.GRANTED, 1000),
                ],
            ),
        )
    )
    assert error.field == "fundings"
    assert stored_projects() == 0
    assert db.session.scalar(db.select(db.func.count(ProjectFunding.id))) == 0


@pytest.mark.parametrize(
    "funding", [FundingDetails(999999), FundingDetails(0, "pending")], ids=["unknown", "state"]
)
def test_unknown_programmes_and_states_are_refused(world, funding):
    if funding.programme_id == 0:
        funding.programme_id = world.programme.id
    error = refusal(
        lambda: create_project(world.coordinator_a, world.a, details(world, fundings=[funding]))
    )
    assert error.field == "fundings"


def test_only_granted_funding_counts_as_granted(world):
    project = create_project(
        world.coordinator_a,
        world.a,
        details(
            world,
            fundings=[
                FundingDetails(world.programme.id, FundingState.DECLINED, 90000),
                FundingDetails(world.other_programme.id, FundingState.GRANTED, 1234),
            ],
        ),
    )
    assert reloaded(project).granted_amount == 1234


# --- dates and choices ------------------------------------------------------------------------


def test_a_project_cannot_end_before_it_starts(world):
    error = refusal(
        lambda: create_project(
            world.coordinator_a,
            world.a,
            details(world, starts_on=date(2026, 6, 1), ends_on=date(2026, 5, 31)),
        )
    )
    assert error.field == "ends_on"
    assert stored_projects() == 0


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [(date(2026, 6, 1), date(2026, 6, 1)), (date(2026, 6, 1), None), (None, date(2026, 6, 1))],
)
def test_one_day_projects_and_open_periods_are_accepted(world, starts_on, ends_on):
    project = create_project(
        world.coordinator_a, world.a, details(world, starts_on=starts_on, ends_on=ends_on)
    )
    assert (reloaded(project).starts_on, reloaded(project).ends_on) == (starts_on, ends_on)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "paused"}, "status"),
        ({"language": "xx"}, "language"),
        ({"field_id": 999999}, "field_of_action"),
    ],
)
def test_unknown_choices_are_refused_at_their_field(world, changes, field):
    error = refusal(lambda: create_project(world.coordinator_a, world.a, details(world, **changes)))
    assert error.field == field


def test_a_project_without_a_field_of_action(world):
    project = create_project(world.coordinator_a, world.a, details(world, field_id=None))
    assert reloaded(project).field_of_action is None


# --- editing and deleting ---------------------------------------------------------------------


def test_editing_replaces_partners_fundings_and_proposals_and_keeps_the_region(world):
    project = create_project(world.coordinator_a, world.a, details(world))
    db.session.commit()
    edit_project(
        world.coordinator_a,
        project,
        details(
            world,
            status=ProjectStatus.COMPLETED,
            results_summary="  30 Patenschaften. ",
            partners=[PartnerDetails(name="Jobcenter")],
            fundings=[FundingDetails(world.other_programme.id, FundingState.DECLINED)],
            proposal_ids=[],
        ),
    )
    project = reloaded(project)
    assert project.region_id == world.a.id
    assert project.status == ProjectStatus.COMPLETED
    assert project.results_summary == "30 Patenschaften."
    assert [partner.display_name for partner in project.partners] == ["Jobcenter"]
    assert [(f.programme_id, f.state) for f in project.fundings] == [
        (world.other_programme.id, FundingState.DECLINED)
    ]
    assert project.proposals == []
    # The replaced rows are deleted, not left without a project.
    assert db.session.scalar(db.select(db.func.count(ProjectPartner.id))) == 1
    assert db.session.scalar(db.select(db.func.count(ProjectFunding.id))) == 1


def test_a_refused_edit_changes_nothing(world):
    project = create_project(world.coordinator_a, world.a, details(world))
    db.session.commit()
    refusal(
        lambda: edit_project(
            world.coordinator_a,
            project,
            details(world, title="Neu", proposal_ids=[world.proposal_b.id]),
        )
    )
    project = reloaded(project)
    assert project.title == "Lernpaten für Neuzugewanderte"
    assert len(project.partners) == 2


def test_deleting_a_project_removes_its_rows_but_not_the_programmes(world):
    project = create_project(world.coordinator_a, world.a, details(world))
    db.session.commit()
    delete_project(world.coordinator_a, project)
    db.session.commit()
    assert stored_projects() == 0
    assert db.session.scalar(db.select(db.func.count(ProjectPartner.id))) == 0
    assert db.session.scalar(db.select(db.func.count(ProjectFunding.id))) == 0
    assert db.session.scalar(db.select(db.func.count(FundingProgramme.id))) == 2
