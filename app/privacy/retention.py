"""Retention: accounts that are not used are not kept for ever (`flask privacy purge`, daily).

- Never confirmed: deleted UNCONFIRMED_ACCOUNT_DAYS after registration.
- Inactive: an account whose last activity (last login, else confirmation or registration) lies
  INACTIVE_ACCOUNT_DAYS back is told by mail, in its own language, and deleted
  INACTIVITY_NOTICE_DAYS after that mail unless its owner logs in meanwhile (a login cancels
  the warning; the next run clears it).
- Administrators are never deleted automatically (nor warned).
- Contributions of deleted accounts stay, shown as "Deleted participant" (deletion.py).

Each account is handled and committed on its own, so a run that stops half-way leaves a
consistent state, and a second run the same day finds nothing more to do.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from sqlalchemy import func, or_, select, update

from app.accounts.models import User
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.extensions import db
from app.notifications.outbox import queue_mail
from app.privacy.deletion import delete_account


@dataclass(frozen=True)
class PurgeReport:
    unconfirmed_deleted: int = 0
    warned: int = 0
    inactive_deleted: int = 0
    warnings_cleared: int = 0

    def summary(self) -> str:
        return (
            f"{self.unconfirmed_deleted} unconfirmed accounts deleted, "
            f"{self.warned} inactive accounts warned, "
            f"{self.inactive_deleted} inactive accounts deleted, "
            f"{self.warnings_cleared} warnings cleared after a login"
        )


def _naive_utc(now: datetime | None) -> datetime:
    if now is None:
        return utcnow_naive()
    if now.tzinfo is not None:
        return now.astimezone(UTC).replace(tzinfo=None)
    return now


def last_activity():
    """SQL: when the account was last used (last login, else confirmation, else registration)."""
    return func.coalesce(User.last_login_at, User.confirmed_at, User.created_at)


def purge(now: datetime | None = None) -> PurgeReport:
    """One retention run at `now` (default: now); commits each account on its own."""
    now = _naive_utc(now)
    config = current_app.config
    cleared = _clear_warnings_after_login()
    db.session.commit()
    unconfirmed = _delete_each(
        select(User.id).where(
            User.confirmed_at.is_(None),
            User.created_at <= now - timedelta(days=config["UNCONFIRMED_ACCOUNT_DAYS"]),
            User.is_administrator.is_(False),
        ),
        reason="unconfirmed",
    )
    inactive = _delete_each(
        select(User.id).where(
            User.inactivity_warned_at.is_not(None),
            User.inactivity_warned_at <= now - timedelta(days=config["INACTIVITY_NOTICE_DAYS"]),
            or_(User.last_login_at.is_(None), User.last_login_at < User.inactivity_warned_at),
            User.is_administrator.is_(False),
        ),
        reason="inactive",
    )
    warned = _warn_inactive(now)
    return PurgeReport(
        unconfirmed_deleted=unconfirmed,
        warned=warned,
        inactive_deleted=inactive,
        warnings_cleared=cleared,
    )


def _clear_warnings_after_login() -> int:
    """Whoever logged in after the warning keeps the account."""
    result = db.session.execute(
        update(User)
        .where(
            User.inactivity_warned_at.is_not(None),
            User.last_login_at.is_not(None),
            User.last_login_at >= User.inactivity_warned_at,
        )
        .values(inactivity_warned_at=None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def _delete_each(query, reason: str) -> int:
    deleted = 0
    for user_id in db.session.scalars(query.order_by(User.id)).all():
        user = db.session.get(User, user_id)
        if user is None:  # deleted in the meantime (another run, or its owner)
            continue
        try:
            delete_account(user, remove_contributions=False, reason=reason)
        except DomainError:
            db.session.rollback()
            continue
        db.session.commit()
        deleted += 1
    return deleted


def _warn_inactive(now: datetime) -> int:
    config = current_app.config
    due = select(User.id).where(
        User.confirmed_at.is_not(None),
        User.inactivity_warned_at.is_(None),
        User.is_administrator.is_(False),
        last_activity() <= now - timedelta(days=config["INACTIVE_ACCOUNT_DAYS"]),
    )
    deletion_on = now + timedelta(days=config["INACTIVITY_NOTICE_DAYS"])
    warned = 0
    for user_id in db.session.scalars(due.order_by(User.id)).all():
        # Claimed with a conditional update, so two runs at once mail only once.
        claimed = db.session.execute(
            update(User)
            .where(User.id == user_id, User.inactivity_warned_at.is_(None))
            .values(inactivity_warned_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            db.session.rollback()
            continue
        user = db.session.get(User, user_id)
        _send_warning(user, deletion_on)
        db.session.commit()
        warned += 1
    return warned


def _send_warning(user: User, deletion_on: datetime) -> None:
    """The notice in the recipient's own language, with the day of deletion."""
    config = current_app.config
    base = config["PUBLIC_URL"].rstrip("/")
    parts = urlsplit(base)
    locale = user.locale if user.locale in config["LANGUAGES"] else config["BABEL_DEFAULT_LOCALE"]
    # A request context on the public address, so url_for works in the cron job too.
    with (
        current_app.test_request_context(
            "/", base_url=f"{parts.scheme}://{parts.netloc}" if parts.netloc else None
        ),
        force_locale(locale),
    ):
        context = {
            "user": user,
            "deletion_on": deletion_on,
            "login_link": base + url_for("accounts.login"),
            "delete_link": base + url_for("privacy.delete"),
            "days": config["INACTIVITY_NOTICE_DAYS"],
        }
        subject = str(_("Your Mitreden account will be deleted"))
        text = render_template("privacy/mail/inactivity_warning.txt", **context)
        html = render_template("privacy/mail/inactivity_warning.html", **context)
    queue_mail(user.email, subject, text, html, user_id=user.id)
