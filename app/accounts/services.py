"""Account changes: register, confirm, log in, reset and change password or address, profile.

Services check, write and flush; the route commits once per request.
"""

from flask import current_app, render_template, session, url_for
from flask_babel import force_locale
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import IntegrityError

from app.accounts import passwords, tokens
from app.accounts.models import User, normalise_email
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.security_log import log_security_event
from app.extensions import db
from app.notifications.outbox import queue_mail


def find_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


def _external_url(endpoint: str, **values) -> str:
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    return base + url_for(endpoint, **values)


def _send(user: User, subject_text, template: str, **context) -> None:
    """Send a mail in the recipient's own language, plain text with an HTML alternative."""
    with force_locale(user.locale):
        subject = str(subject_text())
        text = render_template(f"accounts/mail/{template}.txt", user=user, **context)
        html = render_template(f"accounts/mail/{template}.html", user=user, **context)
    queue_mail(user.email, subject, text, html, user_id=user.id)


def send_confirmation(user: User) -> None:
    link = _external_url("accounts.confirm_email", token=tokens.make_token(user, tokens.CONFIRM))
    _send(user, lambda: _("Please confirm your e-mail address"), "confirm", link=link)


def register(email: str, display_name: str, password: str, locale: str) -> User | None:
    """Create an account and send the confirmation mail.

    When the address is taken, the owner gets a notice instead and the caller shows the same
    page as on success, so registration never reveals whether an address has an account.
    """
    existing = find_by_email(email)
    if existing is not None:
        link = _external_url("accounts.reset_request")
        _send(
            existing, lambda: _("Someone tried to register with your address"), "exists", link=link
        )
        return None
    user = User(
        email=normalise_email(email),
        display_name=display_name.strip(),
        password_hash=passwords.hash_password(password),
        locale=locale,
        privacy_accepted_at=utcnow_naive(),
    )
    try:
        with db.session.begin_nested():  # a parallel registration may have taken the address
            db.session.add(user)
    except IntegrityError:
        return None
    send_confirmation(user)
    return user


def confirm_email(token: str) -> User:
    user, _payload = tokens.read_token(
        token, tokens.CONFIRM, current_app.config["CONFIRM_TOKEN_MAX_AGE"]
    )
    user.confirmed_at = utcnow_naive()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user if address and password match, else None (same time either way)."""
    user = find_by_email(email)
    if user is None:
        passwords.dummy_verify(password)
        # Nothing identifying: the typed address may be someone's password typed into the
        # wrong field.
        log_security_event("login.failed", reason="unknown_account")
        return None
    if not passwords.verify_password(user.password_hash, password):
        log_security_event("login.failed", user=user.id, reason="wrong_password")
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


def log_in(user: User, remember: bool) -> None:
    # A fresh token at every login: a session id captured before login is worthless after it.
    user.rotate_session_token()
    user.last_login_at = utcnow_naive()
    db.session.flush()
    # Nothing from before the login survives into the logged-in session (no fixation of
    # anything planted there; a fresh CSRF token).
    session.clear()
    login_user(user, remember=remember)
    log_security_event("login.succeeded", user=user.id)


def log_out() -> None:
    """End this session and every other session of the user (the route commits)."""
    if current_user.is_authenticated:
        user = current_user._get_current_object()
        user.rotate_session_token()
        db.session.flush()
        log_security_event("logout", user=user.id)
    session.clear()
    logout_user()  # after clear(): it marks the remember cookie for deletion in the session


def request_password_reset(email: str) -> None:
    """Send a reset link if the address has an account; say nothing either way."""
    user = find_by_email(email)
    if user is None:
        log_security_event("password.reset_requested", reason="unknown_account")
        return
    link = _external_url("accounts.reset_password", token=tokens.make_token(user, tokens.RESET))
    _send(user, lambda: _("Reset your password"), "reset", link=link)
    log_security_event("password.reset_requested", user=user.id)


def user_for_reset_token(token: str) -> User:
    user, _payload = tokens.read_token(
        token, tokens.RESET, current_app.config["RESET_TOKEN_MAX_AGE"]
    )
    return user


def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset_token(token)
    _set_password(user, new_password)
    # Whoever could read the mail owns the address, so it counts as confirmed.
    if user.confirmed_at is None:
        user.confirmed_at = utcnow_naive()
    log_security_event("password.reset", user=user.id)
    return user


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not passwords.verify_password(user.password_hash, current_password):
        raise DomainError(_("The current password is not correct."), field="current_password")
    _set_password(user, new_password)
    # Ends every other session; the current one continues with the new token.
    login_user(user)
    log_security_event("password.changed", user=user.id)


def _set_password(user: User, new_password: str) -> None:
    user.password_hash = passwords.hash_password(new_password)
    user.rotate_session_token()
    db.session.flush()


def request_email_change(user: User, current_password: str, new_email: str) -> None:
    """Send a confirmation link to the new address; the change happens when it is followed."""
    if not passwords.verify_password(user.password_hash, current_password):
        raise DomainError(_("The current password is not correct."), field="current_password")
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise DomainError(_("This is already your e-mail address."), field="email")
    token = tokens.make_token(user, tokens.CHANGE_EMAIL, new_email=new_email)
    link = _external_url("accounts.confirm_email_change", token=token)
    log_security_event("email.change_requested", user=user.id)
    if find_by_email(new_email) is not None:
        return  # taken: say nothing, so the form does not reveal other accounts
    with force_locale(user.locale):
        subject = _("Confirm your new e-mail address")
        text = render_template("accounts/mail/change_email.txt", user=user, link=link)
        html = render_template("accounts/mail/change_email.html", user=user, link=link)
    queue_mail(new_email, subject, text, html, user_id=user.id)


def confirm_email_change(token: str) -> User:
    user, payload = tokens.read_token(
        token, tokens.CHANGE_EMAIL, current_app.config["CONFIRM_TOKEN_MAX_AGE"]
    )
    new_email = normalise_email(payload.get("new_email", ""))
    if find_by_email(new_email) is not None:
        raise DomainError(_("This e-mail address is already in use by another account."))
    user.email = new_email
    user.confirmed_at = utcnow_naive()
    db.session.flush()
    log_security_event("email.changed", user=user.id)
    return user


def update_profile(user: User, display_name: str, locale: str, home_region_id: int | None) -> None:
    user.display_name = display_name.strip()
    user.locale = locale
    user.home_region_id = home_region_id
    db.session.flush()
