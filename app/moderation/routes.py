"""The moderation queue, deciding, blocking, reporting, appeals and the audit log."""

import csv
import io

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _
from app.core.models import Contribution, ModerationState
from app.core.permissions import can, permission_required, require
from app.core.spreadsheet import neutralise_formula
from app.extensions import db, limiter
from app.moderation import bp, queries, services
from app.moderation.abuse import per_account_key
from app.moderation.forms import (
    AppealForm,
    BlockForm,
    DecisionForm,
    ReportForm,
    ResolveAppealForm,
)
from app.moderation.models import (
    PERMANENT,
    REASON_NAMES,
    STATE_NAMES,
    Appeal,
    ModerationDecision,
)
from app.proposals.models import Proposal


def contribution_url(contribution: Contribution) -> str:
    """Where a contribution is read: its proposal or statement page, a comment at its place in
    the thread, a translation where its original is read."""
    if contribution.translation_of_id is not None:
        return contribution_url(contribution.original)
    if contribution.kind == "proposal":
        return url_for(
            "proposals.detail",
            consultation_id=contribution.consultation_id,
            proposal_id=contribution.id,
        )
    if contribution.kind == "statement":
        return url_for(
            "statements.detail",
            consultation_id=contribution.consultation_id,
            statement_id=contribution.id,
        )
    if contribution.kind == "concept_comment":
        return (
            url_for("concepts.discussion", consultation_id=contribution.consultation_id)
            + f"#concept-comment-{contribution.id}"
        )
    return (
        url_for(
            "proposals.detail",
            consultation_id=contribution.consultation_id,
            proposal_id=contribution.proposal_id,
        )
        + f"#comment-{contribution.id}"
    )


def possible_actions(state: str) -> list[str]:
    return [
        action for action, (sources, _target) in services.TRANSITIONS.items() if state in sources
    ]


@bp.route("/")
@permission_required("moderation.queue")
def queue():
    consultations = queries.consultations_in_reach(current_user)
    filters = queries.QueueFilters.from_args(
        request.args, {c.id for c in consultations}, current_app.config["LANGUAGES"]
    )
    pagination = queries.queue_page(current_user, filters)
    items = pagination.items
    contributions = (
        [decision.contribution for decision in items] if filters.view == "decided" else items
    )
    return render_template(
        "moderation/queue.html",
        filters=filters,
        pagination=pagination,
        consultations=consultations,
        counts=queries.queue_counts(current_user),
        reports=queries.reports_by_contribution({c.id for c in contributions}),
        earlier=queries.earlier_decisions_by_author(
            {c.author_id for c in contributions if c.author_id}
        ),
        contribution_url=contribution_url,
        bulk_form=EmptyForm(),
        reason_names=REASON_NAMES,
    )


def _contribution_or_404(contribution_id: int) -> Contribution:
    contribution = db.get_or_404(Contribution, contribution_id)
    require(current_user, "contribution.moderate", contribution)
    return contribution


@bp.route("/contributions/<int:contribution_id>", methods=["GET", "POST"])
@login_required
def item(contribution_id: int, block_form: BlockForm | None = None):
    contribution = _contribution_or_404(contribution_id)
    form = DecisionForm(formdata=None if block_form else request.form)
    form.offer(possible_actions(contribution.moderation_state))
    if request.method == "GET":
        form.seen_state.data = contribution.moderation_state
    if (
        block_form is None
        and form.validate_on_submit()
        and apply_change(
            form,
            lambda: services.decide(
                current_user,
                contribution,
                form.action.data,
                form.seen_state.data,
                form.reason.data or None,
                form.note.data,
            ),
            _("The decision has been saved."),
        )
    ):
        return redirect(url_for("moderation.queue"))
    parent = contribution.parent if getattr(contribution, "parent_id", None) else None
    subject = contribution.original if contribution.translation_of_id else contribution
    proposal = subject if isinstance(subject, Proposal) else getattr(subject, "proposal", None)
    return render_template(
        "moderation/item.html",
        contribution=contribution,
        proposal=proposal,
        parent=parent,
        form=form,
        reports=queries.reports_by_contribution([contribution.id]).get(contribution.id, []),
        decisions=queries.decisions_of(contribution.id),
        contribution_url=contribution_url,
        state_names=STATE_NAMES,
        block_form=block_form or BlockForm(),
        author_blocked_until=(
            contribution.author.blocked_until
            if contribution.author and contribution.author.is_blocked(utcnow_naive())
            else None
        ),
        permanent=PERMANENT,
    ), getattr(form, "refusal_status", 200)


@bp.route("/approve", methods=["POST"])
@permission_required("moderation.queue")
def approve_many():
    form = EmptyForm()
    if not form.validate_on_submit():
        raise DomainError(_("The form has expired. Please send it again."))
    ids = [int(value) for value in request.form.getlist("ids") if value.isdigit()][:100]
    contributions = [
        contribution
        for contribution in db.session.scalars(
            db.select(Contribution).where(
                Contribution.id.in_(ids),
                Contribution.moderation_state == ModerationState.PENDING,
            )
        )
        if can(current_user, "contribution.moderate", contribution)
    ]
    approved, skipped = services.approve_many(current_user, contributions)
    db.session.commit()
    flash(
        ngettext("%(num)d contribution approved.", "%(num)d contributions approved.", approved),
        "success",
    )
    if skipped:
        message = ngettext(
            "%(num)d contribution had already been decided by someone else.",
            "%(num)d contributions had already been decided by someone else.",
            skipped,
        )
        flash(message, "info")
    return redirect(url_for("moderation.queue", view="waiting"))


@bp.route("/report/<int:contribution_id>", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["RATELIMIT_REPORT"], methods=["POST"], key_func=per_account_key
)
def report(contribution_id: int):
    contribution = db.get_or_404(Contribution, contribution_id)
    if not can(current_user, "consultation.view", contribution.consultation):
        abort(404)
    require(current_user, "contribution.report", contribution)
    form = ReportForm()
    if (
        form.validate_on_submit()
        and form.reason.data
        and apply_change(
            form,
            lambda: services.report_contribution(
                current_user, contribution, form.reason.data, form.note.data
            ),
            _("Thank you. The moderators will look at your report; you will learn the outcome."),
        )
    ):
        return redirect(contribution_url(contribution))
    if request.method == "POST" and not form.reason.data:
        form.reason.errors = [_("Please choose a reason.")]
    return render_template(
        "moderation/report.html",
        contribution=contribution,
        form=form,
        contribution_url=contribution_url,
    )


@bp.route("/contributions/<int:contribution_id>/block", methods=["POST"])
@login_required
def block(contribution_id: int):
    contribution = _contribution_or_404(contribution_id)
    require(current_user, "user.block", contribution)
    form = BlockForm()
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.block_author(
            current_user, contribution, form.duration.data, form.block_reason.data
        ),
        _("The author is blocked and has been logged out on all devices."),
    ):
        return redirect(url_for("moderation.item", contribution_id=contribution.id))
    return item(contribution_id, block_form=form)


@bp.route("/mine")
@login_required
def mine():
    """What moderation decided about my contributions, and what became of my reports."""
    decisions = queries.decisions_about_author(current_user.id)
    return render_template(
        "moderation/mine.html",
        decisions=decisions,
        reports=queries.reports_by_reporter(current_user.id),
        contribution_url=contribution_url,
        blocked_until=current_user.blocked_until
        if current_user.is_blocked(utcnow_naive())
        else None,
        block=queries.latest_block(current_user.id),
        appeals=queries.appeals_by_decision([d.id for d in decisions]),
        appeal_form=AppealForm(),
        permanent=PERMANENT,
    )


@bp.route("/decisions/<int:decision_id>/appeal", methods=["POST"])
@login_required
def appeal(decision_id: int):
    decision = db.get_or_404(ModerationDecision, decision_id)
    require(current_user, "decision.appeal", decision)
    form = AppealForm()
    if form.validate_on_submit():
        apply_change(
            form,
            lambda: services.appeal_decision(current_user, decision, form.note.data),
            _("Your appeal has been sent to the coordination of the region."),
        )
        for message in [*form.form_errors, *form.note.errors]:
            flash(message, "error")
    return redirect(url_for("moderation.mine") + f"#decision-{decision.id}")


@bp.route("/appeals")
@permission_required("appeal.list")
def appeals():
    return render_template(
        "moderation/appeals.html",
        appeals=queries.appeals_in_reach(current_user),
        contribution_url=contribution_url,
        form=ResolveAppealForm(),
    )


@bp.route("/appeals/<int:appeal_id>/resolve", methods=["POST"])
@login_required
def resolve(appeal_id: int):
    appeal = db.get_or_404(Appeal, appeal_id)
    require(current_user, "appeal.resolve", appeal)
    form = ResolveAppealForm()
    if form.validate_on_submit():
        apply_change(
            form,
            lambda: services.resolve_appeal(
                current_user, appeal, form.outcome.data, form.note.data
            ),
            _("The appeal has been decided. The author can read the outcome."),
        )
        for message in [*form.form_errors, *form.outcome.errors, *form.note.errors]:
            flash(message, "error")
    return redirect(url_for("moderation.appeals") + f"#appeal-{appeal.id}")


@bp.route("/log.csv")
@permission_required("moderation.audit")
def audit_csv():
    """The audit log as CSV: who decided what, when, why (UTC times, stable codes)."""
    consultation_id = request.args.get("consultation", type=int)
    if consultation_id is not None and not 0 < consultation_id < 2**31:
        consultation_id = None  # no such consultation; larger numbers overflow the database
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "decided_at_utc",
            "contribution_id",
            "kind",
            "consultation_id",
            "region",
            "action",
            "reason",
            "moderator",
            "state_before",
            "state_after",
            "note_to_author",
        ]
    )
    for decision in queries.audit_rows(current_user, consultation_id):
        contribution = decision.contribution
        writer.writerow(
            [
                decision.created_at.isoformat(timespec="seconds"),
                contribution.id,
                contribution.kind,
                contribution.consultation_id,
                contribution.consultation.region.slug,
                decision.action,
                decision.reason or "",
                neutralise_formula(decision.moderator.display_name) if decision.moderator else "",
                decision.state_before,
                decision.state_after,
                neutralise_formula(decision.note_to_author),
            ]
        )
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=moderation-log.csv"},
    )
