"""One-click unsubscribe from notification mails, without logging in.

GET shows which mails would stop and a button; it changes nothing, so link scanners and
prefetching mail programs cannot unsubscribe anyone. POST unsubscribes. It is exempt from CSRF
protection: mail programs send the RFC 8058 one-click POST ("List-Unsubscribe=One-Click") without
a form token, and the signed link is itself the secret a forged request would need.
"""

from flask import render_template, request, url_for

from app.extensions import csrf, db
from app.notifications import bp
from app.notifications.kinds import KINDS
from app.notifications.unsubscribe import UnsubscribeTokenError, read_token, unsubscribe


def _page(state: str, kinds=(), status: int = 200):
    page = render_template(
        "notifications/unsubscribe.html",
        state=state,
        kind_labels=[KINDS[code].label for code in kinds],
        settings_url=url_for("notifications.settings"),
    )
    return page, status


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"], endpoint="unsubscribe")
@csrf.exempt
def unsubscribe_page(token: str):
    try:
        user, kinds = read_token(token)
    except UnsubscribeTokenError:
        return _page("invalid", status=404)
    if request.method == "GET":
        return _page("confirm", kinds)
    unsubscribe(user, kinds)
    db.session.commit()
    return _page("done", kinds)
