"""Voting: post, redirect, get without JavaScript; JSON for the script that avoids a reload."""

from flask import current_app, flash, jsonify, redirect, request, url_for
from flask_login import current_user, login_required

from app.consultations.queries import consultation_or_404
from app.core.errors import DomainError
from app.core.forms import EmptyForm
from app.core.i18n import _
from app.extensions import db, limiter
from app.moderation.abuse import per_account_key
from app.proposals import queries as proposal_queries
from app.votes import bp, services

RETRACT = 0


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _apply_vote(proposal, raw_value: str | None) -> str:
    try:
        value = int(raw_value or "")
    except ValueError:
        value = None
    if value == RETRACT:
        services.retract_vote(current_user, proposal)
        return _("Your vote has been taken back.")
    if value in (services.FOR, services.AGAINST):
        services.cast_vote(current_user, proposal, value)
        return _("Your vote has been counted.")
    raise DomainError(_("This kind of vote is not possible in this consultation."))


@bp.route("/<int:proposal_id>/vote", methods=["POST"])
@login_required
@limiter.limit(lambda: current_app.config["RATELIMIT_VOTING"], key_func=per_account_key)
def vote(consultation_id: int, proposal_id: int):
    consultation = consultation_or_404(consultation_id)
    proposal = proposal_queries.proposal_or_404(consultation, proposal_id, current_user)
    if request.form.get("back") == "list":
        target = url_for("consultations.detail", consultation_id=consultation.id)
    else:
        target = url_for(
            "proposals.detail", consultation_id=consultation.id, proposal_id=proposal.id
        )
    target += f"#proposal-{proposal.id}"
    try:
        if not EmptyForm().validate_on_submit():
            raise DomainError(_("The form has expired. Please send it again."))
        message = _apply_vote(proposal, request.form.get("value"))
    except DomainError as error:
        db.session.rollback()
        if _wants_json():
            return jsonify(message=str(error.message)), error.status_code
        flash(error.message, "error")
        return redirect(target)
    if _wants_json():
        return jsonify(message=message, **vote_state(consultation, proposal.id))
    flash(message, "success")
    return redirect(target)


def vote_state(consultation, proposal_id: int) -> dict:
    """The counts and the viewer's vote after a change, for the script to show."""
    from app.proposals.models import Proposal

    proposal = db.session.get(Proposal, proposal_id)
    return {
        "my_vote": services.user_votes(current_user, [proposal_id]).get(proposal_id),
        "votes_for": proposal.votes_for,
        "votes_against": proposal.votes_against,
        "votes_left": services.votes_left(current_user, consultation),
    }
