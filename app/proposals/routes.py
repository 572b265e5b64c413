"""Proposal pages: submit (with preview and similar proposals), read, edit, history, withdraw,
and the region's official answer."""

import itertools

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.consultations.models import ModerationMode
from app.consultations.queries import consultation_or_404
from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _, current_language
from app.core.models import ModerationState
from app.core.page_cache import cached_for_anonymous
from app.core.permissions import require
from app.extensions import limiter
from app.moderation.abuse import per_account_key
from app.organisations.services import organisations_to_speak_for
from app.proposals import bp, queries, services
from app.proposals.diff import word_diff
from app.proposals.forms import AnswerForm, ProposalForm, offer_speakers
from app.proposals.models import ProposalStatus
from app.proposals.pages import proposal_page


def _proposal(consultation_id: int, proposal_id: int):
    consultation = consultation_or_404(consultation_id)
    return consultation, queries.proposal_or_404(consultation, proposal_id, current_user)


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["RATELIMIT_POSTING"], methods=["POST"], key_func=per_account_key
)
def new(consultation_id: int):
    consultation = consultation_or_404(consultation_id)
    require(current_user, "proposal.submit", consultation)
    form = ProposalForm()
    form.set_fields_of_action(services.allowed_fields_of_action(consultation))
    offer_speakers(form.speak_as, current_user, organisations_to_speak_for(current_user))
    if request.method == "GET":
        form.language.data = current_language()
    similar = []
    if form.validate_on_submit():
        if form.preview.data:
            similar = queries.similar_proposals(consultation, form.title.data)
        else:
            outcome = apply_change(
                form,
                lambda: services.submit_proposal(
                    current_user,
                    consultation,
                    form.title.data,
                    form.body.data,
                    form.language.data,
                    form.field_of_action.data,
                    organisation_id=form.speak_as.data or None,
                ),
                _(
                    "Thank you. Your proposal has been submitted. A moderator reviews it before "
                    "others can see it."
                )
                if consultation.moderation_mode == ModerationMode.PRE
                else _("Thank you. Your proposal has been submitted."),
            )
            if outcome:
                return redirect(
                    url_for(
                        "proposals.detail",
                        consultation_id=consultation.id,
                        proposal_id=outcome.value.id,
                    )
                )
    return render_template(
        "proposals/form.html",
        consultation=consultation,
        form=form,
        proposal=None,
        preview=form.preview.data and not form.errors,
        similar=similar,
    ), getattr(form, "refusal_status", 200)


@bp.route("/similar")
def similar(consultation_id: int):
    """Proposals like the title being typed: an HTML fragment for the form's script."""
    consultation = consultation_or_404(consultation_id)
    title = (request.args.get("title") or "")[:160]
    return render_template(
        "proposals/similar.html",
        consultation=consultation,
        similar=queries.similar_proposals(consultation, title) if len(title) >= 4 else [],
    )


@bp.route("/<int:proposal_id>")
@cached_for_anonymous
def detail(consultation_id: int, proposal_id: int):
    consultation, proposal = _proposal(consultation_id, proposal_id)
    return proposal_page(consultation, proposal)


@bp.route("/<int:proposal_id>/edit", methods=["GET", "POST"])
@login_required
def edit(consultation_id: int, proposal_id: int):
    consultation, proposal = _proposal(consultation_id, proposal_id)
    require(current_user, "proposal.edit", proposal)
    form = ProposalForm(obj=proposal if request.method == "GET" else None)
    form.set_fields_of_action(services.allowed_fields_of_action(consultation))
    form.save.label.text = _("Save changes")
    if request.method == "GET":
        form.field_of_action.data = proposal.field_of_action_id or 0
        form.revision.data = str(len(proposal.revisions))
    if form.validate_on_submit() and not form.preview.data:
        try:
            seen = int(form.revision.data or -1)
        except ValueError:
            seen = -1
        if apply_change(
            form,
            lambda: services.edit_proposal(
                current_user,
                proposal,
                form.title.data,
                form.body.data,
                form.language.data,
                form.field_of_action.data,
                seen,
            ),
            _("Your changes have been saved."),
        ):
            return redirect(
                url_for(
                    "proposals.detail", consultation_id=consultation.id, proposal_id=proposal.id
                )
            )
    return render_template(
        "proposals/form.html",
        consultation=consultation,
        form=form,
        proposal=proposal,
        preview=form.preview.data and not form.errors,
        similar=[],
    ), getattr(form, "refusal_status", 200)


@bp.route("/<int:proposal_id>/history")
def history(consultation_id: int, proposal_id: int):
    consultation, proposal = _proposal(consultation_id, proposal_id)
    if proposal.moderation_state == ModerationState.HIDDEN:
        abort(404)  # its page shows only the placeholder; the history would show the text
    versions = [
        (revision.title, revision.body, revision.created_at) for revision in proposal.revisions
    ]
    versions.append((proposal.title, proposal.body, None))  # the current text
    changes = [
        {
            "saved_at": earlier[2],  # a revision is dated when it was replaced
            "title": word_diff(earlier[0], later[0]),
            "body": word_diff(earlier[1], later[1]),
        }
        for earlier, later in itertools.pairwise(versions)
    ]
    return render_template(
        "proposals/history.html",
        consultation=consultation,
        proposal=proposal,
        changes=list(reversed(changes)),
    )


@bp.route("/<int:proposal_id>/withdraw", methods=["POST"])
@login_required
def withdraw(consultation_id: int, proposal_id: int):
    consultation, proposal = _proposal(consultation_id, proposal_id)
    require(current_user, "proposal.withdraw", proposal)
    form = EmptyForm()
    if form.validate_on_submit():
        apply_change(
            form,
            lambda: services.withdraw_proposal(current_user, proposal),
            _("Your proposal has been withdrawn. It stays visible, marked as withdrawn."),
        )
        for message in form.form_errors:
            flash(message, "error")
    return redirect(
        url_for("proposals.detail", consultation_id=consultation.id, proposal_id=proposal.id)
    )


@bp.route("/<int:proposal_id>/answer", methods=["GET", "POST"])
@login_required
def answer(consultation_id: int, proposal_id: int):
    consultation, proposal = _proposal(consultation_id, proposal_id)
    require(current_user, "proposal.answer", proposal)
    form = AnswerForm()
    if request.method == "GET" and proposal.status in ProposalStatus.ANSWERABLE:
        form.status.data = proposal.status
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.answer_proposal(current_user, proposal, form.status.data, form.body.data),
        _("The answer has been published."),
    ):
        return redirect(
            url_for("proposals.detail", consultation_id=consultation.id, proposal_id=proposal.id)
            + "#official-answers"
        )
    return render_template(
        "proposals/answer.html", consultation=consultation, proposal=proposal, form=form
    )
