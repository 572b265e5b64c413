from flask import Blueprint

bp = Blueprint("votes", __name__)

from app.votes import routes  # noqa: E402,F401
