"""Builders for the notification pages: a world with a consultation, a proposal and an
organisation, and notification rows written straight into the table.

    w = world()
    n = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, actor=w.author)
"""

from datetime import datetime
from types import SimpleNamespace

from app.extensions import db
from app.moderation.models import Appeal, ModerationDecision
from app.notifications import kinds
from app.notifications.models import Notification
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.factories import make_region, make_user


def appealed_decision(comment, appellant) -> ModerationDecision:
    """A decision to hide `comment`, appealed and confirmed."""
    decision = ModerationDecision(
        contribution_id=comment.id,
        action="hide",
        reason="spam",
        note_to_author="Bitte ohne Werbung.",
        state_before="published",
        state_after="hidden",
    )
    db.session.add(decision)
    db.session.flush()
    db.session.add(
        Appeal(
            decision_id=decision.id,
            author_id=appellant.id,
            note="Das war keine Werbung.",
            outcome="confirmed",
            resolution_note="Der Link führt zu einem Shop.",
        )
    )
    db.session.flush()
    return decision


def world(locale: str = "en") -> SimpleNamespace:
    region = make_region()
    author = make_user(display_name="Amira Haddad", locale=locale)
    reader = make_user(display_name="Jonas Weber", locale=locale)
    consultation = build.consultation(
        region, title={"de": "Sprachkurse in Kassel", "en": "Language courses in Kassel"}
    )
    proposal = build.proposal(consultation, author, title="Abendkurse für Berufstätige")
    comment = build.comment(proposal, reader, body="Sehr gute Idee, bitte auch am Samstag.")
    organisation = orgs.organisation(region, name="Kulturverein Brücke e. V.", admins=[author])
    decision = appealed_decision(comment, reader)
    return SimpleNamespace(
        region=region,
        author=author,
        reader=reader,
        consultation=consultation,
        proposal=proposal,
        comment=comment,
        organisation=organisation,
        decision=decision,
    )


def notify(
    user,
    kind: str,
    *,
    consultation=None,
    proposal=None,
    contribution=None,
    organisation=None,
    decision=None,
    actor=None,
    params: dict | None = None,
    created_at: datetime | None = None,
    read_at: datetime | None = None,
) -> Notification:
    if proposal is not None and consultation is None:
        consultation = proposal.consultation
    row = Notification(
        user_id=user.id,
        kind=kind,
        consultation_id=consultation.id if consultation is not None else None,
        proposal_id=proposal.id if proposal is not None else None,
        contribution_id=contribution.id if contribution is not None else None,
        organisation_id=organisation.id if organisation is not None else None,
        decision_id=decision.id if decision is not None else None,
        actor_id=actor.id if actor is not None else None,
        params=params or {},
        read_at=read_at,
    )
    if created_at is not None:
        row.created_at = created_at
    db.session.add(row)
    db.session.flush()
    return row


def one_of_each(user, w, **columns) -> list[Notification]:
    """One notification of each kind that references something (for the query budget); each
    call with a decision and appeal of its own, as a real list has."""
    decision = appealed_decision(w.comment, w.reader)
    return [
        notify(
            user,
            kinds.COMMENT_REPLY,
            proposal=w.proposal,
            contribution=w.comment,
            actor=w.author,
            **columns,
        ),
        notify(
            user,
            kinds.PROPOSAL_UPDATE,
            proposal=w.proposal,
            actor=w.author,
            params={"status": "accepted", "answered": True},
            **columns,
        ),
        notify(
            user,
            kinds.PHASE_STARTED,
            consultation=w.consultation,
            params={"phase": "voting"},
            **columns,
        ),
        notify(
            user,
            kinds.MODERATION_DECISION,
            proposal=w.proposal,
            contribution=w.comment,
            decision=decision,
            params={"action": "hide"},
            **columns,
        ),
        notify(
            user,
            kinds.APPEAL_OUTCOME,
            contribution=w.comment,
            consultation=w.consultation,
            decision=decision,
            params={"outcome": "confirmed"},
            **columns,
        ),
        notify(
            user,
            kinds.ORGANISATION_INVITATION,
            organisation=w.organisation,
            actor=w.author,
            params={"role": "member"},
            **columns,
        ),
    ]
