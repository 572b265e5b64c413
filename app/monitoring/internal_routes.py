"""The ministry view (/monitoring/internal): the non-public figures for administrators and
coordinators ("monitoring.internal"). GET only; filters as on the dashboard. The charts'
downloads go through the dashboard's download route, which checks the same rule for charts
registered as not public."""

from flask import render_template, url_for

from app.core.permissions import permission_required
from app.monitoring import bp, internal
from app.monitoring.routes import _filter_context, _filters, downloads


@bp.route("/internal", endpoint="internal")
@permission_required("monitoring.internal")
def internal_page():
    filters = _filters()
    built = internal.build_all(filters)
    regions = internal.regions()
    return render_template(
        "monitoring/internal.html",
        key_figures=internal.key_figures(filters),
        sections=internal.sections(),
        charts=built,
        downloads={chart_id: downloads(chart, filters) for chart_id, chart in built.items()},
        waiting=internal.waiting_lists(filters),
        list_limit=internal.LIST_LIMIT,
        report_links=[
            (region, url_for("monitoring.report", slug=region.slug, **filters.query_args()))
            for region in regions
        ],
        **_filter_context(filters, url_for("monitoring.internal")),
    )
