"""The printable report of one region for a period (/monitoring/regions/<slug>/report).

Public, GET only. The same charts as the region view, rebuilt from the same registry, but each
with its data table open, and the context figures with their sources, so the printed pages say
everything the screen says. Filters come from the query string; any hostile value gives the
defaults.
"""

from flask import abort, render_template, url_for

from app.core.clock import utcnow_naive
from app.monitoring import bp, dashboard
from app.monitoring.routes import _filter_context, _filters

# Shown after the time series, as on the region page.
CONSULTATIONS_CHART = "region-consultations"


@bp.route("/regions/<slug>/report", endpoint="report")
def report_page(slug: str):
    region = dashboard.region_by_slug(slug)
    if region is None:
        abort(404)
    filters = _filters()
    sections = dashboard.REGION_SECTIONS
    chart_ids = [*dashboard.chart_ids(sections), CONSULTATIONS_CHART]
    built = dashboard.build_many(chart_ids, filters, region)
    return render_template(
        "monitoring/report.html",
        region=region,
        sections=sections,
        charts=built,
        key_figures=dashboard.key_figures(filters, region),
        answer_figures=dashboard.answer_figures(filters, region),
        funding_figures=dashboard.funding_figures(filters, region),
        context_rows=dashboard.context_table(region),
        generated_at=utcnow_naive(),
        # Absolute: the printout shows the address after the link.
        region_page_url=url_for(
            "monitoring.region", slug=region.slug, _external=True, **filters.query_args()
        ),
        **_filter_context(filters, url_for("monitoring.report", slug=region.slug)),
    )
