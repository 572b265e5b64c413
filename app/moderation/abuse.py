"""Limits against abuse that apply to every new text: no duplicate posts within minutes, and
few links from brand-new accounts (a common spam pattern)."""

import re
from datetime import timedelta

from flask_login import current_user
from sqlalchemy import select

from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.models import Contribution
from app.extensions import db

DUPLICATE_WINDOW = timedelta(minutes=10)
NEW_ACCOUNT_AGE = timedelta(days=1)
NEW_ACCOUNT_MAX_LINKS = 1
_LINK = re.compile(r"(https?://|www\.)", re.IGNORECASE)


def per_account_key() -> str:
    """Rate-limit key: the account when logged in, else the client address."""
    from flask import request

    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return request.remote_addr or "unknown"


def check_new_text(user, body: str) -> None:
    """Refuse the same text twice in a short time, and many links from a day-old account."""
    normalised = " ".join(body.split())
    recent = db.session.scalars(
        select(Contribution.body).where(
            Contribution.author_id == user.id,
            Contribution.created_at >= utcnow_naive() - DUPLICATE_WINDOW,
        )
    )
    if any(" ".join(text.split()) == normalised for text in recent):
        raise DomainError(
            _("You posted the same text a moment ago. Please do not post it twice."),
            field="body",
        )
    is_new = user.created_at is None or utcnow_naive() - user.created_at < NEW_ACCOUNT_AGE
    if is_new and len(_LINK.findall(body)) > NEW_ACCOUNT_MAX_LINKS:
        raise DomainError(
            _(
                "During the first 24 hours after registering, a contribution may contain at most "
                "one link. Please remove the other links."
            ),
            field="body",
        )
