"""Each user's choice of mail delivery per kind of notification."""

from sqlalchemy import select

from app.core.errors import DomainError
from app.core.i18n import _
from app.extensions import db
from app.notifications.kinds import DELIVERIES, KINDS
from app.notifications.models import NotificationSetting


def deliveries_for(user_id: int) -> dict[str, str]:
    """kind -> delivery for every kind, defaults filled in."""
    chosen = dict(
        db.session.execute(
            select(NotificationSetting.kind, NotificationSetting.delivery).where(
                NotificationSetting.user_id == user_id
            )
        ).all()
    )
    return {code: chosen.get(code, kind.default) for code, kind in KINDS.items()}


def delivery_for(user_id: int, kind: str) -> str:
    return deliveries_for(user_id)[kind]


def set_delivery(user_id: int, kind: str, delivery: str) -> None:
    if kind not in KINDS:
        raise DomainError(_("Unknown kind of notification."))
    if delivery not in DELIVERIES:
        raise DomainError(_("Please choose how to be told from the list."), field=kind)
    row = db.session.get(NotificationSetting, (user_id, kind))
    if row is None:
        db.session.add(NotificationSetting(user_id=user_id, kind=kind, delivery=delivery))
    else:
        row.delivery = delivery
    db.session.flush()
