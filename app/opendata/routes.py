"""The open-data page and the downloads of each dataset as CSV or JSON."""

from flask import Response, abort, render_template

from app.funding.deadlines import today_in_hesse
from app.opendata import bp, datasets
from app.opendata.formats import WRITERS


@bp.route("/")
def index():
    entries = [(dataset, dataset.last_changed()) for dataset in datasets.all_datasets()]
    return render_template(
        "opendata/index.html",
        entries=entries,
        licence=datasets.LICENCE,
        formats=list(WRITERS),
    )


@bp.route("/<name>.<any(csv, json):fmt>")
def download(name: str, fmt: str):
    dataset = datasets.get(name)
    if dataset is None:
        abort(404)
    write, content_type = WRITERS[fmt]
    filename = f"mitreden-{dataset.name}-{today_in_hesse().isoformat()}.{fmt}"
    return Response(
        write(dataset),
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
