"""Maintaining the catalogue of funding programmes (administrators and coordinators)."""

from dataclasses import dataclass, field
from datetime import date

from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import require
from app.extensions import db
from app.funding.models import (
    FunderLevel,
    FundingProgramme,
    ProgrammeDeadline,
    ProgrammeStatus,
    Recurrence,
)
from app.regions.models import FieldOfAction, Region


@dataclass
class DeadlineDetails:
    due_on: date
    recurrence: str = Recurrence.NONE
    label: str = ""


@dataclass
class ProgrammeDetails:
    name: str
    funder_level: str
    funder: str
    all_regions: bool
    region_ids: list[int]
    field_ids: list[int]
    target_groups: str = ""
    amount_min: int | None = None
    amount_max: int | None = None
    co_funding_percent: int | None = None
    status: str = ProgrammeStatus.ANNOUNCED
    url: str = ""
    contact: str = ""
    description: dict = field(default_factory=dict)
    deadlines: list[DeadlineDetails] = field(default_factory=list)


def _by_ids(model, ids: list[int], message: str, field_name: str) -> list:
    if not ids:
        return []
    rows = db.session.scalars(db.select(model).where(model.id.in_(ids))).all()
    if len(rows) != len(set(ids)):
        raise DomainError(message, field=field_name)
    return list(rows)


def _apply(programme: FundingProgramme, details: ProgrammeDetails) -> None:
    if details.funder_level not in FunderLevel.ALL:
        raise DomainError(_("Please choose a funder level from the list."), field="funder_level")
    if details.status not in ProgrammeStatus.ALL:
        raise DomainError(_("Please choose a status from the list."), field="status")
    low, high = details.amount_min, details.amount_max
    # The database refuses these too, but as an error page; here they come back to the field.
    for name, amount in (("amount_min", low), ("amount_max", high)):
        if amount is not None and amount < 0:
            raise DomainError(_("An amount cannot be negative."), field=name)
    share = details.co_funding_percent
    if share is not None and not 0 <= share <= 100:
        raise DomainError(
            _("Please enter a share between 0 and 100 per cent."), field="co_funding_percent"
        )
    if low is not None and high is not None and low > high:
        raise DomainError(
            _("The smallest amount must not be larger than the largest."), field="amount_max"
        )
    regions = _by_ids(
        Region, details.region_ids, _("Please choose regions from the list."), "regions"
    )
    if not details.all_regions and not regions:
        raise DomainError(
            _("Please choose the eligible regions, or mark the programme as open to all."),
            field="regions",
        )
    for deadline in details.deadlines:
        if deadline.recurrence not in Recurrence.ALL:
            raise DomainError(_("Please choose a repetition from the list."), field="deadlines")
    programme.name = details.name.strip()
    programme.funder_level = details.funder_level
    programme.funder = details.funder.strip()
    programme.all_regions = details.all_regions
    programme.regions = [] if details.all_regions else regions
    programme.fields_of_action = _by_ids(
        FieldOfAction,
        details.field_ids,
        _("Please choose fields of action from the list."),
        "fields",
    )
    programme.target_groups = details.target_groups.strip()
    programme.amount_min, programme.amount_max = low, high
    programme.co_funding_percent = details.co_funding_percent
    programme.status = details.status
    programme.url = details.url.strip()
    programme.contact = details.contact.strip()
    programme.description = {k: v.strip() for k, v in details.description.items() if v.strip()}
    programme.deadlines = [
        ProgrammeDeadline(due_on=d.due_on, recurrence=d.recurrence, label=d.label.strip())
        for d in sorted(details.deadlines, key=lambda d: d.due_on)
    ]
    programme.refresh_search_key()


def create_programme(user, details: ProgrammeDetails) -> FundingProgramme:
    require(user, "programme.manage")
    programme = FundingProgramme(created_by_id=user.id)
    _apply(programme, details)
    db.session.add(programme)
    db.session.flush()
    return programme


def edit_programme(user, programme: FundingProgramme, details: ProgrammeDetails) -> None:
    require(user, "programme.manage")
    _apply(programme, details)
    db.session.flush()


def delete_programme(user, programme: FundingProgramme) -> None:
    """Only a programme no project refers to; otherwise mark it closed."""
    from app.projects.models import ProjectFunding

    require(user, "programme.manage")
    used = db.session.scalar(
        db.select(db.func.count(ProjectFunding.id)).where(
            ProjectFunding.programme_id == programme.id
        )
    )
    if used:
        raise DomainError(
            _(
                "Projects refer to this programme, so it cannot be deleted. Set its status to "
                "closed instead."
            )
        )
    db.session.delete(programme)
    db.session.flush()
