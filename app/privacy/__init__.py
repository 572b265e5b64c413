"""Privacy self-service (download my data, delete my account) and the retention purge."""

from flask import Blueprint

bp = Blueprint("privacy", __name__, template_folder="templates")

from app.privacy import deletion_routes, export_routes  # noqa: E402, F401
