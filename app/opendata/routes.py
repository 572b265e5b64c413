"""The open-data page and the downloads of each dataset as CSV or JSON.

A download is streamed: the file is written while its rows are read, in batches, so neither
the process's memory nor the time to the first byte grows with the table. Each download names
its licence in a `Link: <…>; rel="license"` header (the JSON also in its envelope), carries a
weak ETag, and is rate limited like the read API (`RATELIMIT_API`).
"""

import hashlib

from flask import (
    Response,
    abort,
    current_app,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from app.core import cache
from app.extensions import limiter
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
        attribution=datasets.attribution,
        formats=list(WRITERS),
    )


def _etag(dataset_name: str, fmt: str) -> str | None:
    """A tag that changes with every committed write (the content generation), with the code
    and with the day (some columns count from today: next deadline, the last 24 months). None
    when the generation cannot be known: then no tag, rather than a wrong one."""
    shared = cache.current()
    generation = shared.generation()
    if generation is None:
        return None
    parts = (shared.release, generation, today_in_hesse().isoformat(), dataset_name, fmt)
    return hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()[:32]


def _links() -> str:
    licence = datasets.LICENCE["url"]
    page = url_for("opendata.index", _external=True)
    return f'<{licence}>; rel="license", <{page}>; rel="describedby"'


@bp.route("/<name>.<any(csv, json):fmt>")
@limiter.limit(lambda: current_app.config["RATELIMIT_API"])
def download(name: str, fmt: str):
    dataset = datasets.get(name)
    if dataset is None:
        abort(404)
    write, content_type = WRITERS[fmt]
    headers = {"Link": _links(), "Cache-Control": "no-cache"}
    etag = _etag(dataset.name, fmt)
    if etag is not None and request.if_none_match.contains_weak(etag):
        response = Response(status=304, headers=headers)
        response.set_etag(etag, weak=True)
        return response
    filename = f"mitreden-{dataset.name}-{today_in_hesse().isoformat()}.{fmt}"
    headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The generator runs after the view has returned; stream_with_context keeps the request
    # (and with it the database session) until the last row is written.
    response = Response(
        stream_with_context(write(dataset)), content_type=content_type, headers=headers
    )
    if etag is not None:
        response.set_etag(etag, weak=True)
    return response
