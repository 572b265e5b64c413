"""Demo content for funding programmes, project approaches and action concepts: consistent with
the rules of the platform, the thread from proposal to funding traceable, dated in order, and
loaded only once."""

from datetime import timedelta
from itertools import pairwise
from urllib.parse import urlsplit

import pytest

from app.accounts.models import User
from app.concepts.compare import compare
from app.concepts.models import ConceptComment, ConceptVersion, MeasureStatus, VersionState
from app.consultations.models import Consultation
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.core.permissions import can
from app.demo_transparency import CONCEPTS, PROGRAMMES
from app.extensions import db
from app.funding.deadlines import today_in_hesse
from app.funding.models import (
    FunderLevel,
    FundingProgramme,
    ProgrammeDeadline,
    ProgrammeStatus,
    Recurrence,
)
from app.funding.queries import deadlines_soon
from app.projects.models import FundingState, ProjectApproach, ProjectFunding, ProjectStatus
from app.projects.queries import overlap_groups, projects_of_region
from app.proposals.models import OfficialResponse, Proposal, ProposalStatus
from app.regions.models import Region, RegionKind
from app.seed import load_demo_data
from tests.database_template import DEMO

TAKEN_UP = (
    ProposalStatus.ACCEPTED,
    ProposalStatus.PARTIALLY_ACCEPTED,
    ProposalStatus.IMPLEMENTED,
)
HOCHTAUNUS_CONSULTATION = "Wohnen und Nachbarschaft: Wohnraumberatung und Treffpunkte im Kreis"


@pytest.fixture
def demo(app):
    """The demo data as `load_demo_data()` leaves it: loaded once per run, restored per test."""
    DEMO.restore()


def all_of(model):
    return db.session.scalars(db.select(model)).all()


def model_regions() -> list[Region]:
    return db.session.scalars(
        db.select(Region).where(Region.kind == RegionKind.MODEL_REGION).order_by(Region.position)
    ).all()


def region(slug: str) -> Region:
    return db.session.scalar(db.select(Region).where(Region.slug == slug))


def versions(slug: str) -> list[ConceptVersion]:
    return db.session.scalars(
        db.select(ConceptVersion)
        .where(ConceptVersion.region_id == region(slug).id)
        .order_by(ConceptVersion.number)
    ).all()


def latest_answer(proposal: Proposal):
    return max(response.created_at for response in proposal.responses)


def test_programmes_of_every_kind_with_deadlines(demo):
    programmes = all_of(FundingProgramme)
    assert len(programmes) == len(PROGRAMMES)
    assert 8 <= len(programmes) <= 12
    assert {p.funder_level for p in programmes} == set(FunderLevel.ALL)
    assert {p.status for p in programmes} == set(ProgrammeStatus.ALL)
    levels = [p.funder_level for p in programmes]
    assert levels.count(FunderLevel.FOUNDATION) == 2
    open_to_all = [p for p in programmes if p.all_regions]
    specific = [p for p in programmes if not p.all_regions]
    assert open_to_all and specific
    assert all(p.regions == [] for p in open_to_all)
    assert all(p.regions for p in specific)
    assert {d.recurrence for d in all_of(ProgrammeDeadline)} >= {
        Recurrence.NONE,
        Recurrence.YEARLY,
        Recurrence.HALF_YEARLY,
    }
    today = today_in_hesse()
    for programme in programmes:
        assert programme.description["de"], programme.name
        assert programme.fields_of_action, programme.name
        assert programme.amount_min <= programme.amount_max
        assert programme.search_key == programme.name.casefold() + "\n" + (
            f"{programme.funder}\n{programme.target_groups}".casefold()
        )
        host = urlsplit(programme.url).hostname
        assert host.endswith(".example.org"), programme.url
        upcoming = programme.next_deadline(today)
        if programme.status == ProgrammeStatus.CLOSED:
            assert programme.deadlines and upcoming is None
        elif programme.status == ProgrammeStatus.ANNOUNCED:
            assert all(d.due_on > today for d in programme.deadlines)
    assert sum("en" in p.description for p in programmes) >= 4
    # One deadline within the next three weeks, found by the "deadlines soon" view.
    soon = [
        p for p in programmes if (n := p.next_deadline(today)) and n[0] <= today + timedelta(21)
    ]
    assert soon
    assert {programme.id for _, programme, _ in deadlines_soon(4)} >= {p.id for p in soon}


def test_two_to_four_projects_per_model_region_of_every_status(demo):
    projects = all_of(ProjectApproach)
    assert {p.status for p in projects} == set(ProjectStatus.ALL)
    assert {f.state for f in all_of(ProjectFunding)} == set(FundingState.ALL)
    for model_region in model_regions():
        own = projects_of_region(model_region)
        assert 2 <= len(own) <= 4, model_region.slug
        assert len({p.field_of_action_id for p in own}) >= 2, model_region.slug
    for project in projects:
        assert project.lead, project.title
        assert project.field_of_action in project.region.fields_of_action, project.title
        if project.lead_organisation is not None:
            assert project.lead_organisation.is_verified
            assert project.lead_name == ""
        for partner in project.partners:
            assert partner.display_name
            assert partner.organisation is None or partner.organisation.is_verified
        if project.status in (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED):
            assert len(project.results_summary) > 50, project.title
            assert project.ends_on < today_in_hesse()
        else:
            assert project.results_summary == ""
        if project.status == ProjectStatus.PLANNED and project.starts_on:
            assert project.starts_on > today_in_hesse()
        for funding in project.fundings:
            programme = funding.programme
            assert programme.is_open_to(project.region), (project.title, programme.name)
            assert programme.amount_min <= funding.amount <= programme.amount_max
    # Leads from the organisations directory and named in free text.
    assert any(p.lead_organisation for p in projects)
    assert any(p.lead_name for p in projects)
    assert any(partner.organisation for p in projects for partner in p.partners)


def test_two_projects_of_one_region_overlap_in_the_same_field(demo):
    (group,) = overlap_groups(projects_of_region(region("wiesbaden")))
    assert {p.title for p in group} == {
        "Sprachmittlerpool für Ämter und Beratungsstellen",
        "Mobiler Willkommenspunkt in den Ortsbezirken",
    }
    for slug in ("kassel", "wetzlar", "hochtaunus", "offenbach", "main-kinzig-hanau"):
        assert overlap_groups(projects_of_region(region(slug))) == [], slug


def test_projects_come_from_answered_proposals_of_their_region(demo):
    linked = [p for p in all_of(ProjectApproach) if p.proposals]
    assert len(linked) >= 8
    assert {p.region.slug for p in linked} == set(CONCEPTS) - {"wetzlar"}
    for project in linked:
        assert project.status in (ProjectStatus.IDEA, ProjectStatus.PLANNED, ProjectStatus.RUNNING)
        for proposal in project.proposals:
            assert proposal.consultation.region_id == project.region_id
            assert proposal.moderation_state == ModerationState.PUBLISHED
            assert proposal.status in TAKEN_UP, proposal.title
            # Answered first, then entered in the register.
            assert latest_answer(proposal) < project.created_at


def test_answers_given_by_the_demo_set_the_status_and_keep_the_dates(demo):
    for proposal in all_of(Proposal):
        if not proposal.responses:
            continue
        last = max(proposal.responses, key=lambda response: response.created_at)
        assert proposal.status == last.status
        assert proposal.updated_at >= last.created_at > proposal.created_at
        assert proposal.updated_at < utcnow_naive() - timedelta(minutes=30)
        # Answered by someone who may answer in that region.
        assert can(last.author, "proposal.answer", proposal), proposal.title
    # Ayşe's proposal from Offenbach: accepted, taken up, carried out by a funded project.
    ayse = db.session.scalar(
        db.select(User).where(User.email == "bewohnerin@demo.mitreden.example")
    )
    (proposal,) = [p for p in all_of(Proposal) if p.author_id == ayse.id and p.responses]
    assert proposal.status == ProposalStatus.ACCEPTED
    (project,) = [p for p in all_of(ProjectApproach) if proposal in p.proposals]
    assert any(f.state == FundingState.GRANTED for f in project.fundings)
    current = versions("offenbach")[-1]
    assert any(proposal in item.proposals and project in item.projects for item in current.items)


def test_every_model_region_has_a_published_action_concept(demo):
    now = utcnow_naive()
    for model_region in model_regions():
        own = versions(model_region.slug)
        first = own[0]
        assert first.number == 1 and first.state == VersionState.PUBLISHED
        assert first.note and first.valid_from == first.published_at.date()
        goals = first.goals
        assert 2 <= len({goal.field_of_action_id for goal in goals}) <= 3, model_region.slug
        for goal in goals:
            assert goal.field_of_action in model_region.fields_of_action
            assert 1 <= len(first.measures_of(goal)) <= 3, goal.title
        assert any(item.projects for item in first.items), model_region.slug
        for earlier, later in pairwise(own):
            assert earlier.published_at < later.created_at
        for version in own:
            assert version.created_at <= (version.published_at or now) <= now
            for item in version.items:
                assert {p.region_id for p in item.projects} <= {model_region.id}
                for project in item.projects:
                    assert project.created_at < (version.published_at or version.updated_at)
                for proposal in item.proposals:
                    assert proposal.consultation.region_id == model_region.id
                    assert proposal.status in TAKEN_UP, proposal.title
                    assert latest_answer(proposal) < (version.published_at or version.updated_at)
    # Version 1 takes up proposals wherever the first version came after a consultation.
    with_proposals = {
        version.region.slug
        for version in all_of(ConceptVersion)
        if version.number == 1 and any(item.proposals for item in version.items)
    }
    assert with_proposals == {"kassel", "offenbach", "main-kinzig-hanau"}
    assert {m.status for v in all_of(ConceptVersion) for m in v.items if m.status} == set(
        MeasureStatus.ALL
    )


@pytest.mark.parametrize("slug", ["wiesbaden", "hochtaunus"])
def test_a_second_version_adds_removes_and_changes(demo, slug):
    first, second = versions(slug)[:2]
    assert second.state == VersionState.PUBLISHED
    assert second.valid_from > first.valid_from
    changes = compare(first, second)
    assert {change.kind for change in changes} == {"added", "removed", "changed"}
    assert any(change.status_changed for change in changes)
    assert all(change.item.key for change in changes)
    # Items kept their keys: most of the first version is still there.
    kept = {item.key for item in first.items} & {item.key for item in second.items}
    assert len(kept) >= len(first.items) - 1


def test_a_draft_is_put_up_for_comment_in_the_hochtaunus_consultation(demo):
    assert [len(versions(slug)) for slug in CONCEPTS] == [1, 1, 2, 3, 1, 1]
    draft = versions("hochtaunus")[-1]
    assert draft.number == 3 and draft.state == VersionState.DRAFT
    assert draft.published_at is None and draft.valid_from is None
    offered = [c for c in all_of(Consultation) if c.concept_version_id is not None]
    assert [c.title["de"] for c in offered] == [HOCHTAUNUS_CONSULTATION]
    consultation = offered[0]
    assert consultation.concept_version == draft
    changes = compare(versions("hochtaunus")[1], draft)
    assert {change.kind for change in changes} == {"added", "changed"}

    comments = all_of(ConceptComment)
    assert 2 <= len(comments) <= 3
    discussion = consultation.phase("discussion")
    for comment in comments:
        assert comment.item.version_id == draft.id
        assert comment.consultation_id == consultation.id
        assert comment.moderation_state == ModerationState.PUBLISHED
        assert discussion.starts_at <= comment.created_at <= utcnow_naive()
        assert comment.created_at > draft.created_at
        # The author could write this comment today under the platform's own rules.
        assert can(comment.author, "concept.comment", consultation), comment.author.display_name
        if comment.organisation is not None:
            assert comment.author.organisation_role(comment.organisation_id) is not None
    assert {c.language for c in comments} >= {"de", "fa"}
    assert any(c.organisation is not None for c in comments)


def test_seeding_again_adds_nothing_and_changes_nothing(demo):
    tables = (
        FundingProgramme,
        ProgrammeDeadline,
        ProjectApproach,
        ProjectFunding,
        ConceptVersion,
        ConceptComment,
        OfficialResponse,
    )

    def snapshot():
        return [db.session.scalar(db.select(db.func.count()).select_from(t)) for t in tables]

    before = snapshot()
    assert all(before), before
    stamps = {p.id: p.updated_at for p in all_of(Proposal)}
    programme = db.session.scalar(db.select(FundingProgramme).limit(1))
    programme.status = ProgrammeStatus.CLOSED  # a coordinator's change stays
    db.session.commit()

    assert load_demo_data() == 0
    db.session.expire_all()
    assert snapshot() == before
    assert {p.id: p.updated_at for p in all_of(Proposal)} == stamps
    assert db.session.get(FundingProgramme, programme.id).status == ProgrammeStatus.CLOSED


def test_the_thread_is_visible_on_the_pages(demo, client):
    proposal = db.session.scalar(
        db.select(Proposal).where(Proposal.title == "Dernekler için ücretsiz toplantı odaları")
    )
    (project,) = [p for p in all_of(ProjectApproach) if proposal in p.proposals]
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Raumbörse für Vereine und Initiativen" in page
    assert "Landesprogramm ZUSAMMEN" in page
    page = client.get("/regions/offenbach/concept").get_data(as_text=True)
    assert "Raumbörse für Vereine und Initiativen" in page
    page = client.get("/funding/").get_data(as_text=True)
    assert "Kleiner Vielfaltsfonds der Stadt Offenbach" in page
    consultation = db.session.scalar(
        db.select(Consultation).where(Consultation.concept_version_id.is_not(None))
    )
    response = client.get(f"/consultations/{consultation.id}/concept")
    assert response.status_code == 200
    assert "Sprechstunde „Wohnen“ in den Gemeinschaftsunterkünften" in response.get_data(
        as_text=True
    )
