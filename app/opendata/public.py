"""What may be published about the transparency thread, as queries: shared by the open-data
datasets (datasets.py) and the read API (app/api), so both follow one rule.

- A link to a proposal is shown only while anyone may read the proposal: published (not
  pending, hidden or rejected) in a published or archived consultation.
- An action concept is public in its published versions; "current" is each region's latest
  published version. Drafts never appear.
"""

from collections import defaultdict

from sqlalchemy import Table, func, select

from app.concepts.models import ConceptVersion, VersionState
from app.consultations.models import Consultation, ConsultationState
from app.core.models import Contribution, ModerationState
from app.extensions import db


def public_proposal_ids(link: Table, owner_column: str, owner_ids: list[int]) -> dict:
    """{owner id: [proposal ids]} of the links to proposals anyone may read now: published
    (not pending, hidden or rejected) in a published or archived consultation."""
    if not owner_ids:
        return {}
    owner = link.c[owner_column]
    rows = db.session.execute(
        select(owner, link.c.proposal_id)
        .join(Contribution, Contribution.id == link.c.proposal_id)
        .join(Consultation, Consultation.id == Contribution.consultation_id)
        .where(
            owner.in_(owner_ids),
            Contribution.moderation_state.in_(ModerationState.VISIBLE),
            Consultation.state.in_((ConsultationState.PUBLISHED, ConsultationState.ARCHIVED)),
        )
        .order_by(owner, link.c.proposal_id)
    ).all()
    linked = defaultdict(list)
    for owner_id, proposal_id in rows:
        linked[owner_id].append(proposal_id)
    return linked


def published_version_ids():
    """SELECT of the ids of every published concept version (drafts never)."""
    return select(ConceptVersion.id).where(ConceptVersion.state == VersionState.PUBLISHED)


def current_version_ids():
    """SELECT of the ids of each region's latest published concept version."""
    latest = (
        select(ConceptVersion.region_id, func.max(ConceptVersion.number).label("number"))
        .where(ConceptVersion.state == VersionState.PUBLISHED)
        .group_by(ConceptVersion.region_id)
        .subquery()
    )
    return select(ConceptVersion.id).join(
        latest,
        (ConceptVersion.region_id == latest.c.region_id)
        & (ConceptVersion.number == latest.c.number),
    )
