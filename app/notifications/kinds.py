"""The kinds of notification: what each is about, who gets it, and how it is mailed by default.

Defaults lean towards fewer mails: what answers the recipient personally comes at once, the
rest in a daily or weekly digest. Everyone may change each kind on the settings page; in-app
notifications are always kept.
"""

from dataclasses import dataclass

from app.core.i18n import _l

IMMEDIATELY = "immediately"
DAILY = "daily"
WEEKLY = "weekly"
OFF = "off"
DELIVERIES = (IMMEDIATELY, DAILY, WEEKLY, OFF)
DIGESTS = (DAILY, WEEKLY)

DELIVERY_NAMES = {
    IMMEDIATELY: _l("Immediately"),
    DAILY: _l("Daily summary"),
    WEEKLY: _l("Weekly summary"),
    OFF: _l("No e-mail"),
}

COMMENT_REPLY = "comment_reply"
PROPOSAL_COMMENT = "proposal_comment"
PROPOSAL_UPDATE = "proposal_update"
NEW_PROPOSAL = "new_proposal"
PHASE_STARTED = "phase_started"
ORGANISATION_STATEMENT = "organisation_statement"
MODERATION_DECISION = "moderation_decision"
APPEAL_OUTCOME = "appeal_outcome"
REPORT_OUTCOME = "report_outcome"
ORGANISATION_REVIEW = "organisation_review"
ORGANISATION_INVITATION = "organisation_invitation"
MODERATION_WAITING = "moderation_waiting"


@dataclass(frozen=True)
class Kind:
    code: str
    label: object  # lazy string for the settings page
    explanation: object
    default: str
    staff_only: bool = False  # shown on the settings page only to moderators and coordinators


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(
            COMMENT_REPLY,
            _l("Replies to my comments"),
            _l("Someone answered a comment you wrote."),
            IMMEDIATELY,
        ),
        Kind(
            PROPOSAL_COMMENT,
            _l("Comments on proposals I follow"),
            _l("Including your own proposals, which you follow automatically."),
            DAILY,
        ),
        Kind(
            PROPOSAL_UPDATE,
            _l("Answers and status changes"),
            _l("The region answered a proposal you follow, or its status changed."),
            IMMEDIATELY,
        ),
        Kind(
            NEW_PROPOSAL,
            _l("New proposals in consultations I follow"),
            _l("A new proposal was published in a consultation you follow."),
            WEEKLY,
        ),
        Kind(
            PHASE_STARTED,
            _l("New phases"),
            _l("A consultation you follow entered its next phase, for example voting."),
            IMMEDIATELY,
        ),
        Kind(
            ORGANISATION_STATEMENT,
            _l("Statements of organisations"),
            _l(
                "An organisation you follow, or one in a consultation you follow, made a statement."
            ),
            DAILY,
        ),
        Kind(
            MODERATION_DECISION,
            _l("Moderation of my contributions"),
            _l("A moderator published, hid or restored something you wrote, with the reason."),
            IMMEDIATELY,
        ),
        Kind(
            APPEAL_OUTCOME,
            _l("Outcome of my appeals"),
            _l("The coordination decided on your appeal against a moderation decision."),
            IMMEDIATELY,
        ),
        Kind(
            REPORT_OUTCOME,
            _l("Outcome of my reports"),
            _l("A moderator decided on a contribution you reported."),
            DAILY,
        ),
        Kind(
            ORGANISATION_REVIEW,
            _l("Verification of my organisation"),
            _l("Your organisation was verified, declined or its verification withdrawn."),
            IMMEDIATELY,
        ),
        Kind(
            ORGANISATION_INVITATION,
            _l("Invitations to organisations"),
            _l("An organisation invited you to join it."),
            IMMEDIATELY,
        ),
        Kind(
            MODERATION_WAITING,
            _l("Work waiting for moderation"),
            _l("A contribution in your region waits for review or was reported."),
            DAILY,
            staff_only=True,
        ),
    )
}
