"""Turning notifications into mails: one mail each, or a daily or weekly summary.

Run by the sender (`flask mail send`), never in a web request. For every notification whose
`mail_handled_at` is still empty, the recipient's delivery setting for its kind decides:

- no e-mail, or the address is not confirmed: marked handled, no mail;
- immediately: one mail for this notification;
- daily or weekly: waits for the summary's cut-off (DIGEST_HOUR, 07:00 Europe/Berlin, every day or
  on Mondays); the summary then takes every pending notification of that delivery created before
  the cut-off, grouped by consultation.

Exactly once: each mail is its own transaction. It marks its notifications handled with a
conditional UPDATE (`... AND mail_handled_at IS NULL`), queues the mail in the outbox only when the
update took every one of them, and commits both together. A second sender running at the same time
finds the rows taken and rolls back; a crash leaves the rest pending for the next run.
"""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app, render_template, url_for
from flask_babel import force_locale, ngettext
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app.core.i18n import _, text_direction
from app.extensions import db
from app.notifications.describe import describe
from app.notifications.kinds import DAILY, DELIVERY_NAMES, IMMEDIATELY, KINDS, OFF, WEEKLY
from app.notifications.models import Notification
from app.notifications.settings import deliveries_for
from app.notifications.unsubscribe import make_token

BERLIN = ZoneInfo("Europe/Berlin")
# A summary lists at most this many items; the rest are on the notifications page.
DIGEST_MAX_ITEMS = 100
SUBJECT_MAX = 150


# --- When summaries are due --------------------------------------------------------------------


def _at_digest_hour(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=BERLIN)


def digest_cutoffs(now_naive: datetime) -> dict[str, datetime]:
    """{daily: the latest DIGEST_HOUR in Berlin <= now, weekly: the latest Monday DIGEST_HOUR},
    as naive UTC like the database columns. Berlin wall-clock time, so summer time moves the
    cut-off by an hour in UTC but not on the recipient's clock."""
    hour = int(current_app.config.get("DIGEST_HOUR", 7))
    local_now = now_naive.replace(tzinfo=UTC).astimezone(BERLIN)
    today = local_now.date()
    daily = _at_digest_hour(today, hour)
    if daily > local_now:
        daily = _at_digest_hour(today - timedelta(days=1), hour)
    monday = today - timedelta(days=today.weekday())
    weekly = _at_digest_hour(monday, hour)
    if weekly > local_now:
        weekly = _at_digest_hour(monday - timedelta(days=7), hour)
    return {
        DAILY: daily.astimezone(UTC).replace(tzinfo=None),
        WEEKLY: weekly.astimezone(UTC).replace(tzinfo=None),
    }


# --- The run -----------------------------------------------------------------------------------


@dataclass
class _Plan:
    """What to do with one recipient's pending notifications in this run."""

    silent: list[int]  # mark handled, no mail
    immediate: list[int]  # one mail each
    digests: dict[str, list[int]]  # delivery -> the ids of its summary


def queue_notification_mails(now_naive: datetime) -> int:
    """Queue the mails due at `now_naive` (naive UTC) in the outbox; the number of mails queued.

    Commits per mail. A recipient whose mail cannot be composed or queued is logged and left
    pending for the next run; the others go on.
    """
    # Whatever the caller wrote belongs to its own transaction, not to the first recipient's.
    db.session.commit()
    cutoffs = digest_cutoffs(now_naive)
    pending = db.session.execute(
        select(Notification.id, Notification.user_id, Notification.kind, Notification.created_at)
        .where(Notification.mail_handled_at.is_(None))
        .order_by(Notification.user_id, Notification.created_at, Notification.id)
    ).all()
    by_user: dict[int, list] = defaultdict(list)
    for row in pending:
        by_user[row.user_id].append(row)
    queued = 0
    for user_id, rows in by_user.items():
        try:
            queued += _mail_user(user_id, rows, cutoffs, now_naive)
        except Exception:
            db.session.rollback()
            current_app.logger.exception(
                "Notification mails for user %s failed; they stay pending for the next run.",
                user_id,
            )
    return queued


def _plan(user, rows, cutoffs: dict[str, datetime]) -> _Plan:
    deliveries = deliveries_for(user.id)
    plan = _Plan(silent=[], immediate=[], digests={DAILY: [], WEEKLY: []})
    for row in rows:
        delivery = deliveries.get(row.kind, OFF)  # a kind no longer known is not mailed
        if delivery == OFF or not user.is_confirmed:
            plan.silent.append(row.id)
        elif delivery == IMMEDIATELY:
            plan.immediate.append(row.id)
        elif row.created_at < cutoffs[delivery]:
            plan.digests[delivery].append(row.id)
        # else: a summary item created after the cut-off waits for the next summary
    return plan


def _mail_user(user_id: int, rows, cutoffs: dict[str, datetime], now_naive: datetime) -> int:
    from app.accounts.models import User

    user = db.session.get(User, user_id)
    plan = _plan(user, rows, cutoffs)
    if plan.silent:
        _take(plan.silent, now_naive)  # nothing is sent, so another run taking some is fine
        db.session.commit()
    queued = 0
    for notification_id in plan.immediate:
        queued += _send(user, [notification_id], IMMEDIATELY, now_naive)
    for delivery, ids in plan.digests.items():
        if ids:
            queued += _send(user, ids, delivery, now_naive)
    return queued


def _take(ids: list[int], now_naive: datetime) -> int:
    """Mark the still pending ones of `ids` handled; how many that were."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.mail_handled_at.is_(None))
        .values(mail_handled_at=now_naive)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def _send(user, ids: list[int], delivery: str, now_naive: datetime) -> int:
    """Compose, take and queue one mail in one transaction; 1 if queued, 0 if another run was
    faster."""
    from app.notifications.outbox import queue_mail

    notifications = _load(ids)
    if delivery == IMMEDIATELY:
        mail = compose_single(user, notifications[0])
    else:
        mail = compose_digest(user, notifications, delivery)
    if _take(ids, now_naive) != len(ids):
        db.session.rollback()  # some were mailed by another run meanwhile: it sends them
        return 0
    queue_mail(
        user.email,
        mail.subject,
        mail.text,
        mail.html,
        headers=mail.headers,
        user_id=user.id,
    )
    db.session.commit()
    return 1


def _load(ids: list[int]) -> list[Notification]:
    query = (
        select(Notification)
        .where(Notification.id.in_(ids))
        .options(
            selectinload(Notification.actor),
            selectinload(Notification.proposal),
            selectinload(Notification.consultation),
            selectinload(Notification.organisation),
            selectinload(Notification.decision),
        )
        .order_by(Notification.created_at, Notification.id)
    )
    return list(db.session.scalars(query))


# --- Composing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str
    headers: dict[str, str]


@dataclass(frozen=True)
class _Item:
    text: str
    detail: str
    link: str  # absolute, or "" when there is nothing to open
    created_at: datetime


@dataclass
class _Group:
    title: str
    items: list[_Item]


def _public_base() -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/")


def _locale(user) -> str:
    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


@contextmanager
def _composing(user):
    """A request context on the public address (so url_for works in the sender) and the
    recipient's language."""
    parts = urlsplit(_public_base())
    base_url = f"{parts.scheme}://{parts.netloc}" if parts.netloc else None
    with current_app.test_request_context("/", base_url=base_url), force_locale(_locale(user)):
        yield


def _absolute(path: str) -> str:
    return _public_base() + path if path else ""


def _described(notification: Notification) -> tuple[tuple[int, str], _Item]:
    """(its summary group, the item) of one notification, in the current language."""
    described = describe(notification)
    item = _Item(
        text=described.text,
        detail=described.detail,
        link=_absolute(described.url),
        created_at=notification.created_at,
    )
    return described.group, item


def _one_line(text: str) -> str:
    """A header-safe subject: one line, not too long."""
    line = " ".join(str(text).split())
    return line if len(line) <= SUBJECT_MAX else line[: SUBJECT_MAX - 1].rstrip() + "…"


def _headers(unsubscribe_link: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


def _links(user, kinds: list[str]) -> dict[str, str]:
    token = make_token(user, kinds)
    return {
        "settings_link": _absolute(url_for("notifications.settings")),
        "unsubscribe_link": _absolute(url_for("notifications.unsubscribe", token=token)),
        "list_link": _absolute(url_for("notifications.index")),
    }


def _render(template: str, user, **context) -> tuple[str, str]:
    language = _locale(user)
    context.update(user=user, language=language, direction=text_direction(language))
    text = render_template(f"notifications/mail/{template}.txt", **context)
    html = render_template(f"notifications/mail/{template}.html", **context)
    return text, html


def compose_single(user, notification: Notification) -> Mail:
    """One notification as a mail in the recipient's language."""
    with _composing(user):
        _group, item = _described(notification)
        kind = KINDS[notification.kind]
        links = _links(user, [notification.kind])
        text, html = _render(
            "notification",
            user,
            item=item,
            kind_label=str(kind.label),
            delivery_name=str(DELIVERY_NAMES[IMMEDIATELY]),
            **links,
        )
        subject = _one_line(item.text)
    return Mail(subject=subject, text=text, html=html, headers=_headers(links["unsubscribe_link"]))


def group_items(pairs) -> list[_Group]:
    """[(group key (consultation id or 0, title), item)] -> groups ordered by their newest item
    (newest first), items oldest first; items without a consultation under "Other"."""
    groups: dict[int, _Group] = {}
    for (consultation_id, title), item in pairs:
        group = groups.setdefault(
            consultation_id, _Group(title=title if consultation_id else str(_("Other")), items=[])
        )
        group.items.append(item)
    for group in groups.values():
        group.items.sort(key=lambda item: item.created_at)
    return sorted(groups.values(), key=lambda group: group.items[-1].created_at, reverse=True)


def compose_digest(user, notifications: list[Notification], delivery: str) -> Mail:
    """A daily or weekly summary of `notifications` in the recipient's language."""
    with _composing(user):
        shown = notifications[-DIGEST_MAX_ITEMS:]  # the newest, when there are very many
        groups = group_items(_described(n) for n in shown)
        kinds = sorted({n.kind for n in notifications}, key=list(KINDS).index)
        links = _links(user, kinds)
        count = len(notifications)
        if delivery == WEEKLY:
            subject = ngettext(
                "Your weekly summary: %(num)d new notification",
                "Your weekly summary: %(num)d new notifications",
                count,
            )
        else:
            subject = ngettext(
                "Your daily summary: %(num)d new notification",
                "Your daily summary: %(num)d new notifications",
                count,
            )
        text, html = _render(
            "digest",
            user,
            groups=groups,
            count=count,
            more=count - len(shown),
            weekly=delivery == WEEKLY,
            kind_labels=[str(KINDS[code].label) for code in kinds],
            delivery_name=str(DELIVERY_NAMES[delivery]),
            **links,
        )
    return Mail(
        subject=_one_line(subject),
        text=text,
        html=html,
        headers=_headers(links["unsubscribe_link"]),
    )
