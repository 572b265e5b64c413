"""Pages of the second factor: settings, set-up, recovery codes, and the login's second step."""

from flask import current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.accounts import bp, mfa, services
from app.accounts.mfa_forms import CodeForm, CodeOrRecoveryForm, RecoveryCodeForm
from app.core.forms import apply_change
from app.core.i18n import _
from app.core.permissions import can, permission_required
from app.core.security import safe_next_url
from app.extensions import db, limiter

# Recovery codes left at which the login suggests making new ones.
FEW_RECOVERY_CODES = 3


def _limit():
    """The login's rate limit, on submissions only."""
    return limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])


def _private(body, status: int = 200):
    """Pages showing a secret or codes: never stored by a browser or proxy."""
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _forms():
    return CodeForm(prefix="renew"), CodeOrRecoveryForm(prefix="disable")


def _settings_page(renew_form, disable_form, status: int = 200):
    user = current_user
    return _private(
        render_template(
            "accounts/mfa_settings.html",
            renew_form=renew_form,
            disable_form=disable_form,
            unused_codes=mfa.unused_recovery_codes(user) if user.has_mfa else 0,
            total_codes=mfa.RECOVERY_CODE_COUNT,
        ),
        status,
    )


def _codes_page(codes: list[str]):
    return _private(render_template("accounts/mfa_recovery_codes.html", codes=codes))


@bp.route("/two-step")
@login_required
def mfa_settings():
    return _settings_page(*_forms())


@bp.route("/two-step/setup", methods=["GET", "POST"])
@login_required
@_limit()
def mfa_setup():
    user = current_user._get_current_object()
    if user.has_mfa:
        return redirect(url_for("accounts.mfa_settings"))
    secret = mfa.pending_secret(create=True)
    form = CodeForm()
    if form.validate_on_submit():
        outcome = apply_change(
            form,
            lambda: mfa.confirm_enrolment(user, secret, form.code.data),
            _("Two-step login is now turned on."),
        )
        if outcome:
            mfa.forget_pending_secret()
            mfa.mark_second_factor_passed()
            return _codes_page(outcome.value)
    form.code.data = ""  # a code is good once: never offered again
    uri = mfa.provisioning_uri(user.email, secret)
    return _private(
        render_template(
            "accounts/mfa_setup.html",
            form=form,
            qr_code=mfa.qr_code_svg(
                uri, _("QR code for your authenticator app. The key is also shown as text.")
            ),
            grouped_secret=mfa.grouped_secret(secret),
            issuer=mfa.ISSUER,
            required=can(user, "mfa.required", user),
        ),
        getattr(form, "refusal_status", 200),
    )


@bp.route("/two-step/recovery-codes", methods=["POST"])
@login_required
@_limit()
def mfa_renew_codes():
    user = current_user._get_current_object()
    renew_form, disable_form = _forms()
    if not user.has_mfa:
        return redirect(url_for("accounts.mfa_settings"))
    if renew_form.validate_on_submit():
        outcome = apply_change(
            renew_form,
            lambda: mfa.renew_recovery_codes(user, renew_form.code.data),
            _("You have new recovery codes. The old ones no longer work."),
        )
        if outcome:
            return _codes_page(outcome.value)
    renew_form.code.data = ""
    return _settings_page(renew_form, disable_form, getattr(renew_form, "refusal_status", 200))


@bp.route("/two-step/disable", methods=["POST"])
@login_required
@_limit()
@permission_required("mfa.disable", load=lambda: current_user._get_current_object())
def mfa_disable():
    user = current_user._get_current_object()
    renew_form, disable_form = _forms()
    if not user.has_mfa:
        return redirect(url_for("accounts.mfa_settings"))
    if disable_form.validate_on_submit() and apply_change(
        disable_form,
        lambda: mfa.disable(user, disable_form.code.data),
        _("Two-step login is now turned off."),
    ):
        return redirect(url_for("accounts.mfa_settings"))
    disable_form.code.data = ""
    return _settings_page(renew_form, disable_form, getattr(disable_form, "refusal_status", 200))


# --- The login's second step ----------------------------------------------------------------


def _step_user():
    """Whose code this page asks for: a login waiting for its second step, or the signed-in user
    whose session has not passed the second factor yet (restored from the remember-me cookie)."""
    user = mfa.pending_login_user()
    if user is not None:
        return user, True
    if (
        current_user.is_authenticated
        and current_user.has_mfa
        and not mfa.second_factor_passed(current_user)
    ):
        return current_user._get_current_object(), False
    return None, False


def _not_pending():
    if current_user.is_authenticated:
        return redirect(safe_next_url(request.args.get("next")) or url_for("pages.start"))
    flash(_("Your login has expired. Please log in again."), "info")
    return redirect(url_for("accounts.login"))


def _finish(user, pending: bool, message: str | None = None):
    """The second factor is passed: log in (a pending login) and mark the session."""
    if pending:
        state = mfa.end_pending_login()
        services.log_in(user, remember=state["remember"])
        next_url = safe_next_url(state.get("next"))
    else:
        next_url = safe_next_url(request.args.get("next"))
    # After log_in, which starts the session afresh.
    mfa.mark_second_factor_passed()
    db.session.commit()
    flash(_("Welcome, %(name)s. You are logged in.", name=user.display_name), "success")
    if message:
        flash(message, "info")
    return redirect(next_url or url_for("pages.start"))


def _wrong(form, field, pending: bool, message: str):
    """Show the error, or end a pending login that used up its attempts."""
    db.session.commit()
    if pending and not mfa.count_failed_attempt():
        flash(_("Too many wrong codes. Please log in again."), "error")
        return redirect(url_for("accounts.login"))
    field.errors = [*field.errors, message]
    return None


def _step_page(template: str, form, pending: bool):
    form_field = form.code if hasattr(form, "code") else form.recovery_code
    form_field.data = ""  # a code is good once: never offered again
    next_url = None if pending else safe_next_url(request.args.get("next"))
    return _private(render_template(template, form=form, next_url=next_url))


@bp.route("/login/code", methods=["GET", "POST"])
@_limit()
def second_step():
    user, pending = _step_user()
    if user is None:
        return _not_pending()
    form = CodeForm()
    if form.validate_on_submit():
        if mfa.passes_second_step(user, form.code.data):
            return _finish(user, pending)
        answer = _wrong(
            form,
            form.code,
            pending,
            _("This code is not correct. Please enter the code your app shows now."),
        )
        if answer is not None:
            return answer
    return _step_page("accounts/mfa_second_step.html", form, pending)


@bp.route("/login/recovery", methods=["GET", "POST"])
@_limit()
def recovery_step():
    user, pending = _step_user()
    if user is None:
        return _not_pending()
    form = RecoveryCodeForm()
    if form.validate_on_submit():
        if mfa.passes_with_recovery_code(user, form.recovery_code.data):
            left = mfa.unused_recovery_codes(user)
            message = ngettext(
                "You used a recovery code. %(num)d code is left.",
                "You used a recovery code. %(num)d codes are left.",
                left,
            )
            if left <= FEW_RECOVERY_CODES:
                message += " " + _("Please create new recovery codes on the two-step login page.")
            return _finish(user, pending, message)
        answer = _wrong(
            form,
            form.recovery_code,
            pending,
            _("This recovery code is not correct or was already used."),
        )
        if answer is not None:
            return answer
    return _step_page("accounts/mfa_recovery_step.html", form, pending)
