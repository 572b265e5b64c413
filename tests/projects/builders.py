"""Builders for project approaches and the funding programmes they name.

    prog = programme(name="WIR-Programm", fields=[language])
    p = project(kassel, title="Sprachcafé", field=language, starts_on=date(2026, 1, 1))

Every builder adds, flushes and returns; the test commits (or the client does).
"""

from datetime import date

from app.extensions import db
from app.funding.models import FunderLevel, FundingProgramme, ProgrammeStatus
from app.projects.models import (
    FundingState,
    ProjectApproach,
    ProjectFunding,
    ProjectPartner,
    ProjectStatus,
)


def programme(
    name: str = "WIR-Programm",
    *,
    all_regions: bool = True,
    regions=(),
    fields=(),
    funder: str = "Land Hessen",
    level: str = FunderLevel.STATE,
    status: str = ProgrammeStatus.OPEN,
) -> FundingProgramme:
    obj = FundingProgramme(
        name=name,
        funder=funder,
        funder_level=level,
        status=status,
        all_regions=all_regions,
        description={"de": "Förderung."},
    )
    obj.regions = list(regions)
    obj.fields_of_action = list(fields)
    obj.refresh_search_key()
    db.session.add(obj)
    db.session.flush()
    return obj


def project(
    region,
    title: str = "Sprachcafé Nordstadt",
    *,
    field=None,
    status: str = ProjectStatus.RUNNING,
    starts_on: date | None = None,
    ends_on: date | None = None,
    lead=None,
    lead_name: str = "Volkshochschule",
    partners=(),
    fundings=(),
    proposals=(),
    **columns,
) -> ProjectApproach:
    """`partners`: organisations or names; `fundings`: (programme, state, amount) tuples."""
    obj = ProjectApproach(
        region=region,
        title=title,
        description=columns.pop("description", "Eine Beschreibung."),
        language=columns.pop("language", "de"),
        field_of_action=field,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        lead_organisation=lead,
        lead_name="" if lead else lead_name,
        **columns,
    )
    obj.partners = [
        ProjectPartner(name=partner)
        if isinstance(partner, str)
        else ProjectPartner(organisation=partner)
        for partner in partners
    ]
    obj.fundings = [
        ProjectFunding(programme=prog, state=state, amount=amount)
        for prog, state, amount in fundings
    ]
    obj.proposals = list(proposals)
    obj.refresh_search_key()
    db.session.add(obj)
    db.session.flush()
    return obj


GRANTED = FundingState.GRANTED
APPLIED = FundingState.APPLIED
