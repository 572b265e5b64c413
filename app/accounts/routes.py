"""Account pages: register, confirm, log in and out, reset, profile, password and address."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from app.accounts import bp, mfa, services
from app.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    LoginForm,
    ProfileForm,
    RegistrationForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from app.accounts.tokens import TokenError
from app.core.errors import DomainError
from app.core.forms import EmptyForm, apply_change
from app.core.i18n import _, current_language, remember_language
from app.core.security import safe_next_url
from app.extensions import db, limiter
from app.regions.queries import regions_in_order


def _limit(name: str):
    """Rate limit on form submissions only (showing the form stays free)."""
    return limiter.limit(lambda: current_app.config[name], methods=["POST"])


TOKEN_MESSAGES = {
    "expired": lambda: _("This link has expired. Please ask for a new one."),
    "used": lambda: _("This link has already been used. Please ask for a new one if you need it."),
    "invalid": lambda: _("This link is not valid. Please check that you copied all of it."),
}


@bp.route("/register", methods=["GET", "POST"])
@_limit("RATELIMIT_REGISTER")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.profile"))
    form = RegistrationForm()
    if request.method == "GET":
        form.locale.data = current_language()
    if form.validate_on_submit():
        services.register(
            form.email.data, form.display_name.data, form.password.data, form.locale.data
        )
        db.session.commit()
        return render_template("accounts/check_mail.html", email=form.email.data)
    return render_template("accounts/register.html", form=form)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    # GET only shows a button: the change happens on POST, so mail scanners that open links
    # change nothing.
    form = EmptyForm()
    if not form.validate_on_submit():
        return render_template("accounts/confirm.html", form=form, kind="account")
    try:
        services.confirm_email(token)
    except TokenError as error:
        if error.reason == "used":
            flash(_("Your e-mail address is already confirmed. You can log in."), "info")
        else:
            flash(TOKEN_MESSAGES[error.reason](), "error")
        return redirect(url_for("accounts.login"))
    db.session.commit()
    flash(_("Thank you. Your e-mail address is confirmed."), "success")
    from app.monitoring.profile_routes import profile_invitation  # the area imports accounts

    flash(profile_invitation(), "info")
    if current_user.is_authenticated:
        return redirect(url_for("accounts.profile"))
    return redirect(url_for("accounts.login"))


@bp.route("/confirm/resend", methods=["POST"])
@login_required
@_limit("RATELIMIT_RESET")
def resend_confirmation():
    form = EmptyForm()
    if form.validate_on_submit() and not current_user.is_confirmed:
        services.send_confirmation(current_user)
        flash(_("We have sent you a new confirmation link."), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/login", methods=["GET", "POST"])
@_limit("RATELIMIT_LOGIN")
def login():
    next_url = safe_next_url(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("pages.start"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("The e-mail address or the password is not correct."))
        elif user.has_mfa:
            # Not logged in yet: the second step asks for a code first (accounts/mfa_routes.py).
            db.session.commit()  # a rehashed password
            mfa.begin_pending_login(user, form.remember.data, next_url)
            return redirect(url_for("accounts.second_step"))
        else:
            services.log_in(user, remember=form.remember.data)
            db.session.commit()
            flash(_("Welcome, %(name)s. You are logged in.", name=user.display_name), "success")
            return redirect(next_url or url_for("pages.start"))
    return render_template("accounts/login.html", form=form, next_url=next_url)


@bp.route("/logout", methods=["POST"])
def logout():
    form = EmptyForm()
    if not form.validate_on_submit() or not current_user.is_authenticated:
        return redirect(url_for("pages.start"))
    language = current_user.locale
    services.log_out()
    db.session.commit()  # the rotated session token ends the user's other sessions too
    with force_locale(language):  # the page now speaks the language the person used
        flash(_("You are logged out."), "info")
    return remember_language(redirect(url_for("pages.start")), language)


@bp.route("/reset", methods=["GET", "POST"])
@_limit("RATELIMIT_RESET")
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/reset_sent.html", email=form.email.data)
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@_limit("RATELIMIT_RESET")
def reset_password(token: str):
    try:
        services.user_for_reset_token(token)
    except TokenError as error:
        flash(TOKEN_MESSAGES[error.reason](), "error")
        return redirect(url_for("accounts.reset_request"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(token, form.password.data)
        services.log_out()
        db.session.commit()
        flash(_("Your password has been changed. Please log in with the new password."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    form.home_region.choices = [SelectChoice(0, _("No region chosen"))] + [
        SelectChoice(region.id, str(region.title())) for region in regions_in_order()
    ]
    if request.method == "GET":
        form.home_region.data = current_user.home_region_id or 0
    if form.validate_on_submit():
        services.update_profile(
            current_user, form.display_name.data, form.locale.data, form.home_region.data or None
        )
        db.session.commit()
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form, resend_form=EmptyForm())


@bp.route("/password", methods=["GET", "POST"])
@login_required
@_limit("RATELIMIT_LOGIN")
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.change_password(
            # The real object: Flask-Login must not store its own proxy as the user.
            current_user._get_current_object(),
            form.current_password.data,
            form.password.data,
        ),
        _("Your password has been changed. You were logged out on all other devices."),
    ):
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/email", methods=["GET", "POST"])
@login_required
@_limit("RATELIMIT_LOGIN")
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit() and apply_change(
        form,
        lambda: services.request_email_change(
            current_user, form.current_password.data, form.email.data
        ),
        _(
            "We have sent a link to %(email)s. Your address changes when you follow it.",
            email=form.email.data,
        ),
    ):
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_email.html", form=form)


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email_change(token: str):
    form = EmptyForm()
    if not form.validate_on_submit():
        return render_template("accounts/confirm.html", form=form, kind="email_change")
    after = "accounts.profile" if current_user.is_authenticated else "accounts.login"
    try:
        services.confirm_email_change(token)
    except TokenError as error:
        flash(TOKEN_MESSAGES[error.reason](), "error")
        return redirect(url_for(after))
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for(after))
    db.session.commit()
    flash(_("Your new e-mail address is confirmed."), "success")
    return redirect(url_for(after))
