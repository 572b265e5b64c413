"""On-site events and the contributions collected there, entered by the region's coordination.

The coordinator who enters them is their recorded author (accountable for the transcription);
pages show them as "collected on site at <event>". They skip pre-moderation, because staff enter
them, but can be reported and moderated like every contribution.
"""

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func

from app.comments.models import Comment, Stance
from app.consultations.models import Consultation
from app.core.clock import now
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.models import Contribution, ModerationState
from app.core.permissions import require
from app.extensions import db
from app.notifications import events
from app.onsite.models import EventFormat, OnSiteEvent
from app.proposals import search
from app.proposals.models import Proposal
from app.proposals.services import allowed_fields_of_action


@dataclass
class EventDetails:
    name: str
    place: str
    held_on: date
    format: str
    participant_count: int | None


def _apply(event: OnSiteEvent, details: EventDetails) -> None:
    if details.format not in EventFormat.ALL:
        raise DomainError(_("Please choose a format from the list."), field="format")
    today = now().astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    if details.held_on > today:
        raise DomainError(
            _("Please enter events after they took place, not before."), field="held_on"
        )
    event.name = details.name.strip()
    event.place = details.place.strip()
    event.held_on = details.held_on
    event.format = details.format
    event.participant_count = details.participant_count


def create_event(user, consultation: Consultation, details: EventDetails) -> OnSiteEvent:
    require(user, "onsite.record", consultation)
    event = OnSiteEvent(consultation=consultation, recorded_by_id=user.id)
    _apply(event, details)
    db.session.add(event)
    db.session.flush()
    return event


def edit_event(user, event: OnSiteEvent, details: EventDetails) -> None:
    require(user, "onsite.record", event.consultation)
    _apply(event, details)
    db.session.flush()


def delete_event(user, event: OnSiteEvent) -> None:
    """Only an event without contributions can go; otherwise their origin would be lost."""
    require(user, "onsite.record", event.consultation)
    if contribution_count(event):
        raise DomainError(
            _("This event has contributions and cannot be deleted. You can correct its details.")
        )
    db.session.delete(event)
    db.session.flush()


def contribution_count(event: OnSiteEvent) -> int:
    return db.session.scalar(
        db.select(func.count(Contribution.id)).where(Contribution.on_site_event_id == event.id)
    )


def record_proposal(
    user, event: OnSiteEvent, title: str, body: str, language: str, field_id: int | None
) -> Proposal:
    consultation = event.consultation
    require(user, "onsite.record", consultation)
    field = None
    if field_id:
        field = next((f for f in allowed_fields_of_action(consultation) if f.id == field_id), None)
        if field is None:
            raise DomainError(
                _("Please choose a field of action of this consultation."),
                field="field_of_action",
            )
    proposal = Proposal(
        consultation=consultation,
        author_id=user.id,
        on_site_event=event,
        title=title.strip(),
        body=body.strip(),
        language=language,
        field_of_action=field,
        moderation_state=ModerationState.PUBLISHED,
    )
    db.session.add(proposal)
    db.session.flush()
    search.index_proposal(proposal)
    _announce(proposal, user)
    return proposal


def record_comment(
    user,
    event: OnSiteEvent,
    proposal: Proposal | None,
    body: str,
    language: str,
    stance: str | None,
) -> Comment:
    consultation = event.consultation
    require(user, "onsite.record", consultation)
    usable = (
        proposal is not None
        and proposal.consultation_id == consultation.id
        and proposal.is_visible
        and not proposal.is_withdrawn
    )
    if not usable:
        raise DomainError(
            _("Please choose a published, not withdrawn proposal of this consultation."),
            field="proposal",
        )
    if stance and stance not in Stance.ALL:
        raise DomainError(_("Please choose a stance from the list."), field="stance")
    comment = Comment(
        consultation_id=consultation.id,
        proposal_id=proposal.id,
        author_id=user.id,
        on_site_event=event,
        body=body.strip(),
        language=language,
        stance=stance or None,
        moderation_state=ModerationState.PUBLISHED,
    )
    db.session.add(comment)
    proposal.comment_count = Proposal.comment_count + 1
    db.session.flush()
    _announce(comment, user)
    return comment


def _announce(contribution, recorder) -> None:
    """Followers hear of what was said on site like of anything published online; the person
    who said it has no account, so no one is named, and the recorder is not told."""
    events.contribution_published(contribution, None, exclude=[recorder.id])
