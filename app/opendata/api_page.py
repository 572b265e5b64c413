"""The page that explains the read API to people (the document itself is /api/v1/openapi.json)."""

from flask import render_template

from app.opendata import bp


@bp.route("/api")
def api():
    return render_template("opendata/api.html")
