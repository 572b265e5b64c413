"""Download my data: the page that explains the download, and the download itself.

The zip is built in memory for the POST that asks for it and sent straight back: it is never
stored, and there is no link that could fetch it again (GET only shows the page).
"""

from flask import Response, current_app, render_template, request
from flask_login import current_user

from app.core.forms import EmptyForm
from app.core.permissions import permission_required
from app.core.security_log import log_security_event
from app.extensions import limiter
from app.moderation.abuse import per_account_key
from app.privacy import bp
from app.privacy.export import SECTIONS, build_zip


@bp.route("/data", methods=["GET", "POST"])
@permission_required("privacy.export")
@limiter.limit(
    lambda: current_app.config["RATELIMIT_EXPORT"], methods=["POST"], key_func=per_account_key
)
def export():
    form = EmptyForm()
    if request.method == "POST" and form.validate_on_submit():
        name, payload = build_zip(current_user)
        log_security_event("privacy.export", user=current_user.id)
        response = Response(payload, mimetype="application/zip")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Cache-Control"] = "no-store"
        return response
    status = 400 if request.method == "POST" else 200
    return render_template("privacy/export.html", form=form, sections=SECTIONS), status
