from flask import Blueprint

bp = Blueprint("regions", __name__, template_folder="templates")

from app.regions import routes  # noqa: E402,F401
