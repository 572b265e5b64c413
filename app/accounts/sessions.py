"""Flask-Login wiring: sessions are revocable because the loader checks the user's session token."""

import hmac

from app.accounts.models import User
from app.core.i18n import _l
from app.extensions import db


def load_user(session_id: str) -> User | None:
    user_id, _sep, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def configure_login_manager(login_manager) -> None:
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to open this page.")
    login_manager.login_message_category = "info"
    # Renews the session id's protection on IP/agent change without logging out mobile users.
    login_manager.session_protection = "basic"
