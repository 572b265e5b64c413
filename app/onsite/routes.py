"""On-site events of a consultation and recording their contributions (coordination).

A coordinator types in a stack of paper forms one after the other: after each save the event
page comes back with a message and empty forms; a refused form keeps what was typed.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.consultations.queries import consultation_or_404
from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _, current_language
from app.core.permissions import permission_required
from app.extensions import db
from app.moderation.models import STATE_NAMES
from app.onsite import bp, queries, services
from app.onsite.forms import EventForm, RecordCommentForm, RecordProposalForm
from app.proposals.models import Proposal
from app.proposals.services import allowed_fields_of_action


def _consultation(consultation_id: int, **_ignored):
    return consultation_or_404(consultation_id)


def _event_url(event, anchor: str | None = None) -> str:
    return url_for(
        "onsite.event", consultation_id=event.consultation_id, event_id=event.id, _anchor=anchor
    )


def _details(form: EventForm) -> services.EventDetails:
    return services.EventDetails(
        name=form.name.data,
        place=form.place.data,
        held_on=form.held_on.data,
        format=form.format.data,
        participant_count=form.participant_count.data,
    )


@bp.route("/")
@permission_required("onsite.record", load=_consultation)
def index(consultation_id: int):
    consultation = _consultation(consultation_id)
    return render_template(
        "onsite/index.html", consultation=consultation, rows=queries.events_of(consultation)
    )


@bp.route("/new", methods=["GET", "POST"])
@permission_required("onsite.record", load=_consultation)
def new_event(consultation_id: int):
    consultation = _consultation(consultation_id)
    form = EventForm()
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.create_event(current_user, consultation, _details(form)),
            _("The event has been saved. You can now enter its contributions."),
        )
        if outcome:
            return redirect(_event_url(outcome.value))
    return render_template(
        "onsite/event_form.html", consultation=consultation, form=form, event=None
    ), getattr(form, "refusal_status", 200)


@bp.route("/<int:event_id>")
@permission_required("onsite.record", load=_consultation)
def event(consultation_id: int, event_id: int):
    consultation = _consultation(consultation_id)
    return _event_page(consultation, queries.event_or_404(consultation, event_id))


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@permission_required("onsite.record", load=_consultation)
def edit_event(consultation_id: int, event_id: int):
    consultation = _consultation(consultation_id)
    event = queries.event_or_404(consultation, event_id)
    form = EventForm(obj=event)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.edit_event(current_user, event, _details(form)),
        _("The event has been saved."),
    ):
        return redirect(_event_url(event))
    return render_template(
        "onsite/event_form.html",
        consultation=consultation,
        form=form,
        event=event,
        contribution_count=services.contribution_count(event),
        delete_form=EmptyForm(),
    ), getattr(form, "refusal_status", 200)


@bp.route("/<int:event_id>/delete", methods=["POST"])
@permission_required("onsite.record", load=_consultation)
def delete_event(consultation_id: int, event_id: int):
    consultation = _consultation(consultation_id)
    event = queries.event_or_404(consultation, event_id)
    form = EmptyForm()
    if form.validate_on_submit():
        if apply_change(
            form,
            lambda: services.delete_event(current_user, event),
            _("The event has been deleted."),
        ):
            return redirect(url_for("onsite.index", consultation_id=consultation.id))
        for message in form.form_errors:
            flash(message, "error")
    return redirect(_event_url(event))


@bp.route("/<int:event_id>/proposals", methods=["POST"])
@permission_required("onsite.record", load=_consultation)
def record_proposal(consultation_id: int, event_id: int):
    consultation = _consultation(consultation_id)
    event = queries.event_or_404(consultation, event_id)
    form = _proposal_form(consultation)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.record_proposal(
            current_user,
            event,
            form.title.data,
            form.body.data,
            form.language.data,
            form.field_of_action.data or None,
        ),
        _("The proposal has been saved. You can enter the next one."),
    ):
        return redirect(_event_url(event, "record-proposal"))
    return _event_page(consultation, event, proposal_form=form)


@bp.route("/<int:event_id>/comments", methods=["POST"])
@permission_required("onsite.record", load=_consultation)
def record_comment(consultation_id: int, event_id: int):
    consultation = _consultation(consultation_id)
    event = queries.event_or_404(consultation, event_id)
    proposals = queries.proposals_to_comment_on(consultation)
    form = _comment_form(proposals)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.record_comment(
            current_user,
            event,
            db.session.get(Proposal, form.proposal.data) if form.proposal.data else None,
            form.body.data,
            form.language.data,
            form.stance.data or None,
        ),
        _("The comment has been saved. You can enter the next one."),
    ):
        return redirect(_event_url(event, "record-comment"))
    return _event_page(consultation, event, comment_form=form, proposals=proposals)


# --- the event page ---------------------------------------------------------------------------


def _proposal_form(consultation, empty: bool = False) -> RecordProposalForm:
    """The proposal form as posted, or `empty` (after a save, or when the page opens)."""
    if empty:
        form = RecordProposalForm(prefix="proposal", formdata=None)
        form.language.data = current_language()
        form.field_of_action.data = 0
    else:
        form = RecordProposalForm(prefix="proposal")
    form.set_fields_of_action(allowed_fields_of_action(consultation))
    return form


def _comment_form(proposals, empty: bool = False) -> RecordCommentForm:
    """The comment form as posted, or `empty`."""
    if empty:
        form = RecordCommentForm(prefix="comment", formdata=None)
        form.language.data = current_language()
        form.proposal.data = 0
    else:
        form = RecordCommentForm(prefix="comment")
    form.set_proposals(proposals)
    return form


def _event_page(
    consultation, event, proposal_form=None, comment_form=None, proposals=None
) -> tuple[str, int]:
    if proposals is None:
        proposals = queries.proposals_to_comment_on(consultation)
    refused = proposal_form if proposal_form is not None else comment_form
    return render_template(
        "onsite/event.html",
        consultation=consultation,
        event=event,
        recorded_proposals=queries.recorded_proposals(event),
        recorded_comments=queries.recorded_comments(event),
        proposal_form=proposal_form or _proposal_form(consultation, empty=True),
        comment_form=comment_form or _comment_form(proposals, empty=True),
        state_names=STATE_NAMES,
    ), getattr(refused, "refusal_status", 200)
