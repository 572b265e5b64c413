from flask import Blueprint

bp = Blueprint("monitoring", __name__, template_folder="templates")
# The participation profile belongs to the account pages (/account/participation-profile).
profile_bp = Blueprint("profile", __name__, template_folder="templates")

from app.monitoring import profile_routes, routes  # noqa: E402,F401
from app.monitoring import context_routes  # noqa: E402,F401
from app.monitoring import internal_routes, report_routes  # noqa: E402,F401
