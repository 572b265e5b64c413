from flask import Blueprint

bp = Blueprint("onsite", __name__, template_folder="templates")

from app.onsite import routes  # noqa: E402,F401
