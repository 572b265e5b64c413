"""Writing, answering, editing and deleting comments (post, redirect, get)."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.comments import bp, services
from app.comments.forms import CommentForm, EditCommentForm
from app.comments.models import Comment
from app.consultations.models import ModerationMode
from app.consultations.queries import consultation_or_404
from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _
from app.core.permissions import require
from app.extensions import db, limiter
from app.moderation.abuse import per_account_key
from app.organisations.services import organisations_to_speak_for
from app.proposals import queries as proposal_queries
from app.proposals.forms import offer_speakers
from app.proposals.pages import proposal_page


def _proposal(consultation_id: int, proposal_id: int):
    consultation = consultation_or_404(consultation_id)
    return consultation, proposal_queries.proposal_or_404(consultation, proposal_id, current_user)


def _comment(proposal, comment_id: int) -> Comment:
    comment = db.get_or_404(Comment, comment_id)
    if comment.proposal_id != proposal.id:
        abort(404)
    return comment


def _back_to(consultation, proposal, anchor: str = "comments") -> str:
    return (
        url_for("proposals.detail", consultation_id=consultation.id, proposal_id=proposal.id)
        + f"#{anchor}"
    )


@bp.route("/", methods=["POST"])
@login_required
@limiter.limit(lambda: current_app.config["RATELIMIT_POSTING"], key_func=per_account_key)
def create(consultation_id: int, proposal_id: int):
    consultation, proposal = _proposal(consultation_id, proposal_id)
    require(current_user, "comment.create", proposal)
    form = CommentForm()
    offer_speakers(form.speak_as, current_user, organisations_to_speak_for(current_user))
    if form.validate_on_submit():
        try:
            parent_id = int(form.parent_id.data) if form.parent_id.data else None
        except ValueError:
            parent_id = -1  # tampered: refused by the service as an unknown comment
        outcome = apply_change(
            form,
            lambda: services.add_comment(
                current_user,
                proposal,
                form.body.data,
                form.language.data,
                form.stance.data,
                parent_id,
                organisation_id=form.speak_as.data or None,
            ),
            _("Your comment has been saved. A moderator reviews it before others can see it.")
            if consultation.moderation_mode == ModerationMode.PRE
            else _("Your comment has been published."),
        )
        if outcome:
            return redirect(_back_to(consultation, proposal, f"comment-{outcome.value.id}"))
    # Refused: the proposal page again, with what was typed and why, next to the form.
    return proposal_page(consultation, proposal, comment_form=form), getattr(
        form, "refusal_status", 400
    )


@bp.route("/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(consultation_id: int, proposal_id: int, comment_id: int):
    consultation, proposal = _proposal(consultation_id, proposal_id)
    comment = _comment(proposal, comment_id)
    require(current_user, "comment.edit", comment)
    form = EditCommentForm(obj=comment)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.edit_comment(current_user, comment, form.body.data, form.stance.data),
        _("Your comment has been changed."),
    ):
        return redirect(_back_to(consultation, proposal, f"comment-{comment.id}"))
    return render_template(
        "comments/edit.html",
        consultation=consultation,
        proposal=proposal,
        comment=comment,
        form=form,
    )


@bp.route("/<int:comment_id>/delete", methods=["POST"])
@login_required
def delete(consultation_id: int, proposal_id: int, comment_id: int):
    consultation, proposal = _proposal(consultation_id, proposal_id)
    comment = _comment(proposal, comment_id)
    require(current_user, "comment.delete", comment)
    form = EmptyForm()
    if form.validate_on_submit():
        apply_change(
            form,
            lambda: services.delete_comment(current_user, comment),
            _("Your comment has been removed. Replies to it stay visible."),
        )
        for message in form.form_errors:
            flash(message, "error")
    return redirect(_back_to(consultation, proposal, f"comment-{comment.id}"))
