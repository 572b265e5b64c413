"""Statement pages: publish, read, edit, history."""

import itertools

from flask import current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.comments.queries import hiding_reasons
from app.consultations.models import ModerationMode
from app.consultations.queries import consultation_or_404
from app.core.forms import apply_change
from app.core.i18n import _, current_language
from app.core.models import ModerationState
from app.core.permissions import can, require
from app.extensions import db, limiter
from app.moderation.abuse import per_account_key
from app.organisations import statements_bp as bp
from app.organisations.models import Organisation
from app.organisations.statement_forms import NewStatementForm, StatementForm
from app.organisations.statement_queries import statement_or_404
from app.organisations.statements import (
    edit_statement,
    organisations_to_publish_for,
    publish_statement,
    statement_of,
)
from app.proposals.diff import word_diff


def _statement(consultation_id: int, statement_id: int):
    consultation = consultation_or_404(consultation_id)
    return consultation, statement_or_404(consultation, statement_id, current_user)


def _detail_url(statement) -> str:
    return url_for(
        "statements.detail", consultation_id=statement.consultation_id, statement_id=statement.id
    )


def _published_already(consultation) -> list:
    """Statements of the organisations the viewer may publish for, already in this
    consultation (shown instead of the form when none is left)."""
    found = []
    for membership in current_user.memberships:
        organisation = membership.organisation
        if can(current_user, "statement.publish_for", organisation):
            statement = statement_of(organisation, consultation)
            if statement is not None:
                found.append(statement)
    return found


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["RATELIMIT_POSTING"], methods=["POST"], key_func=per_account_key
)
def new(consultation_id: int):
    consultation = consultation_or_404(consultation_id)
    require(current_user, "statement.publish", consultation)
    organisations = organisations_to_publish_for(current_user, consultation)
    form = NewStatementForm()
    form.set_organisations(organisations)
    if request.method == "GET":
        form.language.data = current_language()
        if organisations:
            form.organisation.data = organisations[0].id
    if form.validate_on_submit() and not form.preview.data:
        outcome = apply_change(
            form,
            lambda: publish_statement(
                current_user,
                consultation,
                db.session.get(Organisation, form.organisation.data)
                if form.organisation.data
                else None,
                form.title.data,
                form.body.data,
                form.language.data,
            ),
            _("The statement has been submitted. A moderator reviews it before others can see it.")
            if consultation.moderation_mode == ModerationMode.PRE
            else _("The statement has been published."),
        )
        if outcome:
            return redirect(_detail_url(outcome.value))
    return render_template(
        "organisations/statement_form.html",
        consultation=consultation,
        form=form,
        statement=None,
        published_already=[] if organisations else _published_already(consultation),
        preview=form.preview.data and not form.errors,
    ), getattr(form, "refusal_status", 200)


@bp.route("/<int:statement_id>")
def detail(consultation_id: int, statement_id: int):
    consultation, statement = _statement(consultation_id, statement_id)
    hidden_reason = None
    if statement.moderation_state == ModerationState.HIDDEN:
        hidden_reason = hiding_reasons([statement.id]).get(statement.id)
    return render_template(
        "organisations/statement_detail.html",
        consultation=consultation,
        statement=statement,
        hidden_reason=hidden_reason,
    )


@bp.route("/<int:statement_id>/edit", methods=["GET", "POST"])
@login_required
def edit(consultation_id: int, statement_id: int):
    consultation, statement = _statement(consultation_id, statement_id)
    require(current_user, "statement.edit", statement)
    form = StatementForm(obj=statement if request.method == "GET" else None)
    if request.method == "GET":
        form.revision.data = str(len(statement.revisions))
    if form.validate_on_submit() and not form.preview.data:
        try:
            seen = int(form.revision.data or -1)
        except ValueError:
            seen = -1
        if apply_change(
            form,
            lambda: edit_statement(
                current_user,
                statement,
                form.title.data,
                form.body.data,
                form.language.data,
                seen,
            ),
            _("Your changes have been saved."),
        ):
            return redirect(_detail_url(statement))
    return render_template(
        "organisations/statement_form.html",
        consultation=consultation,
        form=form,
        statement=statement,
        published_already=[],
        preview=form.preview.data and not form.errors,
    ), getattr(form, "refusal_status", 200)


@bp.route("/<int:statement_id>/history")
def history(consultation_id: int, statement_id: int):
    consultation, statement = _statement(consultation_id, statement_id)
    if statement.moderation_state == ModerationState.HIDDEN:
        # The placeholder page tells why; the earlier versions stay out of sight too.
        return redirect(_detail_url(statement))
    # Each version with who wrote it and when it was saved: a revision is dated when it was
    # replaced, which is when the version after it was saved.
    revisions = statement.revisions
    versions = [
        {
            "title": revision.title,
            "body": revision.body,
            "language": revision.language,
            "written_by": revision.written_by,
            "saved_at": revisions[index - 1].created_at if index else statement.created_at,
        }
        for index, revision in enumerate(revisions)
    ]
    versions.append(
        {
            "title": statement.title,
            "body": statement.body,
            "language": statement.language,
            "written_by": statement.edited_by or statement.author,
            "saved_at": statement.edited_at or statement.created_at,
        }
    )
    changes = [
        {
            "saved_at": later["saved_at"],
            "written_by": later["written_by"],
            "language": later["language"],
            "title": word_diff(earlier["title"], later["title"]),
            "body": word_diff(earlier["body"], later["body"]),
        }
        for earlier, later in itertools.pairwise(versions)
    ]
    return render_template(
        "organisations/statement_history.html",
        consultation=consultation,
        statement=statement,
        first=versions[0],
        changes=list(reversed(changes)),
    )
