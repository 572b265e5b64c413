from flask import Blueprint

bp = Blueprint("multilingual", __name__, template_folder="templates")

from app.multilingual import routes  # noqa: E402,F401
