from flask import Blueprint

bp = Blueprint("proposals", __name__, template_folder="templates")

from app.proposals import routes  # noqa: E402,F401
