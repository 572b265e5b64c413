"""Administration: users and roles, the imprint, sign-language videos, accessibility feedback."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.accounts import mfa
from app.accounts.models import RoleAssignment, User
from app.admin import bp, services
from app.admin.forms import AssignRoleForm
from app.core.forms import EmptyForm, apply_change, fill_translated, translated_data
from app.core.i18n import _
from app.core.permissions import permission_required
from app.extensions import db
from app.pages import services as page_services
from app.pages.forms import ImprintForm, VideoUploadForm
from app.pages.models import AccessibilityFeedback, SignLanguageVideo
from app.regions.queries import regions_in_order


@bp.route("/")
@permission_required("admin.access")
def index():
    open_feedback = db.session.scalar(
        db.select(db.func.count(AccessibilityFeedback.id)).where(
            AccessibilityFeedback.handled_at.is_(None)
        )
    )
    return render_template("admin/index.html", open_feedback=open_feedback)


@bp.route("/users")
@permission_required("admin.access")
def users():
    query = request.args.get("q", "")[:100]
    # Clamped like every list: a huge number would overflow the database's OFFSET.
    page = max(1, min(request.args.get("page", 1, type=int), 10_000))
    return render_template(
        "admin/users.html", pagination=services.search_users(query, page), query=query
    )


def _role_form() -> AssignRoleForm:
    form = AssignRoleForm()
    form.region.choices = [
        SelectChoice(region.id, str(region.title())) for region in regions_in_order()
    ]
    return form


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@permission_required("admin.access")
def user_detail(user_id: int):
    user = db.get_or_404(User, user_id)
    form = _role_form()
    if form.validate_on_submit():
        region = next(r for r in regions_in_order() if r.id == form.region.data)
        if apply_change(
            form,
            lambda: services.assign_role(current_user, user, form.role.data, region),
            _("The role has been assigned."),
        ):
            return redirect(url_for("admin.user_detail", user_id=user.id))
    return render_template("admin/user_detail.html", user=user, form=form, button_form=EmptyForm())


@bp.route("/users/<int:user_id>/roles/<int:assignment_id>/remove", methods=["POST"])
@permission_required("admin.access")
def remove_role(user_id: int, assignment_id: int):
    assignment = db.get_or_404(RoleAssignment, assignment_id)
    if assignment.user_id != user_id or not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.user_detail", user_id=user_id))
    services.remove_role(current_user, assignment)
    db.session.commit()
    flash(_("The role has been removed."), "success")
    return redirect(url_for("admin.user_detail", user_id=user_id))


@bp.route("/users/<int:user_id>/administrator", methods=["POST"])
@permission_required("admin.access")
def toggle_administrator(user_id: int):
    user = db.get_or_404(User, user_id)
    if EmptyForm().validate_on_submit():
        services.set_administrator(current_user, user, not user.is_administrator)
        db.session.commit()
        flash(_("The administrator role has been changed."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/second-factor/reset", methods=["POST"])
@permission_required("mfa.reset", load=lambda user_id: db.get_or_404(User, user_id))
def reset_second_factor(user_id: int):
    user = db.get_or_404(User, user_id)
    if EmptyForm().validate_on_submit():
        mfa.reset(current_user, user)
        db.session.commit()
        flash(
            _(
                "Two-step login has been reset and the person logged out everywhere. "
                "They can set it up again at their next login."
            ),
            "success",
        )
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/imprint", methods=["GET", "POST"])
@permission_required("page.edit")
def imprint():
    form = ImprintForm()
    page = page_services.imprint_page()
    if request.method == "GET" and page is not None:
        fill_translated(form, "body", page.body)
    if form.validate_on_submit() and apply_change(
        form,
        lambda: page_services.save_imprint(current_user, translated_data(form, "body")),
        _("The imprint has been saved."),
    ):
        return redirect(url_for("pages.imprint"))
    return render_template("admin/imprint.html", form=form)


@bp.route("/videos", methods=["GET", "POST"])
@permission_required("video.manage")
def videos():
    form = VideoUploadForm()
    if form.validate_on_submit() and apply_change(
        form,
        lambda: page_services.add_sign_language_video(
            current_user, form.file.data, translated_data(form, "title"), form.position.data or 0
        ),
        _("The video has been added to the start page."),
    ):
        return redirect(url_for("admin.videos"))
    return render_template(
        "admin/videos.html",
        form=form,
        videos=page_services.sign_language_videos(),
        button_form=EmptyForm(),
    )


@bp.route("/videos/<int:video_id>/delete", methods=["POST"])
@permission_required("video.manage")
def delete_video(video_id: int):
    video = db.get_or_404(SignLanguageVideo, video_id)
    if EmptyForm().validate_on_submit():
        path = page_services.delete_sign_language_video(current_user, video)
        db.session.commit()
        path.unlink(missing_ok=True)
        flash(_("The video has been removed."), "success")
    return redirect(url_for("admin.videos"))


@bp.route("/feedback")
@permission_required("feedback.read")
def feedback():
    items = db.session.scalars(
        db.select(AccessibilityFeedback).order_by(
            AccessibilityFeedback.handled_at.is_not(None), AccessibilityFeedback.created_at.desc()
        )
    ).all()
    return render_template("admin/feedback.html", items=items, button_form=EmptyForm())


@bp.route("/feedback/<int:feedback_id>/handled", methods=["POST"])
@permission_required("feedback.read")
def feedback_handled(feedback_id: int):
    item = db.get_or_404(AccessibilityFeedback, feedback_id)
    if EmptyForm().validate_on_submit():
        page_services.mark_feedback_handled(current_user, item)
        db.session.commit()
        flash(_("The message is marked as handled."), "success")
    return redirect(url_for("admin.feedback"))
