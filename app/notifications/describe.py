"""What a notification says and where it leads, in the reader's language.

Composed when shown or mailed, never stored, so it follows the reader's language and the
current state: a proposal that is no longer public is not named to anyone but its author.
Texts quote no contribution body, only titles and names that are public anyway.
"""

from dataclasses import dataclass

from flask import url_for

from app.core.i18n import _
from app.core.models import ModerationState
from app.core.phases import PHASE_NAMES
from app.notifications import kinds


@dataclass(frozen=True)
class Described:
    text: str
    url: str
    # Digests group by consultation: (consultation id or 0, its title or "").
    group: tuple[int, str]
    # A moderator's or coordinator's reason, shown under the text (never a contribution body).
    detail: str = ""


def _isolated(text: str) -> str:
    """A name or title inside a sentence, isolated in its own direction (U+2068 ... U+2069):
    an Arabic title in a German sentence, or a Latin one in an Arabic sentence, then keeps its
    quotation marks and the sentence's word order where they belong."""
    return f"\u2068{text}\u2069" if text else text


def _actor(notification) -> str:
    actor = notification.actor
    return _isolated(actor.display_name) if actor is not None else _("Someone")


def _proposal_title(notification) -> str:
    proposal = notification.proposal
    return _isolated(proposal.title) if proposal is not None else ""


def _about_a_withdrawn_proposal(notification) -> bool:
    """Is it about a proposal that is no longer public, read by someone other than its author?
    (Moderators are told about pending and reported items by consultation, never by title.)"""
    proposal = notification.proposal
    if proposal is None or notification.kind == kinds.MODERATION_WAITING:
        return False
    public = proposal.moderation_state == ModerationState.PUBLISHED
    return not public and proposal.author_id != notification.user_id


def _proposal_url(notification, anchor: str | None = None) -> str:
    proposal = notification.proposal
    return url_for(
        "proposals.detail",
        consultation_id=proposal.consultation_id,
        proposal_id=proposal.id,
        _anchor=anchor,
    )


def _consultation_url(notification) -> str:
    return url_for("consultations.detail", consultation_id=notification.consultation_id)


def _organisation_name(notification) -> str:
    organisation = notification.organisation
    return _isolated(organisation.name) if organisation is not None else ""


def _group(notification) -> tuple[int, str]:
    consultation = notification.consultation
    if consultation is None:
        return (0, "")
    return (consultation.id, str(consultation.heading()))


def describe(notification) -> Described:
    """Text, link and group of one notification, in the current locale."""
    from app.moderation.models import ACTION_NAMES, REASON_NAMES
    from app.proposals.models import STATUS_NAMES

    if _about_a_withdrawn_proposal(notification):
        return Described(
            text=_("This was about a proposal that is no longer public."),
            url="",
            group=_group(notification),
        )
    params = notification.params or {}
    kind = notification.kind
    detail = ""
    if kind == kinds.COMMENT_REPLY:
        text = _(
            "%(name)s replied to your comment on “%(title)s”.",
            name=_actor(notification),
            title=_proposal_title(notification),
        )
        url = _proposal_url(notification, f"comment-{notification.contribution_id}")
    elif kind == kinds.PROPOSAL_COMMENT:
        text = _(
            "%(name)s commented on “%(title)s”.",
            name=_actor(notification),
            title=_proposal_title(notification),
        )
        url = _proposal_url(notification, f"comment-{notification.contribution_id}")
    elif kind == kinds.PROPOSAL_UPDATE:
        status = STATUS_NAMES.get(params.get("status"), params.get("status", ""))
        if params.get("answered"):
            text = _(
                "The region answered “%(title)s”: %(status)s.",
                title=_proposal_title(notification),
                status=status,
            )
        else:
            text = _(
                "The status of “%(title)s” is now: %(status)s.",
                title=_proposal_title(notification),
                status=status,
            )
        url = _proposal_url(notification)
    elif kind == kinds.NEW_PROPOSAL:
        text = _("New proposal: “%(title)s”.", title=_proposal_title(notification))
        url = _proposal_url(notification)
    elif kind == kinds.PHASE_STARTED:
        phase = PHASE_NAMES.get(params.get("phase"), params.get("phase", ""))
        text = _(
            "“%(consultation)s” is now in the phase: %(phase)s.",
            consultation=_isolated(_group(notification)[1]),
            phase=phase,
        )
        url = _consultation_url(notification)
    elif kind == kinds.ORGANISATION_STATEMENT:
        text = _(
            "%(organisation)s made a statement on “%(consultation)s”.",
            organisation=_organisation_name(notification),
            consultation=_isolated(_group(notification)[1]),
        )
        url = url_for(
            "statements.detail",
            consultation_id=notification.consultation_id,
            statement_id=notification.contribution_id,
        )
    elif kind == kinds.MODERATION_DECISION:
        text = _moderation_text(notification, params, ACTION_NAMES)
        detail = _decision_reason(notification, REASON_NAMES)
        url = url_for("moderation.mine")
    elif kind == kinds.APPEAL_OUTCOME:
        if params.get("outcome") == "reversed":
            text = _("Your appeal was successful: your contribution is published again.")
        else:
            text = _("Your appeal was not successful: the decision stands.")
        detail = _appeal_note(notification)
        url = url_for("moderation.mine")
    elif kind == kinds.REPORT_OUTCOME:
        if params.get("hidden"):
            text = _("A contribution you reported was hidden. Thank you.")
        else:
            text = _("A contribution you reported was checked and stays published.")
        url = _consultation_url(notification) if notification.consultation_id else ""
    elif kind == kinds.ORGANISATION_REVIEW:
        text = _organisation_review_text(notification, params)
        detail = _organisation_reason(params)
        url = url_for("organisations.manage", organisation_id=notification.organisation_id)
    elif kind == kinds.ORGANISATION_INVITATION:
        text = _(
            "%(organisation)s invited you to join it on Mitreden.",
            organisation=_organisation_name(notification),
        )
        url = url_for("organisations.mine")
    elif kind == kinds.MODERATION_WAITING:
        if params.get("reported"):
            text = _(
                "A contribution in “%(consultation)s” was reported.",
                consultation=_isolated(_group(notification)[1]),
            )
        else:
            text = _(
                "A new contribution in “%(consultation)s” waits for review.",
                consultation=_isolated(_group(notification)[1]),
            )
        url = url_for("moderation.item", contribution_id=notification.contribution_id)
    else:
        raise KeyError(f"unknown notification kind {kind!r}")
    return Described(text=text, url=url, group=_group(notification), detail=detail)


def _moderation_text(notification, params, action_names) -> str:
    action = params.get("action")
    # Statements and concept comments belong to no proposal: name the consultation instead.
    title = _proposal_title(notification) or _isolated(_group(notification)[1])
    if action == "approve":
        return _("Your contribution on “%(title)s” was checked and published.", title=title)
    if action == "restore":
        return _("Your contribution on “%(title)s” is published again.", title=title)
    if action == "auto_hide":
        return _(
            "Your contribution on “%(title)s” was hidden after several reports until a moderator "
            "checks it.",
            title=title,
        )
    if action == "reject":
        return _("Your contribution on “%(title)s” was not published.", title=title)
    return _("Your contribution on “%(title)s” was hidden.", title=title)


def _decision_reason(notification, reason_names) -> str:
    decision = notification.decision
    if decision is None or not decision.reason:
        return ""
    reason = str(reason_names.get(decision.reason, decision.reason))
    if decision.note_to_author:
        return _("Reason: %(reason)s. %(note)s", reason=reason, note=decision.note_to_author)
    return _("Reason: %(reason)s.", reason=reason)


def _organisation_review_text(notification, params) -> str:
    name = _organisation_name(notification)
    action = params.get("action")
    if action == "verify":
        return _("%(organisation)s is now verified.", organisation=name)
    if action == "decline":
        return _("The verification of %(organisation)s was declined.", organisation=name)
    return _("The verification of %(organisation)s was withdrawn.", organisation=name)


def _appeal_note(notification) -> str:
    decision = notification.decision
    appeal = decision.appeal if decision is not None else None
    if appeal is None or not appeal.resolution_note:
        return ""
    return _("Reason: %(reason)s", reason=appeal.resolution_note)


def _organisation_reason(params) -> str:
    """The coordinator's reason for a decline or withdrawal (params["review_id"])."""
    from app.extensions import db
    from app.organisations.models import VerificationDecision

    review = db.session.get(VerificationDecision, params.get("review_id") or 0)
    if review is None or not review.reason:
        return ""
    return _("Reason: %(reason)s", reason=review.reason)
