from flask import Blueprint

bp = Blueprint("opendata", __name__, template_folder="templates")

from app.opendata import api_page, routes  # noqa: E402,F401
