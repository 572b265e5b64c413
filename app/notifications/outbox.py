"""The mail outbox: mail is queued in the caller's transaction and delivered later by the sender.

A web request never talks to a mail server. It adds an `OutboxMessage` in the same transaction
as the change that caused the mail, so a rolled-back change leaves no mail behind and a committed
one always has its mail. `flask mail send` (see `sender.py`) delivers due rows.
"""

from email.utils import make_msgid, parseaddr

from flask import current_app

from app.core.clock import utcnow_naive
from app.extensions import db
from app.notifications.models import OutboxMessage, OutboxStatus

SUBJECT_MAX = 300


def _message_id_domain() -> str:
    """The domain of the sender address, so Message-IDs look like the sender's own."""
    _name, address = parseaddr(current_app.config.get("MAIL_SENDER") or "")
    domain = address.rpartition("@")[2].strip()
    return domain or "mitreden.local"


def queue_mail(
    to_address: str,
    subject: str,
    text: str,
    html: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    user_id: int | None = None,
) -> OutboxMessage:
    """Add one mail to the outbox in the current transaction and flush it.

    The Message-ID is fixed here, so every delivery attempt sends the same id and a recipient's
    mail program recognises a repeated delivery as the same message.
    """
    message = OutboxMessage(
        to_address=to_address,
        user_id=user_id,
        subject=subject[:SUBJECT_MAX],
        text_body=text,
        html_body=html,
        headers=dict(headers or {}),
        message_id=make_msgid(domain=_message_id_domain()),
        status=OutboxStatus.QUEUED,
        attempts=0,
        next_attempt_at=utcnow_naive(),
        last_error="",
    )
    db.session.add(message)
    db.session.flush()
    return message
