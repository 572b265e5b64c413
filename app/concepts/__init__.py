from flask import Blueprint

bp = Blueprint("concepts", __name__, template_folder="templates")

from app.concepts import routes  # noqa: E402,F401
