"""Monitoring pages: the public dashboard, a region, and the charts' CSV / JSON downloads.

All pages are GET and change nothing. Filters come from the query string through
`Filters.from_args`, so any value, however hostile, gives the defaults rather than an error.
"""

import json
import re

from flask import Response, abort, current_app, render_template, request, url_for
from flask_login import current_user
from werkzeug.routing import BuildError

from app.core.i18n import _
from app.core.permissions import can, require
from app.funding.deadlines import add_months, today_in_hesse
from app.monitoring import bp, charts, dashboard
from app.monitoring.filters import Filters
from app.monitoring.periods import MAX_MONTHS, month_key

DOWNLOAD_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def _filters() -> Filters:
    return dashboard.filters_from_args(request.args)


def _optional_url(endpoint: str, **values) -> str | None:
    """The address of a page another part of the monitoring area provides, or None while it
    does not exist (or takes other arguments)."""
    if endpoint not in current_app.view_functions:
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def month_choices(filters: Filters) -> list[tuple[str, str]]:
    """('YYYY-MM', label) for the period selects: the last MAX_MONTHS months up to the current
    one, plus the months of the current filters if they lie further back."""
    current = today_in_hesse().replace(day=1)
    months = {add_months(current, -offset) for offset in range(MAX_MONTHS)}
    months |= {filters.period.first, filters.period.last}
    return [(month_key(month), dashboard.month_label(month)) for month in sorted(months)]


def downloads(chart, filters: Filters, region=None) -> dict[str, str]:
    """{format: address} of a chart's downloads with the page's filters."""
    args = dict(filters.query_args())
    if region is not None:
        args["region"] = region.slug
    return {
        fmt: url_for("monitoring.chart_download", chart_id=chart.id, fmt=fmt, **args)
        for fmt in DOWNLOAD_FORMATS
    }


def _filter_context(filters: Filters, action: str) -> dict:
    fields = dashboard.fields_of_action()
    field = next((item for item in fields if item.id == filters.field_of_action_id), None)
    return {
        "filters": filters,
        "filter_action": action,
        "month_options": month_choices(filters),
        "selected_from": month_key(filters.period.first),
        "selected_to": month_key(filters.period.last),
        "fields": fields,
        "field": field,
        "filtered": bool({"from", "to", "field"} & set(request.args)),
        "period_adjusted": any(
            request.args.get(name) not in (None, "", applied)
            for name, applied in filters.period.query_args().items()
        ),
        "max_months": MAX_MONTHS,
        "period_text": _(
            "%(first)s to %(last)s",
            first=dashboard.month_label(filters.period.first, long=True),
            last=dashboard.month_label(filters.period.last, long=True),
        ),
    }


@bp.route("/", endpoint="dashboard")
def dashboard_page():
    filters = _filters()
    sections = dashboard.DASHBOARD_SECTIONS
    built = dashboard.build_many(dashboard.chart_ids(sections), filters)
    return render_template(
        "monitoring/dashboard.html",
        key_figures=dashboard.key_figures(filters),
        sections=sections,
        charts=built,
        downloads={chart_id: downloads(chart, filters) for chart_id, chart in built.items()},
        model_regions=dashboard.model_regions(),
        kompetenzkreis=dashboard.kompetenzkreis_regions(),
        **_filter_context(filters, url_for("monitoring.dashboard")),
    )


@bp.route("/regions/<slug>", endpoint="region")
def region_page(slug: str):
    region = dashboard.region_by_slug(slug)
    if region is None:
        abort(404)
    filters = _filters()
    sections = dashboard.REGION_SECTIONS
    chart_ids = [*dashboard.chart_ids(sections), "region-consultations"]
    built = dashboard.build_many(chart_ids, filters, region)
    may_manage_context = can(current_user, "context.manage", region)
    return render_template(
        "monitoring/region.html",
        region=region,
        key_figures=dashboard.key_figures(filters, region),
        answer_figures=dashboard.answer_figures(filters, region),
        funding_figures=dashboard.funding_figures(filters, region),
        sections=sections,
        charts=built,
        downloads={
            chart_id: downloads(chart, filters, region) for chart_id, chart in built.items()
        },
        consultations=dashboard.public_consultations(region),
        context_rows=dashboard.context_table(region),
        context_url=_optional_url("monitoring.context_index", slug=region.slug)
        if may_manage_context
        else None,
        report_url=_optional_url("monitoring.report", slug=region.slug, **filters.query_args()),
        **_filter_context(filters, url_for("monitoring.region", slug=region.slug)),
    )


def _safe_filename(*parts: str) -> str:
    name = "-".join(part for part in parts if part)
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "chart"


@bp.route("/charts/<chart_id>.<any(csv, json):fmt>")
def chart_download(chart_id: str, fmt: str):
    spec = dashboard.chart_spec(chart_id)
    if spec is None:
        abort(404)
    if not spec.public and not can(current_user, "monitoring.internal"):
        if not current_user.is_authenticated:
            from app.extensions import login_manager

            return login_manager.unauthorized()
        require(current_user, "monitoring.internal")
    region = None
    if spec.scope != dashboard.ALL and request.args.get("region"):
        region = dashboard.region_by_slug(request.args.get("region"))
        if region is None:
            abort(404)
    if not spec.accepts(region):
        abort(404)
    filters = _filters()
    chart = dashboard.build(chart_id, filters, region)
    if fmt == "csv":
        body = charts.to_csv(chart)
    else:
        body = json.dumps(charts.to_json(chart), ensure_ascii=False, indent=2)
    period = filters.query_args()
    filename = _safe_filename(
        "mitreden",
        chart.id,
        region.slug if region is not None else "",
        period["from"],
        period["to"],
    )
    return Response(
        body,
        content_type=DOWNLOAD_FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'},
    )
