"""Consultations with their phases: the published and archived ones (never drafts).

The rule is the read API's (`app.api.consultations.public_consultations`), imported when the
rows are read: the API's modules import the open-data writers, so importing them here at load
time would go round in a circle.
"""

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.consultations.models import Consultation
from app.core.i18n import _l
from app.core.phases import PHASE_ORDER
from app.extensions import db
from app.opendata.datasets.base import (
    Column,
    ColumnType,
    Dataset,
    register,
    translated_columns,
    translated_values,
)

PHASE_NAMES = {
    "information": _l("information phase"),
    "proposals": _l("proposal phase"),
    "discussion": _l("discussion phase"),
    "voting": _l("voting phase"),
    "results": _l("results phase"),
}


def _phase_columns() -> tuple[Column, ...]:
    columns = []
    for kind in PHASE_ORDER:
        name = PHASE_NAMES[kind]
        columns += [
            Column(
                f"{kind}_starts_at",
                ColumnType.DATETIME,
                _l("Start of the %(phase)s; empty when the consultation has none.", phase=name),
            ),
            Column(
                f"{kind}_ends_at",
                ColumnType.DATETIME,
                _l("End of the %(phase)s; empty when the consultation has none.", phase=name),
            ),
        ]
    return tuple(columns)


def _consultation_rows() -> Iterator[dict]:
    from app.api.consultations import proposal_counts, public_consultations

    consultations = db.session.scalars(
        public_consultations()
        .options(selectinload(Consultation.fields_of_action))
        .order_by(Consultation.id)
    ).all()
    counts = proposal_counts([consultation.id for consultation in consultations])
    for consultation in consultations:
        phases = {phase.kind: phase for phase in consultation.phases}
        times = {}
        for kind in PHASE_ORDER:
            phase = phases.get(kind)
            times[f"{kind}_starts_at"] = phase.starts_at if phase else None
            times[f"{kind}_ends_at"] = phase.ends_at if phase else None
        yield {
            "id": consultation.id,
            "region_slug": consultation.region.slug,
            "state": consultation.state,
            **translated_values("title", consultation.title),
            **translated_values("summary", consultation.summary),
            **translated_values("description", consultation.description),
            "easy_language_summary": consultation.easy_language_summary or "",
            "field_of_action_slugs": [field.slug for field in consultation.fields_of_action],
            "moderation": consultation.moderation_mode,
            "voting": consultation.voting_mode,
            **times,
            "published_at": consultation.published_at,
            "archived_at": consultation.archived_at,
            "proposal_count": counts.get(consultation.id, 0),
        }


def _consultations_changed() -> datetime | None:
    from app.api.consultations import public_consultations

    latest = public_consultations().with_only_columns(Consultation.updated_at).subquery()
    return db.session.scalar(select(func.max(latest.c.updated_at)))


register(
    Dataset(
        name="consultations",
        title=_l("Consultations"),
        description=_l(
            "The consultations that are running or finished (drafts never): region, titles and "
            "texts in every language they exist in, fields of action, how contributions are "
            "moderated and how votes are cast, the start and end of each phase, and the number "
            "of published proposals."
        ),
        columns=(
            Column("id", ColumnType.INTEGER, _l("Number of the consultation on Mitreden.")),
            Column("region_slug", ColumnType.TEXT, _l("The region (short name).")),
            Column(
                "state",
                ColumnType.TEXT,
                _l("published (running or announced) or archived (finished)."),
            ),
            *translated_columns("title", _l("Title")),
            *translated_columns("summary", _l("Summary")),
            *translated_columns("description", _l("Description (Markdown)")),
            Column(
                "easy_language_summary",
                ColumnType.TEXT,
                _l("Summary in Leichte Sprache (German); empty when there is none."),
            ),
            Column(
                "field_of_action_slugs",
                ColumnType.TEXT,
                _l("Fields of action of the consultation (their short names)."),
                is_list=True,
            ),
            Column(
                "moderation",
                ColumnType.TEXT,
                _l(
                    "pre: contributions appear after a review; post: at once, reviewed when "
                    "someone reports them."
                ),
            ),
            Column(
                "voting",
                ColumnType.TEXT,
                _l("support (votes of support only) or for_against (for and against)."),
            ),
            *_phase_columns(),
            Column("published_at", ColumnType.DATETIME, _l("When it was published.")),
            Column(
                "archived_at",
                ColumnType.DATETIME,
                _l("When it was archived; empty while it runs."),
            ),
            Column(
                "proposal_count",
                ColumnType.INTEGER,
                _l("Number of its published proposals."),
            ),
        ),
        rows=_consultation_rows,
        last_changed=_consultations_changed,
    )
)
