from flask import Blueprint

bp = Blueprint("monitoring", __name__, template_folder="templates")
# The participation profile belongs to the account pages (/account/participation-profile).
profile_bp = Blueprint("profile", __name__, template_folder="templates")

from app.monitoring import (  # noqa: E402,F401  (routes register themselves on the blueprints)
    context_routes,
    internal_routes,
    profile_routes,
    report_routes,
    routes,
)
