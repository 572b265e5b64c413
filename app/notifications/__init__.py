from flask import Blueprint

bp = Blueprint("notifications", __name__, template_folder="templates")

# The route modules attach themselves to bp.
from app.notifications import routes, unsubscribe_routes  # noqa: E402,F401
