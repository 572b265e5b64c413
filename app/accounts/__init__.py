from flask import Blueprint

bp = Blueprint("accounts", __name__, template_folder="templates")

from app.accounts import mfa_routes, routes  # noqa: E402,F401  (routes attach themselves to bp)
