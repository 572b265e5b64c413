"""Pages of a region's action concept: the current version, earlier versions and their
comparison, print and export; the coordinators' draft (goals, measures, publishing); comments
on a draft that a consultation puts up for comment."""

import base64
import csv
import hashlib
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
from flask_login import current_user, login_required

from app.comments.models import STANCE_NAMES
from app.comments.queries import hiding_reasons
from app.concepts import bp, queries, services
from app.concepts.compare import compare as compare_versions
from app.concepts.forms import (
    ConceptCommentForm,
    GoalForm,
    MeasureForm,
    PublishForm,
    comment_prefix,
)
from app.concepts.models import MEASURE_STATUS_NAMES, ConceptItem, ConceptVersion
from app.consultations.models import ModerationMode
from app.consultations.queries import consultation_or_404
from app.core.errors import DomainError
from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _, current_language
from app.core.models import ModerationState
from app.core.permissions import can, permission_required, require
from app.core.spreadsheet import neutralise_formula
from app.extensions import db, limiter
from app.funding.deadlines import today_in_hesse
from app.moderation.abuse import per_account_key
from app.organisations.services import organisations_to_speak_for
from app.proposals.forms import offer_speakers
from app.regions.queries import region_by_slug_or_404

# Text columns of the CSV export that people write (and spreadsheets might run as formulas).
CSV_TEXT_COLUMNS = ("goal", "title", "description", "responsible", "timeframe")


def _region(slug: str, **_ignored):
    return region_by_slug_or_404(slug)


def _current_url(region, anchor: str = "") -> str:
    return url_for("concepts.current", slug=region.slug) + (f"#{anchor}" if anchor else "")


def _draft_url(region, anchor: str = "") -> str:
    return url_for("concepts.draft", slug=region.slug) + (f"#{anchor}" if anchor else "")


# --- reading -----------------------------------------------------------------------------------


def _document_page(region, version: ConceptVersion | None, current: ConceptVersion | None):
    versions = queries.published_versions(region)
    previous = queries.previous_published(version) if version is not None else None
    draft = services.draft_of(region) if can(current_user, "concept.edit", region) else None
    return render_template(
        "concepts/concept.html",
        region=region,
        version=version,
        current=current,
        previous=previous,
        versions=versions,
        draft=draft,
        blocks=queries.structure(version) if version is not None else [],
        visible_proposals=queries.visible_proposals,
        button_form=EmptyForm(),
    )


@bp.route("/regions/<slug>/concept")
def current(slug: str):
    region = _region(slug)
    version = services.current_version(region)
    return _document_page(region, version, version)


@bp.route("/regions/<slug>/concept/versions/<int:number>")
def version(slug: str, number: int):
    region = _region(slug)
    shown = queries.version_or_404(region, number, current_user)
    return _document_page(region, shown, services.current_version(region))


def _link_changes(change) -> dict:
    """Proposals and projects linked or unlinked between the two versions of an item."""
    if not (change.old and change.new):
        return {}
    result = {}
    for name in ("proposals", "projects"):
        before = {item.id: item for item in getattr(change.old, name)}
        after = {item.id: item for item in getattr(change.new, name)}
        result[f"added_{name}"] = [after[key] for key in sorted(after.keys() - before.keys())]
        result[f"removed_{name}"] = [before[key] for key in sorted(before.keys() - after.keys())]
    return result


def _grouped_changes(old: ConceptVersion, new: ConceptVersion) -> list[tuple]:
    """[(field of action, [(change, link changes)])] in the order of the catalogue."""
    groups: dict[int, tuple] = {}
    for change in compare_versions(old, new):
        field_of_action = change.item.field_of_action
        group = groups.setdefault(field_of_action.id, (field_of_action, []))
        group[1].append((change, _link_changes(change)))
    return sorted(groups.values(), key=lambda group: (group[0].position, group[0].id))


@bp.route("/regions/<slug>/concept/compare")
def compare(slug: str):
    region = _region(slug)
    to_number = request.args.get("to", type=int)
    from_number = request.args.get("from", type=int)
    new = (
        queries.version_or_404(region, to_number, current_user)
        if to_number
        else services.current_version(region)
    )
    if new is None:
        abort(404)
    old = (
        queries.version_or_404(region, from_number, current_user)
        if from_number
        else queries.previous_published(new)
    )
    choices = queries.published_versions(region)
    draft = services.draft_of(region)
    if draft is not None and queries.may_see(current_user, draft):
        choices = [draft, *choices]
    return render_template(
        "concepts/compare.html",
        region=region,
        old=old,
        new=new,
        choices=choices,
        groups=_grouped_changes(old, new) if old is not None and old.id != new.id else [],
        status_names=MEASURE_STATUS_NAMES,
    )


def _export_version(region) -> ConceptVersion:
    number = request.args.get("version", type=int)
    if number:
        chosen = queries.version_or_404(region, number, current_user)
    else:
        chosen = services.current_version(region)
    if chosen is None:
        abort(404)
    return chosen


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@bp.route("/regions/<slug>/concept.<any(csv, html):format>")
def export(slug: str, format: str):
    """The version as CSV (one row per goal and measure) or as one self-contained HTML file.
    `?version=<n>` exports an earlier version; `?view=print` shows the HTML file for printing
    instead of downloading it."""
    region = _region(slug)
    chosen = _export_version(region)
    filename = f"handlungskonzept-{region.slug}-v{chosen.number}.{format}"
    if format == "csv":
        buffer = io.StringIO()
        # The default line end (\r\n, RFC 4180) also quotes a cell holding a bare \r; with
        # "\n" alone it stayed unquoted and started a new row in spreadsheets.
        writer = csv.writer(buffer)
        writer.writerow(
            [f"# {queries.LICENCE_NAME} ({queries.LICENCE_URL}) – Mitreden, {region.slug}"]
        )
        writer.writerow(queries.CSV_COLUMNS)
        for row in queries.csv_rows(chosen):
            writer.writerow(
                [
                    neutralise_formula(row[name]) if name in CSV_TEXT_COLUMNS else row[name]
                    for name in queries.CSV_COLUMNS
                ]
            )
        return Response(
            buffer.getvalue(),
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename={filename}"},
        )
    styles = render_template("concepts/export_styles.css")
    page = render_template(
        "concepts/export.html",
        region=region,
        version=chosen,
        blocks=queries.structure(chosen),
        visible_proposals=queries.visible_proposals,
        styles=styles,
        licence_name=queries.LICENCE_NAME,
        licence_url=queries.LICENCE_URL,
    )
    response = Response(page, mimetype="text/html")
    # A document of its own: its one style block is allowed by its hash, nothing else runs.
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src {_csp_hash(styles)}; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    if request.args.get("view") != "print":
        response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response


# --- the draft ---------------------------------------------------------------------------------


def _draft_or_redirect(region):
    draft = services.draft_of(region)
    if draft is None:
        flash(_("There is no draft at the moment. Start one from the current version."), "info")
    return draft


def _require_draft_item(item: ConceptItem) -> None:
    if not item.version.is_draft:
        raise DomainError(_("A published version cannot be changed. Please start a new draft."))


@bp.route("/regions/<slug>/concept/draft/start", methods=["POST"])
@permission_required("concept.edit", load=_region)
def start_draft(slug: str):
    region = _region(slug)
    form = EmptyForm()
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.start_draft(current_user, region),
            _("A new draft has been started. Readers see the current version until you publish."),
        )
        if outcome:
            return redirect(_draft_url(region))
        for message in form.form_errors:
            flash(message, "error")
    return redirect(_current_url(region))


def _draft_page(region, draft: ConceptVersion, goal_form: GoalForm | None = None):
    if goal_form is None:
        goal_form = GoalForm(formdata=None)
        goal_form.set_fields_of_action(queries.fields_for_goals(region))
    return render_template(
        "concepts/draft.html",
        region=region,
        draft=draft,
        current=services.current_version(region),
        blocks=queries.structure(draft),
        visible_proposals=queries.visible_proposals,
        offered_in=queries.consultations_offering(draft),
        comment_counts=queries.comment_counts(draft),
        goal_form=goal_form,
        button_form=EmptyForm(),
    )


@bp.route("/regions/<slug>/concept/draft")
@permission_required("concept.edit", load=_region)
def draft(slug: str):
    region = _region(slug)
    working = _draft_or_redirect(region)
    if working is None:
        return redirect(_current_url(region))
    return _draft_page(region, working)


@bp.route("/regions/<slug>/concept/draft/goals", methods=["POST"])
@permission_required("concept.edit", load=_region)
def add_goal(slug: str):
    region = _region(slug)
    working = _draft_or_redirect(region)
    if working is None:
        return redirect(_current_url(region))
    form = GoalForm()
    form.set_fields_of_action(queries.fields_for_goals(region))
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.add_goal(
                current_user,
                working,
                services.ItemDetails(
                    title=form.title.data,
                    description=form.description.data or "",
                    position=form.position.data,
                    field_id=form.field_of_action.data,
                ),
            ),
            _("The goal has been added."),
        )
        if outcome:
            return redirect(_draft_url(region, f"item-{outcome.value.key}"))
    return _draft_page(region, working, goal_form=form), getattr(form, "refusal_status", 400)


def _measure_details(form: MeasureForm) -> services.ItemDetails:
    return services.ItemDetails(
        title=form.title.data,
        description=form.description.data or "",
        position=form.position.data,
        responsible=form.responsible.data or "",
        timeframe=form.timeframe.data or "",
        status=form.status.data,
        proposal_ids=list(form.proposals.data or []),
        project_ids=list(form.projects.data or []),
    )


def _item_form_page(region, form, item=None, goal=None):
    return render_template(
        "concepts/item_form.html",
        region=region,
        form=form,
        item=item,
        goal=goal,
    ), getattr(form, "refusal_status", 200)


@bp.route("/regions/<slug>/concept/goals/<int:goal_id>/measures/new", methods=["GET", "POST"])
@permission_required("concept.edit", load=_region)
def add_measure(slug: str, goal_id: int):
    region = _region(slug)
    goal = queries.item_of_region_or_404(region, goal_id)
    if not goal.is_goal:
        abort(404)
    _require_draft_item(goal)
    form = MeasureForm()
    form.set_links(queries.linkable_proposals(region), queries.linkable_projects(region))
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.add_measure(current_user, goal, _measure_details(form)),
            _("The measure has been added."),
        )
        if outcome:
            return redirect(_draft_url(region, f"item-{outcome.value.key}"))
    return _item_form_page(region, form, goal=goal)


@bp.route("/regions/<slug>/concept/items/<int:item_id>/edit", methods=["GET", "POST"])
@permission_required("concept.edit", load=_region)
def edit_item(slug: str, item_id: int):
    region = _region(slug)
    item = queries.item_of_region_or_404(region, item_id)
    _require_draft_item(item)
    if item.is_goal:
        form = GoalForm(obj=item if request.method == "GET" else None)
        fields = queries.fields_for_goals(region)
        if item.field_of_action not in fields:  # filed under a field the region left since
            fields = [item.field_of_action, *fields]
        form.set_fields_of_action(fields)
        if request.method == "GET":
            form.field_of_action.data = item.field_of_action_id
    else:
        form = MeasureForm(obj=item if request.method == "GET" else None)
        form.set_links(queries.linkable_proposals(region), queries.linkable_projects(region))
        if request.method == "GET":
            form.proposals.data = [proposal.id for proposal in item.proposals]
            form.projects.data = [project.id for project in item.projects]
    if form.validate_on_submit():
        if item.is_goal:
            details = services.ItemDetails(
                title=form.title.data,
                description=form.description.data or "",
                position=form.position.data,
                field_id=form.field_of_action.data,
            )
        else:
            details = _measure_details(form)
        if apply_change(
            form,
            lambda: services.edit_item(current_user, item, details),
            _("Your changes have been saved."),
        ):
            return redirect(_draft_url(region, f"item-{item.key}"))
    return _item_form_page(region, form, item=item, goal=item.goal)


@bp.route("/regions/<slug>/concept/items/<int:item_id>/remove", methods=["POST"])
@permission_required("concept.edit", load=_region)
def remove_item(slug: str, item_id: int):
    region = _region(slug)
    item = queries.item_of_region_or_404(region, item_id)
    form = EmptyForm()
    if form.validate_on_submit():
        apply_change(
            form,
            lambda: services.remove_item(current_user, item),
            _("The goal and its measures have been removed.")
            if item.is_goal
            else _("The measure has been removed."),
        )
        for message in form.form_errors:
            flash(message, "error")
    return redirect(_draft_url(region))


@bp.route("/regions/<slug>/concept/publish", methods=["GET", "POST"])
@permission_required("concept.edit", load=_region)
def publish(slug: str):
    region = _region(slug)
    working = _draft_or_redirect(region)
    if working is None:
        return redirect(_current_url(region))
    current_one = services.current_version(region)
    form = PublishForm()
    if request.method == "GET":
        form.valid_from.data = today_in_hesse()
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.publish(current_user, working, form.valid_from.data, form.note.data or ""),
        _("Version %(number)d has been published.", number=working.number),
    ):
        return redirect(_current_url(region))
    return render_template(
        "concepts/publish.html",
        region=region,
        draft=working,
        current=current_one,
        form=form,
        groups=_grouped_changes(current_one, working) if current_one is not None else [],
        status_names=MEASURE_STATUS_NAMES,
    ), getattr(form, "refusal_status", 200)


# --- comments on a draft under discussion ------------------------------------------------------


def _offered_version(consultation) -> ConceptVersion:
    version = consultation.concept_version
    if version is None or version.region_id != consultation.region_id:
        abort(404)
    return version


def _discussion_page(consultation, version, failed_item_id=None, failed_form=None):
    comments = queries.concept_comments(consultation, current_user)
    hidden = [
        comment.id
        for item_comments in comments.values()
        for comment in item_comments
        if comment.moderation_state == ModerationState.HIDDEN
    ]
    forms = {}
    may_comment = can(current_user, "concept.comment", consultation)
    speakers = organisations_to_speak_for(current_user) if may_comment else []
    if may_comment:
        for item in version.items:
            if item.id == failed_item_id:
                forms[item.id] = failed_form
                continue
            form = ConceptCommentForm(formdata=None, prefix=comment_prefix(item.id))
            form.language.data = current_language()
            offer_speakers(form.speak_as, current_user, speakers)
            form.speak_as.data = 0
            forms[item.id] = form
    return render_template(
        "concepts/discussion.html",
        consultation=consultation,
        region=consultation.region,
        version=version,
        blocks=queries.structure(version),
        visible_proposals=queries.visible_proposals,
        comments=comments,
        hidden_reasons=hiding_reasons(hidden),
        forms_by_item=forms,
        may_comment=may_comment,
        failed_item_id=failed_item_id,
        stance_names=STANCE_NAMES,
    )


@bp.route("/consultations/<int:consultation_id>/concept")
def discussion(consultation_id: int):
    consultation = consultation_or_404(consultation_id)
    return _discussion_page(consultation, _offered_version(consultation))


@bp.route(
    "/consultations/<int:consultation_id>/concept/items/<int:item_id>/comments",
    methods=["POST"],
)
@login_required
@limiter.limit(lambda: current_app.config["RATELIMIT_POSTING"], key_func=per_account_key)
def comment(consultation_id: int, item_id: int):
    consultation = consultation_or_404(consultation_id)
    version = _offered_version(consultation)
    item = db.get_or_404(ConceptItem, item_id)
    if item.version_id != version.id:
        abort(404)
    require(current_user, "concept.comment", consultation)
    form = ConceptCommentForm(prefix=comment_prefix(item.id))
    offer_speakers(form.speak_as, current_user, organisations_to_speak_for(current_user))
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.add_concept_comment(
                current_user,
                consultation,
                item,
                form.body.data,
                form.language.data,
                form.stance.data or None,
                organisation_id=form.speak_as.data or None,
            ),
            _("Your comment has been saved. A moderator reviews it before others can see it.")
            if consultation.moderation_mode == ModerationMode.PRE
            else _("Your comment has been published."),
        )
        if outcome:
            return redirect(
                url_for("concepts.discussion", consultation_id=consultation.id)
                + f"#concept-comment-{outcome.value.id}"
            )
    # Refused: the page again, with the typed comment and the reasons at that item's form.
    return _discussion_page(consultation, version, item.id, form), getattr(
        form, "refusal_status", 400
    )
