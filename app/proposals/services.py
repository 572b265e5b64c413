"""Changes to proposals: submit, edit, withdraw, answer. Each checks, writes and flushes."""

from app.consultations.models import Consultation
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import require
from app.extensions import db
from app.moderation.abuse import check_new_text
from app.notifications import events, follows
from app.organisations.services import speaking_for
from app.proposals import search
from app.proposals.models import OfficialResponse, Proposal, ProposalRevision, ProposalStatus
from app.regions.models import FieldOfAction


def allowed_fields_of_action(consultation: Consultation) -> list[FieldOfAction]:
    """The consultation's own fields of action, or its region's when it names none."""
    return list(consultation.fields_of_action or consultation.region.fields_of_action)


def _field_of_action(consultation: Consultation, field_id: int | None) -> FieldOfAction | None:
    if not field_id:
        return None
    for field in allowed_fields_of_action(consultation):
        if field.id == field_id:
            return field
    raise DomainError(
        _("Please choose a field of action of this consultation."), field="field_of_action"
    )


def submit_proposal(
    user,
    consultation: Consultation,
    title: str,
    body: str,
    language: str,
    field_id: int | None,
    organisation_id: int | None = None,
) -> Proposal:
    require(user, "proposal.submit", consultation)
    organisation = speaking_for(user, organisation_id)
    check_new_text(user, body)
    proposal = Proposal(
        consultation=consultation,
        author_id=user.id,
        organisation=organisation,
        title=title.strip(),
        body=body.strip(),
        language=language,
        field_of_action=_field_of_action(consultation, field_id),
        moderation_state=consultation.initial_moderation_state(),
    )
    db.session.add(proposal)
    db.session.flush()
    search.index_proposal(proposal)
    # Authors follow their own proposals, also while one waits for review.
    follows.follow(user, proposal, check=False)
    events.contribution_written(proposal, user.id)
    return proposal


def edit_proposal(
    user,
    proposal: Proposal,
    title: str,
    body: str,
    language: str,
    field_id: int | None,
    seen_revision_count: int,
) -> Proposal:
    """Change title and text; the previous version is kept as a revision.

    `seen_revision_count` is what the edit form showed: if someone saved in between, the
    edit is refused instead of silently overwriting it.
    """
    require(user, "proposal.edit", proposal)
    if seen_revision_count != len(proposal.revisions):
        raise DomainError(
            _(
                "This proposal was changed after you opened the form. Please copy your text, "
                "reload the page and apply your change again."
            ),
            status_code=409,
        )
    title, body = title.strip(), body.strip()
    field = _field_of_action(proposal.consultation, field_id)
    if (title, body, language, field) == (
        proposal.title,
        proposal.body,
        proposal.language,
        proposal.field_of_action,
    ):
        return proposal  # nothing changed: no revision, no "edited" mark
    proposal.revisions.append(ProposalRevision(title=proposal.title, body=proposal.body))
    proposal.title, proposal.body, proposal.language = title, body, language
    proposal.field_of_action = field
    proposal.edited_at = utcnow_naive()
    db.session.flush()
    search.index_proposal(proposal)
    return proposal


def withdraw_proposal(user, proposal: Proposal) -> None:
    """The author withdraws: the proposal stays visible, marked withdrawn, and takes no votes."""
    require(user, "proposal.withdraw", proposal)
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.withdrawn_at = utcnow_naive()
    db.session.flush()
    events.proposal_withdrawn(proposal, user)


def answer_proposal(user, proposal: Proposal, status: str, body: str) -> OfficialResponse:
    """The region's public, reasoned answer, which also sets the proposal's status."""
    require(user, "proposal.answer", proposal)
    if status not in ProposalStatus.ANSWERABLE:
        raise DomainError(_("Please choose a status from the list."), field="status")
    if proposal.is_withdrawn:
        raise DomainError(_("A withdrawn proposal cannot be answered any more."))
    response = OfficialResponse(
        proposal=proposal, author_id=user.id, status=status, body=body.strip()
    )
    db.session.add(response)
    proposal.status = status
    db.session.flush()
    events.proposal_answered(response, user)
    return response
