"""Consultations with their phases: the published and archived ones (drafts are nobody's
business but their makers')."""

from typing import Literal

from flask import url_for
from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.api.listing import ListQuery, Page, first_or_404, page_of
from app.api.models import Schema, TranslatedText, UtcDateTime, texts
from app.api.pagination import Order, fetch_page
from app.api.proposals import PUBLIC_CONSULTATION_STATES, public_proposals
from app.api.spec import endpoint
from app.consultations.models import Consultation, consultation_fields_of_action
from app.core.clock import utcnow_naive
from app.core.phases import active_phase
from app.extensions import db
from app.proposals.models import Proposal
from app.regions.models import FieldOfAction, Region

TAG = "Consultations"
PhaseKind = Literal["information", "proposals", "discussion", "voting", "results"]

ORDERS = {
    "newest": Order("newest", (Consultation.id,), descending=True),
    "oldest": Order("oldest", (Consultation.id,), descending=False),
}


class ConsultationQuery(ListQuery):
    region: str | None = Field(default=None, max_length=60, description="A region's slug.")
    field: str | None = Field(default=None, max_length=60, description="A field of action's slug.")
    state: Literal["published", "archived"] | None = Field(
        default=None, description="Running (published) or finished and archived."
    )
    phase: PhaseKind | None = Field(default=None, description="The phase running now.")
    sort: Literal["newest", "oldest"] = Field(
        default="newest", description="By the time the consultation was created."
    )


class PhaseOut(Schema):
    kind: PhaseKind
    starts_at: UtcDateTime
    ends_at: UtcDateTime


class ConsultationOut(Schema):
    id: int
    region: str = Field(description="The region's slug.")
    title: TranslatedText
    summary: TranslatedText
    description: TranslatedText
    easy_language_summary: str = Field(description="A summary in Leichte Sprache (German).")
    state: Literal["published", "archived"]
    fields_of_action: list[str] = Field(description="Slugs of its fields of action.")
    moderation: Literal["pre", "post"] = Field(
        description="`pre`: contributions appear after review; `post`: at once, reviewed "
        "when reported."
    )
    voting: Literal["support", "for_against"]
    phases: list[PhaseOut] = Field(description="In the order they run.")
    current_phase: PhaseKind | None = Field(description="The phase running now, if any.")
    published_at: UtcDateTime | None
    archived_at: UtcDateTime | None
    proposal_count: int = Field(description="Published proposals.")
    url: str = Field(description="The consultation's page on the site.")
    proposals: str = Field(description="The API address of its proposals.")

    @classmethod
    def of(cls, consultation: Consultation, proposal_count: int) -> "ConsultationOut":
        running = active_phase(consultation, utcnow_naive())
        return cls(
            id=consultation.id,
            region=consultation.region.slug,
            title=texts(consultation.title),
            summary=texts(consultation.summary),
            description=texts(consultation.description),
            easy_language_summary=consultation.easy_language_summary or "",
            state=consultation.state,
            fields_of_action=[field.slug for field in consultation.fields_of_action],
            moderation=consultation.moderation_mode,
            voting=consultation.voting_mode,
            phases=[PhaseOut.model_validate(phase) for phase in consultation.phases],
            current_phase=running.kind if running else None,
            published_at=consultation.published_at,
            archived_at=consultation.archived_at,
            proposal_count=proposal_count,
            url=url_for("consultations.detail", consultation_id=consultation.id, _external=True),
            proposals=url_for("api.proposals", consultation=consultation.id, _external=True),
        )


class ConsultationPage(Page[ConsultationOut]):
    pass


def public_consultations():
    return select(Consultation).where(Consultation.state.in_(PUBLIC_CONSULTATION_STATES))


def proposal_counts(consultation_ids: list[int]) -> dict[int, int]:
    """Published proposals per consultation, in one statement."""
    if not consultation_ids:
        return {}
    visible = public_proposals().where(Proposal.consultation_id.in_(consultation_ids)).subquery()
    rows = db.session.execute(
        select(visible.c.consultation_id, func.count()).group_by(visible.c.consultation_id)
    )
    return dict(rows.all())


def _running_phase_ids(kind: str):
    from app.consultations.models import Phase

    moment = utcnow_naive()
    return select(Phase.consultation_id).where(
        Phase.kind == kind, Phase.starts_at <= moment, Phase.ends_at > moment
    )


def _filtered(query, filters: ConsultationQuery):
    if filters.region:
        query = query.join(Region, Region.id == Consultation.region_id).where(
            Region.slug == filters.region
        )
    if filters.field:
        query = query.where(
            Consultation.id.in_(
                select(consultation_fields_of_action.c.consultation_id)
                .join(
                    FieldOfAction,
                    FieldOfAction.id == consultation_fields_of_action.c.field_of_action_id,
                )
                .where(FieldOfAction.slug == filters.field)
            )
        )
    if filters.state:
        query = query.where(Consultation.state == filters.state)
    if filters.phase:
        query = query.where(Consultation.id.in_(_running_phase_ids(filters.phase)))
    return query


@endpoint(
    "/consultations",
    tag=TAG,
    summary="Published and archived consultations",
    query=ConsultationQuery,
    response=ConsultationPage,
    paginated=True,
)
def consultations(query: ConsultationQuery):
    statement = _filtered(public_consultations(), query).options(
        selectinload(Consultation.fields_of_action)
    )
    window = fetch_page(
        db.session,
        statement,
        ORDERS[query.sort],
        query.limit,
        query.cursor,
        lambda consultation: (consultation.id,),
    )
    counts = proposal_counts([consultation.id for consultation in window.items])
    items = [ConsultationOut.of(item, counts.get(item.id, 0)) for item in window.items]
    return page_of(ConsultationPage, items, window, query.limit)


@endpoint(
    "/consultations/<int:consultation_id>",
    tag=TAG,
    summary="One consultation with its phases",
    response=ConsultationOut,
)
def consultation(consultation_id: int):
    found = first_or_404(public_consultations().where(Consultation.id == consultation_id))
    return ConsultationOut.of(found, proposal_counts([found.id]).get(found.id, 0))
