"""Notification pages: the list with its unread marks, delivery settings, what one follows, and
the follow and unfollow buttons of consultations, proposals and organisations."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.core.forms import apply_change
from app.core.i18n import _
from app.core.permissions import can, permission_required
from app.core.security import safe_next_url
from app.extensions import db
from app.notifications import bp, follows, queries, reading
from app.notifications.describe import describe
from app.notifications.forms import settings_form
from app.notifications.kinds import KINDS
from app.notifications.settings import deliveries_for, set_delivery


@bp.app_context_processor
def inject_notification_helpers():
    """Functions, so a page pays for the unread count or a follow state only when it shows them."""
    return {"unread_notifications": unread_notifications, "is_following": _is_following}


def unread_notifications() -> int:
    """The current user's unread count: one COUNT per request, none for visitors."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = queries.unread_count(current_user)
    return g.unread_notifications


def _is_following(target) -> bool:
    return follows.is_following(current_user, target)


# --- The list ------------------------------------------------------------------------------------


@bp.route("/")
@permission_required("notification.settings")
def index():
    pagination = queries.notification_page(current_user, request.args.get("page"))
    return render_template(
        "notifications/list.html", pagination=pagination, unread=unread_notifications()
    )


@bp.route("/<int:notification_id>/open", methods=["POST"])
@login_required
def open_item(notification_id: int):
    """Mark read and go to what the notification is about."""
    notification = queries.own_notification_or_404(notification_id, current_user)
    target = describe(notification).url or url_for("notifications.index")
    reading.mark_read(current_user, notification)
    db.session.commit()
    return redirect(target, 303)


@bp.route("/<int:notification_id>/read", methods=["POST"])
@login_required
def read(notification_id: int):
    notification = queries.own_notification_or_404(notification_id, current_user)
    reading.mark_read(current_user, notification)
    db.session.commit()
    return redirect(_list_page(), 303)


@bp.route("/read-all", methods=["POST"])
@permission_required("notification.settings")
def read_all():
    reading.mark_all_read(current_user)
    db.session.commit()
    return redirect(_list_page(), 303)


def _list_page() -> str:
    page = request.form.get("page", type=int)
    if page and page > 1:
        return url_for("notifications.index", page=page)
    return url_for("notifications.index")


# --- Settings ------------------------------------------------------------------------------------


@bp.route("/settings", methods=["GET", "POST"])
@permission_required("notification.settings")
def settings():
    staff = can(current_user, "staff.access")
    codes = [code for code, kind in KINDS.items() if staff or not kind.staff_only]
    if request.method == "POST":
        form = settings_form(codes)
    else:
        form = settings_form(codes, data=deliveries_for(current_user.id))
    if form.validate_on_submit() and apply_change(
        form, lambda: _save_settings(form, codes), _("Your notification settings have been saved.")
    ):
        return redirect(url_for("notifications.settings"), 303)
    return render_template("notifications/settings.html", form=form), getattr(
        form, "refusal_status", 200
    )


def _save_settings(form, codes) -> None:
    for code in codes:
        set_delivery(current_user.id, code, form[code].data)


# --- Following -----------------------------------------------------------------------------------


@bp.route("/following")
@permission_required("notification.settings")
def following():
    return render_template(
        "notifications/following.html",
        following=queries.following(current_user),
        title_of=queries.target_title,
        url_of=queries.target_url,
    )


def _load_target(target_type: str, target_id: int):
    return queries.target_or_404(target_type, target_id)


def _back_to(target) -> str:
    return safe_next_url(request.form.get("next")) or queries.target_url(target)


@bp.route("/follow/<target_type>/<int:target_id>", methods=["POST"])
@login_required
@permission_required("follow.create", load=_load_target)
def follow(target_type: str, target_id: int):
    target = _load_target(target_type, target_id)
    follows.follow(current_user, target)
    db.session.commit()
    title = queries.target_title(target, current_user)
    return _flash_and_return(_("You now follow “%(title)s”.", title=title), target)


@bp.route("/unfollow/<target_type>/<int:target_id>", methods=["POST"])
@login_required
def unfollow(target_type: str, target_id: int):
    """Always possible for one's own follow, also once the target is no longer public."""
    target = _load_target(target_type, target_id)
    follows.unfollow(current_user, target)
    db.session.commit()
    title = queries.target_title(target, current_user)
    return _flash_and_return(_("You no longer follow “%(title)s”.", title=title), target)


def _flash_and_return(message: str, target):
    flash(message, "success")
    return redirect(_back_to(target), 303)
