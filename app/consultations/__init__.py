from flask import Blueprint

bp = Blueprint("consultations", __name__, template_folder="templates")

from app.consultations import manage, routes  # noqa: E402,F401  (routes attach themselves to bp)
