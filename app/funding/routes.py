"""Pages of the funding area: the public catalogue of programmes with its filters, the
deadlines soon, a programme's page, and maintaining the catalogue (rule programme.manage)."""

import itertools

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.core.forms import EmptyForm, apply_change, fill_translated, translated_data
from app.core.i18n import _
from app.core.permissions import permission_required
from app.funding import bp, queries, services
from app.funding.deadlines import today_in_hesse
from app.funding.forms import programme_form
from app.funding.models import FUNDER_LEVEL_NAMES, FunderLevel
from app.regions import queries as region_queries

DEFAULT_WEEKS = 8


@bp.route("/")
def index():
    regions = region_queries.regions_in_order()
    fields = region_queries.fields_of_action()
    filters = queries.ProgrammeFilters.from_args(
        request.args, {r.slug for r in regions}, {f.slug for f in fields}
    )
    today = today_in_hesse()
    return render_template(
        "funding/index.html",
        filters=filters,
        rows=queries.programmes(filters, today),
        today=today,
        regions=regions,
        fields=fields,
        levels=[(code, FUNDER_LEVEL_NAMES[code]) for code in FunderLevel.ALL],
        week_choices=queries.WEEK_CHOICES,
    )


@bp.route("/deadlines")
def deadlines():
    # Compared as text: int() refuses some digits ("²") and very long numbers.
    sent = request.args.get("weeks", "")
    weeks = int(sent) if sent in {str(choice) for choice in queries.WEEK_CHOICES} else DEFAULT_WEEKS
    today = today_in_hesse()
    found = queries.deadlines_soon(weeks, today)
    months = [
        (month, list(items))
        for month, items in itertools.groupby(found, key=lambda row: row[0].replace(day=1))
    ]
    return render_template(
        "funding/deadlines.html",
        weeks=weeks,
        week_choices=queries.WEEK_CHOICES,
        months=months,
        count=len(found),
        today=today,
    )


@bp.route("/<int:programme_id>")
def detail(programme_id: int):
    programme = queries.programme_or_404(programme_id)
    today = today_in_hesse()
    return render_template(
        "funding/detail.html",
        programme=programme,
        today=today,
        upcoming=programme.next_deadline(today),
        deadlines=[(deadline, deadline.next_occurrence(today)) for deadline in programme.deadlines],
        fundings=queries.fundings_of_programme(programme),
    )


def _set_choices(form, programme=None) -> None:
    fields = region_queries.fields_of_action()
    if programme is not None:
        # A field of action retired from the catalogue stays ticked where it was chosen.
        fields += [f for f in programme.fields_of_action if not f.is_active]
    form.set_choices(region_queries.regions_in_order(), fields)


def _details(form) -> services.ProgrammeDetails:
    return services.ProgrammeDetails(
        name=form.name.data,
        funder_level=form.funder_level.data,
        funder=form.funder.data,
        all_regions=form.all_regions.data,
        region_ids=form.regions.data or [],
        field_ids=form.fields.data or [],
        target_groups=form.target_groups.data or "",
        amount_min=form.amount_min.data,
        amount_max=form.amount_max.data,
        co_funding_percent=form.co_funding_percent.data,
        status=form.status.data,
        url=form.url.data or "",
        contact=form.contact.data or "",
        description=translated_data(form, "description"),
        deadlines=form.deadlines(),
    )


@bp.route("/new", methods=["GET", "POST"])
@permission_required("programme.manage")
def new():
    form = programme_form(0, request.form)
    _set_choices(form)
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: services.create_programme(current_user, _details(form)),
            _("The funding programme has been added."),
        )
        if outcome:
            return redirect(url_for("funding.detail", programme_id=outcome.value.id))
    return render_template("funding/form.html", form=form, programme=None), getattr(
        form, "refusal_status", 200
    )


@bp.route("/<int:programme_id>/edit", methods=["GET", "POST"])
@permission_required("programme.manage")
def edit(programme_id: int):
    programme = queries.programme_or_404(programme_id)
    form = programme_form(
        len(programme.deadlines),
        request.form,
        obj=programme if request.method == "GET" else None,
    )
    _set_choices(form, programme)
    if request.method == "GET":
        form.regions.data = [region.id for region in programme.regions]
        form.fields.data = [field.id for field in programme.fields_of_action]
        fill_translated(form, "description", programme.description)
        form.fill_deadlines(programme.deadlines)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.edit_programme(current_user, programme, _details(form)),
        _("The funding programme has been saved."),
    ):
        return redirect(url_for("funding.detail", programme_id=programme.id))
    return render_template("funding/form.html", form=form, programme=programme), getattr(
        form, "refusal_status", 200
    )


@bp.route("/<int:programme_id>/delete", methods=["POST"])
@permission_required("programme.manage")
def delete(programme_id: int):
    programme = queries.programme_or_404(programme_id)
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    name = programme.name
    if apply_change(
        form,
        lambda: services.delete_programme(current_user, programme),
        _("The funding programme “%(name)s” has been deleted.", name=name),
    ):
        return redirect(url_for("funding.index"))
    for message in form.form_errors:
        flash(message, "error")
    return redirect(url_for("funding.detail", programme_id=programme_id))
