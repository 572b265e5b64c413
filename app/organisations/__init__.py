from flask import Blueprint

bp = Blueprint("organisations", __name__, template_folder="templates")
# Statements live under their consultation: /consultations/<id>/statements/...
statements_bp = Blueprint("statements", __name__, template_folder="templates")

from app.organisations import routes, statement_routes  # noqa: E402,F401
