"""Delete my account: routes (see deletion.py)."""

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import force_locale
from flask_login import current_user, login_required, logout_user
from werkzeug.routing import BuildError

from app.core.errors import DomainError
from app.core.forms import attach_error
from app.core.i18n import _, remember_language
from app.core.permissions import permission_required
from app.extensions import db, limiter
from app.privacy import bp, deletion
from app.privacy.deletion_forms import DeleteAccountForm


def _export_url() -> str | None:
    """The "download my data" page, offered before deleting (when it exists)."""
    try:
        return url_for("privacy.export")
    except BuildError:
        return None


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@permission_required("privacy.delete")
# The password is checked here, so guessing is limited like at the login.
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def delete():
    # The real object: the service deletes it, Flask-Login's proxy must not stand in for it.
    user = current_user._get_current_object()
    form = DeleteAccountForm()
    if not user.has_mfa:
        del form.code
    if form.validate_on_submit():
        try:
            deletion.check_credentials(
                user, form.password.data, form.code.data if user.has_mfa else None
            )
            deletion.delete_account(user, form.remove_contributions, actor=user)
        except DomainError as error:
            db.session.rollback()  # nothing half-deleted; the typed choice stays in the form
            attach_error(form, error)
        else:
            language = user.locale
            db.session.commit()
            # The account row (and with it every session token) is gone; this session ends too,
            # with everything in it, before the confirmation is put into the fresh one.
            session.clear()
            logout_user()
            with force_locale(language):  # the next page speaks the language the person used
                flash(
                    _(
                        "Your account has been deleted. Thank you for taking part. You can "
                        "register again at any time."
                    ),
                    "success",
                )
            return remember_language(redirect(url_for("pages.start")), language)
    return render_template(
        "privacy/delete.html",
        form=form,
        counts=deletion.contribution_counts(user),
        handovers=deletion.sole_admin_handovers(user),
        memberships=len(user.memberships),
        last_administrator=deletion.is_last_administrator(user),
        export_url=_export_url(),
    ), getattr(form, "refusal_status", 200)
