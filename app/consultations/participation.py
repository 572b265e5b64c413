"""What a reader can do in a consultation right now, and if not, why not and from when.

Built from the same predicates the permissions registry uses, so the explanation and the
actual decision cannot disagree.
"""

from dataclasses import dataclass
from datetime import datetime

from app.core import permissions
from app.core.formatting import moment
from app.core.i18n import _, _l
from app.core.phases import next_phase_allowing

# What each feature lets a participant do, as the consultation page names it.
FEATURE_LABELS = {
    "propose": _l("Submit proposals"),
    "comment": _l("Comment on proposals"),
    "vote": _l("Vote on proposals"),
}


@dataclass
class Possibility:
    feature: str
    label: str
    allowed: bool
    reason: str  # why not (empty when allowed)


def _phase_reason(consultation, feature: str, at: datetime) -> str:
    upcoming = next_phase_allowing(consultation, feature, at)
    if upcoming is not None:
        return _("Possible from %(date)s.", date=moment(upcoming.starts_at))
    return _("Not possible any more in this consultation.")


def possibilities(user, consultation, at: datetime) -> list[Possibility]:
    result = []
    for feature, label in FEATURE_LABELS.items():
        reason = ""
        if not permissions.is_consultation_open(user, consultation):
            reason = _("This consultation is closed.")
        elif not permissions.phase_allows(feature)(user, consultation):
            reason = _phase_reason(consultation, feature, at)
        elif not getattr(user, "is_authenticated", False):
            reason = _("Please log in or register to take part.")
        elif not user.is_confirmed:
            reason = _("Please confirm your e-mail address first.")
        elif not permissions.is_not_blocked(user, consultation):
            reason = _(
                "Your account is blocked by the moderation. The page “Moderation decisions "
                "and my reports” in your profile says why and until when."
            )
        elif not permissions.is_eligible(user, consultation):
            reason = _(
                "Only residents of this region can take part. You can choose your region "
                "in your profile."
            )
        result.append(Possibility(feature, str(label), not reason, reason))
    return result
