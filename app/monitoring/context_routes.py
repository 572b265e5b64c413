"""Pages where a region's coordination keeps its context indicators (rule "context.manage"):
the region's figures, adding, changing and deleting one."""

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _
from app.core.permissions import permission_required
from app.monitoring import bp, context_queries, context_services
from app.monitoring.context import CONTEXT_INDICATORS, context_kind
from app.monitoring.context_forms import ContextIndicatorForm
from app.monitoring.models import ContextIndicator
from app.regions import queries as region_queries
from app.regions.models import Region


def _region(slug: str, **_ignored) -> Region:
    return region_queries.region_by_slug_or_404(slug)


def _indicator(indicator_id: int, **_ignored) -> ContextIndicator:
    return context_queries.indicator_or_404(indicator_id)


def _index_url(region: Region, key: str | None = None) -> str:
    anchor = f"context-{key}" if key in CONTEXT_INDICATORS else None
    return url_for("monitoring.context_index", slug=region.slug, _anchor=anchor)


def _page(template: str, **context):
    return render_template(
        template,
        format_value=context_queries.format_value,
        context_kind=context_kind,
        **context,
    )


@bp.route("/regions/<slug>/context")
@permission_required("context.manage", load=_region)
def context_index(slug: str):
    region = _region(slug)
    indicators = context_queries.indicators_of_region(region.id)
    return _page(
        "monitoring/context_index.html",
        region=region,
        groups=context_queries.grouped_by_kind(indicators),
        names=context_queries.entered_by_names(indicators),
        count=len(indicators),
    )


def _form_page(form: ContextIndicatorForm, region: Region, indicator: ContextIndicator | None):
    return _page(
        "monitoring/context_form.html", form=form, region=region, indicator=indicator
    ), getattr(form, "refusal_status", 200)


@bp.route("/regions/<slug>/context/new", methods=["GET", "POST"])
@permission_required("context.manage", load=_region)
def context_new(slug: str):
    region = _region(slug)
    form = ContextIndicatorForm()
    if request.method == "GET" and request.args.get("indicator") in CONTEXT_INDICATORS:
        form.indicator.data = request.args["indicator"]
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: context_services.add_indicator(current_user, region, form.details()),
            _("The figure has been added."),
        )
        if outcome:
            return redirect(_index_url(region, outcome.value.key))
    return _form_page(form, region, None)


@bp.route("/context/<int:indicator_id>/edit", methods=["GET", "POST"])
@permission_required("context.manage", load=_indicator)
def context_edit(indicator_id: int):
    indicator = _indicator(indicator_id)
    region = indicator.region
    form = ContextIndicatorForm()
    if request.method == "GET":
        form.fill(indicator)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: context_services.edit_indicator(current_user, indicator, form.details()),
        _("Your changes have been saved."),
    ):
        return redirect(_index_url(region, form.indicator.data))
    return _form_page(form, region, indicator)


@bp.route("/context/<int:indicator_id>/delete", methods=["GET", "POST"])
@permission_required("context.manage", load=_indicator)
def context_delete(indicator_id: int):
    """GET asks once more (also without JavaScript); only the POST deletes."""
    indicator = _indicator(indicator_id)
    region, key = indicator.region, indicator.key
    form = EmptyForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if apply_change(
            form,
            lambda: context_services.delete_indicator(current_user, indicator),
            _("The figure has been deleted."),
        ):
            return redirect(_index_url(region, key))
    return _page(
        "monitoring/context_delete.html", form=form, region=region, indicator=indicator
    ), getattr(form, "refusal_status", 200)
