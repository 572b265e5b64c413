"""Second factor: time-based one-time codes (TOTP, RFC 6238) and recovery codes.

Rules and crypto only, no views. Staff (administrators, moderators, coordinators) must use a
second factor (`mfa.required` in core/permissions.py); participants may turn it on and off.

- Enrolment: a new secret waits in the session until the first valid code confirms it; only then
  is it stored on the user and the second factor active.
- Codes: six digits for 30-second steps; the current step and one either side are accepted, and a
  step at or before the last accepted one is refused, so a code seen once cannot be replayed. The
  step is claimed with a conditional UPDATE, so two requests with the same code cannot both pass.
- Recovery codes: ten, shown once, stored hashed like passwords, each usable once (claimed with a
  conditional UPDATE as well).
- Logins: after a correct password a user with a second factor is not logged in yet; a pending
  state in the session (user, remember, next, time) waits five minutes for the code.
- Security events name users by id and never carry a code or a secret.
"""

import base64
import hmac
import secrets
import time

import pyotp
import segno
from flask import current_app, render_template, session, url_for
from flask_babel import force_locale
from flask_login import current_user
from markupsafe import Markup, escape

from app.accounts import passwords
from app.accounts.models import RecoveryCode, User
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import require
from app.core.security_log import log_security_event
from app.extensions import db
from app.notifications.outbox import queue_mail

ISSUER = "Mitreden"
STEP_SECONDS = 30
DIGITS = 6
# Steps accepted on either side of the current one (clocks of phones drift a little).
WINDOW = 1
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_LENGTH = 10
# No 0/o, 1/l/i: codes are copied from paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PENDING_LOGIN_SECONDS = 5 * 60
PENDING_LOGIN_ATTEMPTS = 5

# Session keys. The flag holds the id of the user who passed the second factor in this session.
SECOND_FACTOR_PASSED = "mfa_passed"
PENDING_LOGIN = "mfa_pending_login"
ENROLMENT_KEY = "mfa_enrolment"  # a nonce from which the secret being set up is derived


# --- Secrets, codes and the QR code ---------------------------------------------------------


def new_secret() -> str:
    """A random 160-bit secret in base32, as authenticator apps expect it."""
    return pyotp.random_base32()


def provisioning_uri(email: str, secret: str) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=email, issuer_name=ISSUER
    )


def grouped_secret(secret: str) -> str:
    """The secret in groups of four letters, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(uri: str, label: str) -> Markup:
    """The URI as an inline SVG QR code: an image with an accessible name, no script, no style."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="mfa-qr__code"
    )
    attributes = f'<svg role="img" aria-label="{escape(label)}" focusable="false" '
    return Markup(svg.replace("<svg ", attributes, 1))  # noqa: S704 (segno's own markup)


def current_step() -> int:
    return int(time.time()) // STEP_SECONDS


def code_at(secret: str, step: int) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).at(step * STEP_SECONDS)


def normalise_code(code: str | None) -> str:
    """Digits only: apps show '123 456', people type '123-456'."""
    return "".join(ch for ch in (code or "") if not ch.isspace() and ch != "-")


def matching_step(secret: str, code: str, after: int | None = None) -> int | None:
    """The step within the window whose code is `code` and that lies after `after`, if any."""
    code = normalise_code(code)
    if len(code) != DIGITS or not code.isdigit() or not secret:
        return None
    now = current_step()
    for step in range(now - WINDOW, now + WINDOW + 1):
        if after is not None and step <= after:
            continue
        if hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def verify_code(user: User, code: str) -> bool:
    """Is `code` valid for the user's active second factor now, and not seen before?

    Accepting claims the step (a conditional UPDATE), so the same code cannot pass twice, not
    even in two requests at the same moment.
    """
    if not user.has_mfa:
        return False
    step = matching_step(user.totp_secret, code, after=user.totp_last_step)
    if step is None:
        return False
    claimed = db.session.execute(
        db.update(User)
        .where(User.id == user.id)
        .where(db.or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.refresh(user, ["totp_last_step"])
        return False
    user.totp_last_step = step
    db.session.flush()
    return True


# --- Recovery codes -------------------------------------------------------------------------


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    half = RECOVERY_CODE_LENGTH // 2
    return f"{raw[:half]}-{raw[half:]}"


def normalise_recovery_code(code: str | None) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def issue_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes by ten new ones; the plain codes are returned once."""
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        db.session.add(
            RecoveryCode(
                user_id=user.id,
                code_hash=passwords.hash_password(normalise_recovery_code(code)),
            )
        )
    db.session.flush()
    return codes


def unused_recovery_codes(user: User) -> int:
    return db.session.scalar(
        db.select(db.func.count(RecoveryCode.id)).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    )


def use_recovery_code(user: User, code: str) -> bool:
    """Accept an unused recovery code of the user once; it is spent at the same moment."""
    code = normalise_recovery_code(code)
    if not user.has_mfa or len(code) != RECOVERY_CODE_LENGTH:
        return False
    candidates = db.session.scalars(
        db.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    ).all()
    for candidate in candidates:
        if passwords.verify_password(candidate.code_hash, code):
            spent = db.session.execute(
                db.update(RecoveryCode)
                .where(RecoveryCode.id == candidate.id, RecoveryCode.used_at.is_(None))
                .values(used_at=utcnow_naive())
                .execution_options(synchronize_session=False)
            )
            db.session.expire(candidate)
            if spent.rowcount != 1:
                return False
            log_security_event("mfa.recovery_used", user=user.id, left=unused_recovery_codes(user))
            return True
    return False


# --- Changes to a user's second factor ------------------------------------------------------


def _tell(user: User, change: str) -> None:
    """Tell the person by mail that their second factor changed (it may not have been them)."""
    link = current_app.config["PUBLIC_URL"].rstrip("/") + url_for("accounts.change_password")
    context = {"user": user, "change": change, "link": link}
    with force_locale(user.locale):
        subject = str(_("Your two-step login has changed"))
        text = render_template("accounts/mail/mfa_changed.txt", **context)
        html = render_template("accounts/mail/mfa_changed.html", **context)
    queue_mail(user.email, subject, text, html, user_id=user.id)


def _wrong_code(user: User, purpose: str) -> DomainError:
    log_security_event("mfa.failed", user=user.id, purpose=purpose)
    return DomainError(
        _("This code is not correct. Please enter the code your app shows now."), field="code"
    )


def confirm_enrolment(user: User, secret: str, code: str) -> list[str]:
    """Activate the second factor with its first valid code; returns the new recovery codes."""
    require(user, "mfa.manage", user)
    if user.has_mfa:
        raise DomainError(_("Two-step login is already turned on."))
    step = matching_step(secret, code)
    if step is None:
        raise _wrong_code(user, "enrol")
    user.totp_secret = secret
    user.totp_last_step = step  # the confirming code cannot log in a second time
    user.mfa_enabled_at = utcnow_naive()
    db.session.flush()
    codes = issue_recovery_codes(user)
    log_security_event("mfa.enabled", user=user.id)
    _tell(user, "enabled")
    return codes


def renew_recovery_codes(user: User, code: str) -> list[str]:
    """New recovery codes after a current code from the app; the old ones stop working."""
    require(user, "mfa.manage", user)
    if not verify_code(user, code):
        raise _wrong_code(user, "recovery_codes")
    codes = issue_recovery_codes(user)
    log_security_event("mfa.recovery_renewed", user=user.id)
    _tell(user, "recovery_renewed")
    return codes


def _remove_second_factor(user: User) -> None:
    user.totp_secret = None
    user.mfa_enabled_at = None
    user.totp_last_step = None
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.flush()


def disable(user: User, code: str) -> None:
    """Participants may turn the second factor off with a current code; staff may not."""
    require(user, "mfa.disable", user)
    if not (verify_code(user, code) or use_recovery_code(user, code)):
        raise _wrong_code(user, "disable")
    _remove_second_factor(user)
    log_security_event("mfa.disabled", user=user.id)
    _tell(user, "disabled")


def reset(actor: User, user: User) -> None:
    """An administrator removes a user's second factor (phone and recovery codes lost).

    Every session of the user ends; staff set up a new second factor at their next login.
    """
    require(actor, "mfa.reset", user)
    _remove_second_factor(user)
    user.rotate_session_token()
    db.session.flush()
    log_security_event("mfa.reset", actor=actor.id, user=user.id)
    _tell(user, "reset")


# --- The session: enrolment in progress, pending logins, the passed flag ---------------------


def pending_secret(create: bool = False) -> str | None:
    """The secret being set up in this session (made on first call with `create`).

    The session cookie is signed, not encrypted, so it carries only a random nonce; the secret is
    derived from it with the server's key. A copied cookie thus never reveals a second factor.
    """
    nonce = session.get(ENROLMENT_KEY)
    if nonce is None:
        if not create:
            return None
        nonce = session[ENROLMENT_KEY] = secrets.token_urlsafe(16)
    key = current_app.config["SECRET_KEY"].encode()
    message = f"mfa-enrolment:{current_user.id}:{nonce}".encode()
    digest = hmac.new(key, message, "sha256").digest()[:20]  # 160 bits, as RFC 4226 advises
    return base64.b32encode(digest).decode()


def forget_pending_secret() -> None:
    session.pop(ENROLMENT_KEY, None)


def mark_second_factor_passed() -> None:
    """Note in the session that its user passed the second factor.

    Call it after `services.log_in`, which starts the session afresh.
    """
    session[SECOND_FACTOR_PASSED] = current_user.id


def second_factor_passed(user: User) -> bool:
    return session.get(SECOND_FACTOR_PASSED) == user.id


def begin_pending_login(user: User, remember: bool, next_url: str | None) -> None:
    session[PENDING_LOGIN] = {
        "user_id": user.id,
        "remember": bool(remember),
        "next": next_url,
        "created": int(time.time()),
        "attempts": 0,
    }


def pending_login() -> dict | None:
    """The login waiting for its second step, or None when there is none or it expired."""
    state = session.get(PENDING_LOGIN)
    if not isinstance(state, dict):
        return None
    if time.time() - state.get("created", 0) > PENDING_LOGIN_SECONDS:
        session.pop(PENDING_LOGIN, None)
        return None
    return state


def pending_login_user() -> User | None:
    state = pending_login()
    if state is None:
        return None
    user = db.session.get(User, state["user_id"])
    if user is None or not user.has_mfa:
        session.pop(PENDING_LOGIN, None)
        return None
    return user


def count_failed_attempt() -> bool:
    """Count a wrong code of the pending login; False once it has used up its attempts."""
    state = pending_login()
    if state is None:
        return False
    state["attempts"] = state.get("attempts", 0) + 1
    if state["attempts"] >= PENDING_LOGIN_ATTEMPTS:
        session.pop(PENDING_LOGIN, None)
        return False
    session[PENDING_LOGIN] = state
    return True


def end_pending_login() -> dict | None:
    return session.pop(PENDING_LOGIN, None)


def passes_second_step(user: User, code: str) -> bool:
    """A login's second step with a code from the app; a wrong code is logged."""
    if verify_code(user, code):
        return True
    log_security_event("mfa.failed", user=user.id, purpose="login")
    return False


def passes_with_recovery_code(user: User, code: str) -> bool:
    """A login's second step with a recovery code; a wrong code is logged."""
    if use_recovery_code(user, code):
        return True
    log_security_event("mfa.failed", user=user.id, purpose="login_recovery")
    return False
