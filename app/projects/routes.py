"""Pages of the projects area: the register, one project approach, adding and editing, and the
coordination view across regions."""

from collections import defaultdict

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _, current_language
from app.core.permissions import can, permission_required, require
from app.projects import bp, queries, services
from app.projects.forms import ProjectForm
from app.projects.models import PROJECT_STATUS_NAMES, ProjectApproach, ProjectStatus
from app.proposals.models import STATUS_NAMES as PROPOSAL_STATUS_NAMES
from app.regions import queries as region_queries
from app.regions.models import Region


def _region_or_404(slug: str | None) -> Region:
    if not slug:
        abort(404)
    return region_queries.region_by_slug_or_404(slug)


def _project(project_id: int, **_ignored) -> ProjectApproach:
    return queries.project_or_404(project_id)


# --- The register ------------------------------------------------------------------------------


@bp.route("/")
def index():
    regions = region_queries.regions_in_order()
    fields = region_queries.fields_of_action()
    # Only known values filter; anything else is ignored, never an error.
    region = next((r for r in regions if r.slug == request.args.get("region")), None)
    field = next((f for f in fields if f.slug == request.args.get("field")), None)
    status = request.args.get("status") if request.args.get("status") in ProjectStatus.ALL else None
    field_slug = field.slug if field else None
    if region is not None:
        projects = queries.projects_of_region(region, field_slug, status)
    else:
        projects = queries.projects_of_all_regions(field_slug, status)
    by_region = defaultdict(list)
    for project in projects:
        by_region[project.region_id].append(project)
    groups = [(r, by_region[r.id]) for r in regions if r.id in by_region]
    filters = {"region": region.slug if region else None, "field": field_slug, "status": status}
    return render_template(
        "projects/index.html",
        regions=regions,
        fields=fields,
        region=region,
        field=field,
        status=status,
        filters={key: value for key, value in filters.items() if value},
        status_names=PROJECT_STATUS_NAMES,
        statuses=ProjectStatus.ALL,
        groups=groups,
        total=len(projects),
        may_add_in=[r for r in regions if can(current_user, "project.manage", r)],
    )


@bp.route("/<int:project_id>")
def detail(project_id: int):
    project = _project(project_id)
    return render_template(
        "projects/detail.html",
        project=project,
        proposals=queries.visible_proposals(project),
        measures=queries.measures_carried_out(project),
        overlapping=queries.overlapping(project),
        similar=queries.similar_elsewhere(project),
        button_form=EmptyForm(),
    )


# --- Adding, editing, deleting ------------------------------------------------------------------


def _form(region: Region, project: ProjectApproach | None = None) -> ProjectForm:
    if request.method == "GET" and project is not None:
        form = ProjectForm(data=_data_of(project))
    else:
        form = ProjectForm()
    here, elsewhere = queries.lead_organisation_choices(region)
    form.set_choices(
        region_queries.fields_of_action(),
        here,
        elsewhere,
        queries.programme_choices(),
        region,
    )
    return form


def _data_of(project: ProjectApproach) -> dict:
    """The form's initial values from a stored project (plus empty rows to add more)."""
    return {
        "title": project.title,
        "description": project.description,
        "language": project.language,
        "field_of_action": project.field_of_action_id or 0,
        "status": project.status,
        "lead_organisation": project.lead_organisation_id or 0,
        "lead_name": project.lead_name,
        "partners": [
            {"organisation": partner.organisation_id or 0, "name": partner.name}
            for partner in project.partners
        ]
        + [{}] * 2,
        "fundings": [
            {"programme": funding.programme_id, "state": funding.state, "amount": funding.amount}
            for funding in project.fundings
        ]
        + [{}] * 2,
        "budget": project.budget,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "results_summary": project.results_summary,
        "proposals": [proposal.id for proposal in project.proposals],
    }


def _details(form: ProjectForm) -> services.ProjectDetails:
    # Each row is a FormField; its inputs live on `.form` (a row's own `name` is "partners-0").
    partners = [
        services.PartnerDetails(
            organisation_id=row.form.organisation.data or None,
            name="" if row.form.organisation.data else (row.form.name.data or ""),
        )
        for row in form.partners
    ]
    fundings = [
        services.FundingDetails(
            programme_id=row.form.programme.data,
            state=row.form.state.data,
            amount=row.form.amount.data,
        )
        for row in form.fundings
        if row.form.programme.data
    ]
    return services.ProjectDetails(
        title=form.title.data or "",
        description=form.description.data or "",
        language=form.language.data or "",
        field_id=form.field_of_action.data or None,
        status=form.status.data or "",
        lead_organisation_id=form.lead_organisation.data or None,
        lead_name="" if form.lead_organisation.data else (form.lead_name.data or ""),
        budget=form.budget.data,
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        results_summary=form.results_summary.data or "",
        partners=partners,
        fundings=fundings,
        proposal_ids=list(form.proposals.data or []),
    )


def _form_page(form: ProjectForm, region: Region, project: ProjectApproach | None):
    return render_template(
        "projects/form.html",
        form=form,
        region=region,
        project=project,
        proposal_groups=queries.proposal_choices(region),
        chosen_proposals=set(form.proposals.data or []),
        proposal_status_names=PROPOSAL_STATUS_NAMES,
    ), getattr(form, "refusal_status", 200)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    region = _region_or_404(request.args.get("region"))
    require(current_user, "project.manage", region)
    form = _form(region)
    if request.method == "GET":
        form.language.data = current_language()
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.create_project(current_user, region, _details(form)),
            _("The project approach has been added to the register."),
        )
        if outcome:
            return redirect(url_for("projects.detail", project_id=outcome.value.id))
    return _form_page(form, region, None)


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
@permission_required("project.manage", load=_project)
def edit(project_id: int):
    project = _project(project_id)
    form = _form(project.region, project)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.edit_project(current_user, project, _details(form)),
        _("Your changes have been saved."),
    ):
        return redirect(url_for("projects.detail", project_id=project.id))
    return _form_page(form, project.region, project)


@bp.route("/<int:project_id>/delete", methods=["POST"])
@login_required
@permission_required("project.manage", load=_project)
def delete(project_id: int):
    project = _project(project_id)
    region_slug = project.region.slug
    form = EmptyForm()
    if not form.validate_on_submit():
        flash(_("The form has expired. Please send it again."), "error")
        return redirect(url_for("projects.detail", project_id=project.id))
    if apply_change(
        form,
        lambda: services.delete_project(current_user, project),
        _("The project approach has been deleted."),
    ):
        return redirect(url_for("projects.index", region=region_slug))
    for message in form.form_errors:
        flash(message, "error")
    return redirect(url_for("projects.detail", project_id=project.id))


# --- Coordination across regions ----------------------------------------------------------------


@bp.route("/coordination")
@permission_required("coordination.view")
def coordination():
    regions = region_queries.regions_in_order()
    fields = region_queries.fields_of_action()
    cells = queries.coordination_matrix(regions)
    projects = queries.projects_of_all_regions()
    by_region = defaultdict(list)
    for project in projects:
        by_region[project.region_id].append(project)
    overlaps = [
        (region, groups)
        for region in regions
        if (groups := queries.overlap_groups(by_region[region.id]))
    ]
    return render_template(
        "projects/coordination.html",
        regions=regions,
        fields=fields,
        cells=cells,
        totals={region.id: len(by_region[region.id]) for region in regions},
        overlaps=overlaps,
    )
