"""The mail outbox: mail is queued in the caller's transaction and delivered later by the sender.

A web request never talks to a mail server. It adds an `OutboxMessage` in the same transaction
as the change that caused the mail, so a rolled-back change leaves no mail behind and a committed
one always has its mail. `flask mail send` (see `sender.py`) delivers due rows.

Exactly once, also with several senders at the same time: a sender claims one row with a
conditional UPDATE (queued, due, no live claim) that sets its own random claim token and an
expiry, and commits the claim before it talks to the mail server. Only the holder of the token
marks the row sent or schedules the retry. A sender that dies while holding a claim leaves the row
to be claimed again after MAIL_CLAIM_SECONDS. The one remaining gap is a crash after the mail
server accepted the message but before the row was marked sent: that mail goes out again, with
the same Message-ID.
"""

import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from flask import current_app
from sqlalchemy import and_, delete, or_, select, update

from app.core.clock import utcnow_naive
from app.core.mail import build_message, transmit
from app.extensions import db
from app.notifications.models import OutboxMessage, OutboxStatus

SUBJECT_MAX = 300
ERROR_MAX = 200
# Waiting time after the 1st, 2nd, ... failed attempt; the last one repeats.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
# Candidates read per query; each is still claimed one at a time.
CANDIDATES_PER_QUERY = 20


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0  # given up after the last attempt
    retried: int = 0  # failed this time, scheduled again


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


def backoff_after(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def deliver_due(now_naive: datetime | None = None, limit: int = 100) -> DeliveryReport:
    """Deliver up to `limit` due outbox rows, each claimed and committed on its own."""
    now_naive = now_naive or utcnow_naive()
    config = current_app.config
    claim_seconds = int(config.get("MAIL_CLAIM_SECONDS", 300))
    max_attempts = int(config.get("MAIL_MAX_ATTEMPTS", 6))
    sent = failed = retried = 0
    handled = 0
    while handled < limit:
        candidates = _due_ids(now_naive, min(CANDIDATES_PER_QUERY, limit - handled))
        if not candidates:
            break
        for message_id in candidates:
            if handled >= limit:
                break
            token = _claim(message_id, now_naive, claim_seconds)
            if token is None:
                continue  # another sender was faster
            handled += 1
            outcome = _deliver_claimed(message_id, token, now_naive, max_attempts)
            sent += outcome == OutboxStatus.SENT
            failed += outcome == OutboxStatus.FAILED
            retried += outcome == OutboxStatus.QUEUED
    return DeliveryReport(sent=sent, failed=failed, retried=retried)


def _claimable(now_naive: datetime):
    return and_(
        OutboxMessage.status == OutboxStatus.QUEUED,
        OutboxMessage.next_attempt_at <= now_naive,
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now_naive),
    )


def _due_ids(now_naive: datetime, count: int) -> list[int]:
    query = (
        select(OutboxMessage.id)
        .where(_claimable(now_naive))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(count)
    )
    return list(db.session.scalars(query))


def _claim(message_id: int, now_naive: datetime, claim_seconds: int) -> str | None:
    """Take the row for this sender, or None when it is no longer free; commits."""
    token = secrets.token_hex(16)
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, _claimable(now_naive))
        .values(claim_token=token, claimed_until=now_naive + timedelta(seconds=claim_seconds))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return token if result.rowcount == 1 else None


def _deliver_claimed(message_id: int, token: str, now_naive: datetime, max_attempts: int) -> str:
    """Send one claimed row and record the outcome under the claim token; the new status."""
    row = db.session.get(OutboxMessage, message_id, populate_existing=True)
    try:
        transmit(
            build_message(
                row.to_address,
                row.subject,
                row.text_body,
                row.html_body,
                message_id=row.message_id,
                headers=row.headers,
            )
        )
    except Exception as error:  # any transport failure is retried, never lost
        return _record_failure(row, token, now_naive, max_attempts, error)
    mine = _update_claimed(
        message_id,
        token,
        status=OutboxStatus.SENT,
        sent_at=utcnow_naive(),
        last_error="",
    )
    if not mine:
        current_app.logger.warning(
            "Mail %s was sent after its claim expired; another sender may send it too.",
            row.message_id,
        )
    return OutboxStatus.SENT


def is_permanent(error: Exception) -> bool:
    """Did the server refuse for good (5xx: no such mailbox, message rejected)?

    Retrying such a mail only repeats the refusal. A refused login (535) is the operator's
    setting to fix, so it is retried like a temporary failure.
    """
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def _record_failure(row, token, now_naive, max_attempts, error) -> str:
    attempts = row.attempts + 1
    given_up = attempts >= max_attempts or is_permanent(error)
    status = OutboxStatus.FAILED if given_up else OutboxStatus.QUEUED
    reason = describe_error(error)
    _update_claimed(
        row.id,
        token,
        status=status,
        attempts=attempts,
        last_error=reason,
        next_attempt_at=now_naive + backoff_after(attempts),
    )
    log = current_app.logger.error if status == OutboxStatus.FAILED else current_app.logger.warning
    log(
        "Mail %s to outbox row %s failed (attempt %s of %s, %s): %s",
        row.message_id,
        row.id,
        attempts,
        max_attempts,
        "given up" if status == OutboxStatus.FAILED else "will retry",
        reason,
    )
    return status


def _update_claimed(message_id: int, token: str, **values) -> bool:
    """Write the outcome only if this sender still holds the claim; release it; commit."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claim_token == token)
        .values(claim_token=None, claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def describe_error(error: Exception) -> str:
    """A short reason for the row and the log, with the SMTP credentials blanked out."""
    reason = f"{type(error).__name__}: {error}"
    for secret in (
        current_app.config.get("MAIL_PASSWORD"),
        current_app.config.get("MAIL_USERNAME"),
    ):
        if secret:
            reason = reason.replace(secret, "***")
    reason = " ".join(reason.split())
    return reason[:ERROR_MAX]


def purge_sent(now_naive: datetime | None = None) -> int:
    """Delete sent mail, and mail given up on, older than MAIL_KEEP_SENT_DAYS: their bodies are
    personal data. (A failed row is kept that long after its last attempt, for the operator.)

    Returns the number of rows deleted; the caller commits.
    """
    now_naive = now_naive or utcnow_naive()
    days = int(current_app.config.get("MAIL_KEEP_SENT_DAYS", 7))
    limit = now_naive - timedelta(days=days)
    result = db.session.execute(
        delete(OutboxMessage)
        .where(
            or_(
                and_(OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.sent_at < limit),
                and_(
                    OutboxMessage.status == OutboxStatus.FAILED,
                    OutboxMessage.next_attempt_at < limit,
                ),
            )
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
