"""Builders for participation data: consultations in a given phase, proposals, comments, votes.

Kept apart from tests/factories.py (which builds accounts and regions). Every builder adds,
flushes and returns; the test commits (or the IsolatedClient does before its next request).

    c = consultation(phase="voting", vote_budget=2)
    p = proposal(c, author, title="Mehr Sprachkurse")
    comment(p, someone, body="Gute Idee", stance="in_favour")
"""

import itertools
from datetime import datetime, timedelta

from app.comments.models import Comment
from app.consultations.models import Consultation, ConsultationState, Phase
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.core.phases import PHASE_ORDER
from app.extensions import db
from app.proposals.models import OfficialResponse, Proposal, ProposalStatus
from app.proposals.search import index_proposal
from app.votes.models import Vote
from tests.factories import make_region

PHASE_DAYS = 10
NO_PHASE = "none"
_sequence = itertools.count(1)


def phase_windows(phase: str | None, now: datetime | None = None) -> dict:
    """{kind: (start, end)}: five phases of PHASE_DAYS days each, one after the other.

    The phase named `phase` runs from now - 5 days to now + 5 days. With `phase` None or
    "none", no phase is running now: all five lie ahead, the first starting in 5 days.
    """
    now = now or utcnow_naive()
    length = timedelta(days=PHASE_DAYS)
    if phase in (None, NO_PHASE):
        first_start = now + length / 2
    else:
        first_start = now - length / 2 - PHASE_ORDER.index(phase) * length
    return {
        kind: (first_start + index * length, first_start + (index + 1) * length)
        for index, kind in enumerate(PHASE_ORDER)
    }


def consultation(region=None, phase: str | None = "proposals", **settings) -> Consultation:
    """A published consultation whose phase `phase` is active now.

    Settings: any Consultation column (moderation_mode, voting_mode, vote_budget,
    answer_threshold, eligibility, state, title ...), plus
    `fields_of_action` (list) and `phases` (the kinds to create; default all five).
    """
    number = next(_sequence)
    kinds = settings.pop("phases", PHASE_ORDER)
    fields = settings.pop("fields_of_action", [])
    state = settings.pop("state", ConsultationState.PUBLISHED)
    now = utcnow_naive()
    obj = Consultation(
        region=region or make_region(),
        title=settings.pop(
            "title", {"de": f"Beteiligung {number}", "en": f"Consultation {number}"}
        ),
        summary=settings.pop("summary", {}),
        description=settings.pop("description", {}),
        state=state,
        published_at=now if state != ConsultationState.DRAFT else None,
        archived_at=now if state == ConsultationState.ARCHIVED else None,
        **settings,
    )
    obj.fields_of_action = list(fields)
    for kind, (start, end) in phase_windows(phase, now).items():
        if kind in kinds:
            obj.phases.append(Phase(kind=kind, starts_at=start, ends_at=end))
    db.session.add(obj)
    db.session.flush()
    return obj


def proposal(
    consultation: Consultation,
    author,
    title: str | None = None,
    body: str | None = None,
    *,
    language: str = "de",
    field_of_action=None,
    moderation_state: str = ModerationState.PUBLISHED,
    status: str = ProposalStatus.SUBMITTED,
    created_at: datetime | None = None,
    **columns,
) -> Proposal:
    """A proposal written straight into the tables (no phase check) and into the search index."""
    number = next(_sequence)
    obj = Proposal(
        consultation=consultation,
        author_id=author.id if author is not None else None,
        title=title or f"Vorschlag Nummer {number}",
        body=body or f"Beschreibung des Vorschlags Nummer {number}, lang genug.",
        language=language,
        field_of_action=field_of_action,
        moderation_state=moderation_state,
        status=status,
        **columns,
    )
    if status == ProposalStatus.WITHDRAWN and obj.withdrawn_at is None:
        obj.withdrawn_at = utcnow_naive()
    if created_at is not None:
        obj.created_at = created_at
    db.session.add(obj)
    db.session.flush()
    index_proposal(obj)
    db.session.flush()
    return obj


def comment(
    proposal: Proposal,
    author,
    body: str | None = None,
    *,
    parent: Comment | None = None,
    stance: str | None = None,
    language: str = "de",
    moderation_state: str = ModerationState.PUBLISHED,
    created_at: datetime | None = None,
    **columns,
) -> Comment:
    """A comment (or reply to `parent`) written straight into the tables; keeps comment_count."""
    number = next(_sequence)
    obj = Comment(
        consultation_id=proposal.consultation_id,
        proposal_id=proposal.id,
        parent_id=parent.id if parent is not None else None,
        author_id=author.id if author is not None else None,
        body=body or f"Kommentar Nummer {number}",
        language=language,
        stance=stance,
        moderation_state=moderation_state,
        **columns,
    )
    if created_at is not None:
        obj.created_at = created_at
    db.session.add(obj)
    if moderation_state in ModerationState.VISIBLE and obj.deleted_at is None:
        proposal.comment_count = (proposal.comment_count or 0) + 1
    db.session.flush()
    return obj


def vote(proposal: Proposal, user, value: int = 1) -> Vote:
    """A vote written straight into the table; keeps the proposal's counters."""
    obj = Vote(
        user_id=user.id,
        proposal_id=proposal.id,
        consultation_id=proposal.consultation_id,
        value=value,
    )
    db.session.add(obj)
    if value == 1:
        proposal.votes_for = (proposal.votes_for or 0) + 1
    else:
        proposal.votes_against = (proposal.votes_against or 0) + 1
    db.session.flush()
    return obj


def official_answer(proposal: Proposal, author, status: str, body: str | None = None):
    """The region's answer written straight into the tables; sets the proposal's status."""
    obj = OfficialResponse(
        proposal=proposal,
        author_id=author.id if author is not None else None,
        status=status,
        body=body or "Die Region hat den Vorschlag geprüft und antwortet hiermit.",
    )
    db.session.add(obj)
    proposal.status = status
    db.session.flush()
    return obj


# --- paths -------------------------------------------------------------------------------------


def consultation_url(consultation: Consultation) -> str:
    return f"/consultations/{consultation.id}"


def proposal_url(proposal: Proposal, suffix: str = "") -> str:
    return f"/consultations/{proposal.consultation_id}/proposals/{proposal.id}{suffix}"


def comment_url(comment: Comment, suffix: str = "") -> str:
    return (
        f"/consultations/{comment.consultation_id}/proposals/{comment.proposal_id}"
        f"/comments/{comment.id}{suffix}"
    )
