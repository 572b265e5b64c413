"""Region pages, region editing by coordinators, and the catalogue of fields of action."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.consultations.queries import visible_consultations_of_region
from app.core.clock import utcnow_naive
from app.core.forms import apply_change, fill_translated, translated_data
from app.core.i18n import _
from app.core.page_cache import cached_for_anonymous
from app.core.permissions import permission_required
from app.core.phases import PHASE_NAMES, active_phase
from app.regions import bp, queries, services
from app.regions.forms import FieldOfActionForm, NewRegionForm, RegionFieldsForm, RegionTextsForm
from app.regions.models import RegionKind


def _region(slug: str, **_ignored):
    return queries.region_by_slug_or_404(slug)


@bp.route("/")
@cached_for_anonymous
def index():
    return render_template(
        "regions/index.html",
        model_regions=queries.regions_in_order(RegionKind.MODEL_REGION),
        kompetenzkreis=queries.regions_in_order(RegionKind.KOMPETENZKREIS),
    )


@bp.route("/<slug>")
@cached_for_anonymous
def detail(slug: str):
    region = queries.region_by_slug_or_404(slug)
    return render_template(
        "regions/detail.html",
        region=region,
        coordinators=queries.coordinators(region),
        consultations=visible_consultations_of_region(region, current_user),
        now=utcnow_naive(),
        phase_names=PHASE_NAMES,
        active_phase=active_phase,
    )


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@permission_required("region.edit", load=_region)
def edit(slug: str):
    region = queries.region_by_slug_or_404(slug)
    form = RegionTextsForm()
    if request.method == "GET":
        fill_translated(form, "name", region.name)
        fill_translated(form, "description", region.description)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.update_region_texts(
            current_user,
            region,
            translated_data(form, "name"),
            translated_data(form, "description"),
        ),
        _("The texts of the region have been saved."),
    ):
        return redirect(url_for("regions.detail", slug=region.slug))
    return render_template("regions/edit.html", region=region, form=form)


@bp.route("/<slug>/fields-of-action", methods=["GET", "POST"])
@permission_required("region.choose_fields", load=_region)
def choose_fields(slug: str):
    region = queries.region_by_slug_or_404(slug)
    form = RegionFieldsForm()
    form.fields_of_action.choices = [
        SelectChoice(field.id, str(field.title())) for field in queries.fields_of_action()
    ]
    if request.method == "GET":
        form.fields_of_action.data = [field.id for field in region.fields_of_action]
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.set_region_fields(current_user, region, form.fields_of_action.data),
        _("The fields of action of the region have been saved."),
    ):
        return redirect(url_for("regions.detail", slug=region.slug))
    return render_template("regions/choose_fields.html", region=region, form=form)


@bp.route("/new", methods=["GET", "POST"])
@permission_required("region.create")
def new():
    form = NewRegionForm()
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.create_kompetenzkreis_region(
                current_user, translated_data(form, "name"), translated_data(form, "description")
            ),
            _("The region has been added to the Kompetenzkreis."),
        )
        if outcome:
            return redirect(url_for("regions.detail", slug=outcome.value.slug))
    return render_template("regions/new.html", form=form)


@bp.route("/fields-of-action/")
def fields_index():
    return render_template(
        "regions/fields_index.html",
        fields=queries.fields_of_action(include_inactive=False),
    )


@bp.route("/fields-of-action/manage")
@permission_required("field_of_action.manage")
def fields_manage():
    return render_template(
        "regions/fields_manage.html", fields=queries.fields_of_action(include_inactive=True)
    )


@bp.route("/fields-of-action/new", methods=["GET", "POST"])
@bp.route("/fields-of-action/<field_slug>/edit", methods=["GET", "POST"])
@permission_required("field_of_action.manage")
def field_edit(field_slug: str | None = None):
    field = queries.field_of_action_by_slug_or_404(field_slug) if field_slug else None
    form = FieldOfActionForm(obj=field)
    if request.method == "GET" and field is not None:
        fill_translated(form, "name", field.name)
        fill_translated(form, "description", field.description)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.save_field_of_action(
            current_user,
            field,
            translated_data(form, "name"),
            translated_data(form, "description"),
            form.position.data or 0,
            form.is_active.data,
        ),
        _("The field of action has been saved."),
    ):
        return redirect(url_for("regions.fields_manage"))
    return render_template("regions/field_edit.html", form=form, field=field)
