from flask import Blueprint

bp = Blueprint("funding", __name__, template_folder="templates")

from app.funding import routes  # noqa: E402,F401
