"""Coordinators' pages: create, edit, schedule, publish and archive consultations; the list."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from app.concepts.models import ConceptVersion
from app.concepts.services import draft_of, offer_for_comment
from app.consultations import bp, services
from app.consultations.forms import (
    CHOOSE_OPTION,
    PHASE_HINTS,
    ConsultationFilterForm,
    ConsultationForm,
    RegionChoiceForm,
)
from app.consultations.models import Consultation
from app.core.errors import DomainError, PermissionDenied
from app.core.forms import EmptyForm, apply_change, fill_translated, translated_data
from app.core.i18n import _
from app.core.permissions import permission_required, require
from app.core.phases import PHASE_NAMES, PHASE_ORDER
from app.extensions import db
from app.regions import queries as region_queries


def _consultation(consultation_id: int, **_ignored) -> Consultation:
    return db.get_or_404(Consultation, consultation_id)


def detail_url(consultation: Consultation) -> str:
    """The public page of a consultation (routes.py), where every change leads back to."""
    return url_for("consultations.detail", consultation_id=consultation.id)


# --- the list ---------------------------------------------------------------------------------


def _filter_form(filters: services.ListFilters, regions, fields) -> ConsultationFilterForm:
    form = ConsultationFilterForm(formdata=None)
    form.region.choices = [SelectChoice("", _("All regions"))] + [
        SelectChoice(region.slug, str(region.title())) for region in regions
    ]
    form.field.choices = [SelectChoice("", _("All fields of action"))] + [
        SelectChoice(item.slug, str(item.title())) for item in fields
    ]
    form.phase.choices = [
        SelectChoice("", _("All phases")),
        *(SelectChoice(kind, str(PHASE_NAMES[kind])) for kind in PHASE_ORDER),
        SelectChoice(services.UPCOMING, _("Not started yet")),
        SelectChoice(services.ENDED, _("Ended")),
    ]
    form.region.data = filters.region.slug if filters.region else ""
    form.field.data = filters.field_of_action.slug if filters.field_of_action else ""
    form.phase.data = filters.phase or ""
    return form


@bp.route("/")
def index():
    regions = region_queries.regions_in_order()
    fields = region_queries.fields_of_action()
    filters = services.list_filters(request.args, regions, fields)
    # Clamped like every list: a huge number would overflow the database's OFFSET.
    page = max(1, min(request.args.get("page", 1, type=int), 10_000))
    pagination = services.consultations_page(current_user, filters, page)
    return render_template(
        "consultations/index.html",
        pagination=pagination,
        filters=filters,
        filter_form=_filter_form(filters, regions, fields),
        may_create=bool(services.regions_where_user_may_create(current_user)),
        phase_status=services.phase_status,
        phase_names=PHASE_NAMES,
        detail_url=detail_url,
    )


# --- create and edit --------------------------------------------------------------------------


def _fields_of_action_choices(form: ConsultationForm, region, consultation=None) -> None:
    form.fields_of_action.choices = [
        SelectChoice(item.id, str(item.title()))
        for item in services.allowed_fields_of_action(region, consultation)
    ]


def _data(form: ConsultationForm) -> services.ConsultationData:
    return services.ConsultationData(
        title=translated_data(form, "title"),
        summary=translated_data(form, "summary"),
        description=translated_data(form, "description"),
        phases=form.schedule(),
        field_of_action_ids=list(form.fields_of_action.data or []),
        moderation_mode=form.moderation_mode.data,
        voting_mode=form.voting_mode.data,
        vote_budget=form.vote_budget.data,
        answer_threshold=form.answer_threshold.data,
        eligibility=form.eligibility.data,
    )


def _with_easy_language_summary(form: ConsultationForm, change):
    """Run the service `change` (which checks the permission and saves the rest), then store
    the summary in Leichte Sprache and the draft of the action concept put up for comment on
    the consultation it returns."""
    consultation = change()
    consultation.easy_language_summary = (form.easy_language_summary.data or "").strip()
    db.session.flush()
    chosen = form.concept_version.data or None
    if chosen != consultation.concept_version_id:  # unchanged: a published one may stay
        version = db.session.get(ConceptVersion, chosen) if chosen else None
        if chosen and version is None:
            raise DomainError(CHOOSE_OPTION, field="concept_version")
        offer_for_comment(current_user, consultation, version)
    return consultation


def _concept_choices(form: ConsultationForm, region, consultation=None) -> None:
    """None, or the region's draft; a version offered before and published since stays
    offered (read-only) until another choice is saved."""
    choices = [SelectChoice(0, _("None"))]
    draft = draft_of(region)
    if draft is not None:
        choices.append(
            SelectChoice(draft.id, _("Draft of version %(number)d", number=draft.number))
        )
    offered = consultation.concept_version if consultation is not None else None
    if offered is not None and (draft is None or offered.id != draft.id):
        choices.append(
            SelectChoice(
                offered.id,
                _("Version %(number)d (published; comments closed)", number=offered.number),
            )
        )
    form.concept_version.choices = choices


def _render_form(form, region, consultation=None, region_form=None):
    return render_template(
        "consultations/form.html",
        form=form,
        region=region,
        consultation=consultation,
        region_form=region_form,
        phase_kinds=PHASE_ORDER,
        phase_names=PHASE_NAMES,
        phase_hints=PHASE_HINTS,
        detail_url=detail_url,
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    allowed = services.regions_where_user_may_create(current_user)
    if not allowed:
        raise PermissionDenied(action="consultation.create")
    slug = request.args.get("region")
    if slug:
        region = region_queries.region_by_slug_or_404(slug)
        require(current_user, "consultation.create", region)
    elif len(allowed) == 1:
        region = allowed[0]
    else:
        region = None

    region_form = None
    if len(allowed) > 1:
        region_form = RegionChoiceForm(formdata=None)
        region_form.region.choices = [
            SelectChoice(item.slug, str(item.title())) for item in allowed
        ]
        region_form.region.data = region.slug if region else None
    if region is None:  # first choose the region: its fields of action fill the form
        return _render_form(None, None, region_form=region_form)

    form = ConsultationForm()
    _fields_of_action_choices(form, region)
    _concept_choices(form, region)
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: _with_easy_language_summary(
                form, lambda: services.create_consultation(current_user, region, _data(form))
            ),
            _("The consultation has been saved as a draft. Publish it when it is ready."),
        )
        if outcome:
            return redirect(detail_url(outcome.value))
    return _render_form(form, region, region_form=region_form)


@bp.route("/<int:consultation_id>/edit", methods=["GET", "POST"])
@permission_required("consultation.manage", load=_consultation)
def edit(consultation_id: int):
    consultation = _consultation(consultation_id)
    if consultation.is_archived:
        flash(_("An archived consultation can no longer be changed."), "error")
        return redirect(detail_url(consultation))
    form = ConsultationForm()
    _fields_of_action_choices(form, consultation.region, consultation)
    _concept_choices(form, consultation.region, consultation)
    if request.method == "GET":
        for name in ("title", "summary", "description"):
            fill_translated(form, name, getattr(consultation, name))
        form.fields_of_action.data = [item.id for item in consultation.fields_of_action]
        form.fill_schedule(services.schedule_in_berlin(consultation))
        for name in (
            "moderation_mode",
            "voting_mode",
            "vote_budget",
            "answer_threshold",
            "eligibility",
            "easy_language_summary",
        ):
            getattr(form, name).data = getattr(consultation, name)
        form.version.data = services.version_of(consultation)
        form.concept_version.data = consultation.concept_version_id or 0
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: _with_easy_language_summary(
                form,
                lambda: services.update_consultation(
                    current_user, consultation, _data(form), form.version.data or None
                ),
            ),
            _("The consultation has been saved."),
        )
        if outcome:
            return redirect(detail_url(consultation))
        # Refused (for example changed in the meantime): the next save is a deliberate one.
        db.session.refresh(consultation)
        form.version.data = services.version_of(consultation)
    return _render_form(form, consultation.region, consultation)


# --- publish and archive ----------------------------------------------------------------------


def _transition(consultation_id: int, change, success_message):
    consultation = _consultation(consultation_id)
    form = EmptyForm()
    if form.validate_on_submit() and not apply_change(
        form, lambda: change(current_user, consultation), success_message
    ):
        for message in form.form_errors:
            flash(message, "error")
    return redirect(detail_url(consultation))


@bp.route("/<int:consultation_id>/publish", methods=["POST"])
@permission_required("consultation.manage", load=_consultation)
def publish(consultation_id: int):
    return _transition(
        consultation_id,
        services.publish_consultation,
        _("The consultation has been published."),
    )


@bp.route("/<int:consultation_id>/archive", methods=["POST"])
@permission_required("consultation.manage", load=_consultation)
def archive(consultation_id: int):
    return _transition(
        consultation_id,
        services.archive_consultation,
        _("The consultation has been archived."),
    )
