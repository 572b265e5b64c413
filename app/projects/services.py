"""Maintaining a region's register of project approaches (its coordination, administrators)."""

from dataclasses import dataclass, field
from datetime import date

from app.consultations.models import Consultation
from app.core.errors import DomainError
from app.core.i18n import _, is_supported
from app.core.permissions import require
from app.extensions import db
from app.funding.models import FundingProgramme
from app.organisations.models import Organisation, OrganisationStatus
from app.projects.models import (
    FundingState,
    ProjectApproach,
    ProjectFunding,
    ProjectPartner,
    ProjectStatus,
)
from app.proposals.models import Proposal
from app.regions.models import FieldOfAction, Region


@dataclass
class PartnerDetails:
    organisation_id: int | None = None
    name: str = ""


@dataclass
class FundingDetails:
    programme_id: int
    state: str = FundingState.APPLIED
    amount: int | None = None


@dataclass
class ProjectDetails:
    title: str
    description: str
    language: str
    field_id: int | None
    status: str
    lead_organisation_id: int | None = None
    lead_name: str = ""
    budget: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    results_summary: str = ""
    partners: list[PartnerDetails] = field(default_factory=list)
    fundings: list[FundingDetails] = field(default_factory=list)
    proposal_ids: list[int] = field(default_factory=list)


def _organisation(organisation_id: int | None, field_name: str) -> Organisation | None:
    """Only verified organisations of the directory are named as lead or partner."""
    if not organisation_id:
        return None
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.status != OrganisationStatus.VERIFIED:
        raise DomainError(
            _("Please choose a verified organisation from the directory."), field=field_name
        )
    return organisation


def _proposals(region: Region, ids: list[int]) -> list[Proposal]:
    """Proposals of the region's consultations; a project cannot come from elsewhere."""
    if not ids:
        return []
    found = db.session.scalars(
        db.select(Proposal)
        .join(Consultation, Consultation.id == Proposal.consultation_id)
        .where(
            Proposal.id.in_(ids),
            Consultation.region_id == region.id,
            Proposal.moderation_state == "published",
        )
    ).all()
    if len(found) != len(set(ids)):
        raise DomainError(
            _("Please choose published proposals from this region's consultations."),
            field="proposals",
        )
    return list(found)


def _apply(project: ProjectApproach, region: Region, details: ProjectDetails) -> None:
    if details.status not in ProjectStatus.ALL:
        raise DomainError(_("Please choose a status from the list."), field="status")
    if not is_supported(details.language):
        raise DomainError(_("Please choose a language from the list."), field="language")
    if details.starts_on and details.ends_on and details.starts_on > details.ends_on:
        raise DomainError(_("The project must end after it starts."), field="ends_on")
    lead = _organisation(details.lead_organisation_id, "lead_organisation")
    if lead is None and not details.lead_name.strip():
        raise DomainError(
            _("Please name the lead: an organisation of the directory or another name."),
            field="lead_organisation",
        )
    field_of_action = None
    if details.field_id:
        field_of_action = db.session.get(FieldOfAction, details.field_id)
        if field_of_action is None:
            raise DomainError(
                _("Please choose a field of action from the list."), field="field_of_action"
            )
    partners = []
    for partner in details.partners:
        organisation = _organisation(partner.organisation_id, "partners")
        if organisation is None and not partner.name.strip():
            continue  # an empty row of the form
        partners.append(ProjectPartner(organisation=organisation, name=partner.name.strip()))
    chosen = {}
    for funding in details.fundings:
        programme = db.session.get(FundingProgramme, funding.programme_id)
        if programme is None or funding.state not in FundingState.ALL:
            raise DomainError(_("Please choose programmes from the list."), field="fundings")
        if programme.id in chosen:
            raise DomainError(_("Each programme can be listed once."), field="fundings")
        chosen[programme.id] = (programme, funding)
    proposals = _proposals(region, details.proposal_ids)
    # Checked; now write. A programme the project already names keeps its row: a new row would
    # be inserted before the old one is deleted, and (project, programme) is unique.
    existing = {row.programme_id: row for row in project.fundings}
    fundings = []
    for programme_id, (programme, funding) in chosen.items():
        row = existing.get(programme_id) or ProjectFunding(programme=programme)
        row.state, row.amount = funding.state, funding.amount
        fundings.append(row)
    project.region = region
    project.title = details.title.strip()
    project.description = details.description.strip()
    project.language = details.language
    project.field_of_action = field_of_action
    project.status = details.status
    project.lead_organisation = lead
    project.lead_name = "" if lead else details.lead_name.strip()
    project.budget = details.budget
    project.starts_on, project.ends_on = details.starts_on, details.ends_on
    project.results_summary = details.results_summary.strip()
    project.partners = partners
    project.fundings = fundings
    project.proposals = proposals
    project.refresh_search_key()


def create_project(user, region: Region, details: ProjectDetails) -> ProjectApproach:
    require(user, "project.manage", region)
    project = ProjectApproach(created_by_id=user.id)
    _apply(project, region, details)
    db.session.add(project)
    db.session.flush()
    return project


def edit_project(user, project: ProjectApproach, details: ProjectDetails) -> None:
    require(user, "project.manage", project)
    _apply(project, project.region, details)
    db.session.flush()


def delete_project(user, project: ProjectApproach) -> None:
    require(user, "project.manage", project)
    db.session.delete(project)
    db.session.flush()
