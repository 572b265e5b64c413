"""Download my data (GDPR art. 15 and 20): everything stored about one account.

`collect(user)` reads every table that refers to the account and returns a JSON-ready dict, one
key per section (see SECTIONS); `build_zip(user)` adds a readable page and packs both into a
zip held in memory. Each section is one query (the proposals and statements sections a second
one for their earlier versions), so the number of statements does not grow with the data.

Left out on purpose: the password hash, the session token, the second factor's secret and the
recovery codes' hashes (secrets, not information about the person), the search key (a copy of
name and address), and the bodies of queued mails (they may hold single-use links). Who
moderated, reported or caused a notification is someone else's data and is not named.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import render_template
from flask_babel import force_locale, format_date, format_datetime
from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from app.accounts.models import RecoveryCode, RoleAssignment, User
from app.comments.models import STANCE_NAMES, Comment
from app.concepts.models import ConceptComment, ConceptItem
from app.consultations.models import Consultation
from app.core.clock import now
from app.core.i18n import LANGUAGE_NAMES, _l, is_supported, pick_translation
from app.core.models import Contribution
from app.extensions import db
from app.moderation.models import (
    ACTION_NAMES,
    REASON_NAMES,
    STATE_NAMES,
    Appeal,
    ModerationDecision,
    Report,
    UserBlock,
)
from app.monitoring.models import ParticipationProfile, ProfileLanguage
from app.monitoring.profile_forms import (
    AGE_BAND_NAMES,
    HOME_LANGUAGE_NAMES,
    MIGRATION_EXPERIENCE_NAMES,
)
from app.multilingual.models import ContributionTranslation
from app.notifications.kinds import DELIVERY_NAMES, KINDS
from app.notifications.models import Follow, Notification, NotificationSetting, OutboxMessage
from app.onsite.models import FORMAT_NAMES, OnSiteEvent
from app.organisations.models import (
    ROLE_NAMES,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    Statement,
    StatementRevision,
)
from app.organisations.models import STATUS_NAMES as ORGANISATION_STATUS_NAMES
from app.pages.models import AccessibilityFeedback
from app.proposals.models import STATUS_NAMES as PROPOSAL_STATUS_NAMES
from app.proposals.models import Proposal, ProposalRevision
from app.regions.models import Region
from app.votes.models import Vote

# --- what the sections hold (shared by the JSON, the readable page and the download page) ----

TEXT, LONG, DATETIME, DATE, BOOL, CODE, LIST, RECORDS = (
    "text",
    "long",
    "datetime",
    "date",
    "bool",
    "code",
    "list",
    "records",
)

ROLE_ASSIGNMENT_NAMES = {"moderator": _l("Moderator"), "coordinator": _l("Coordinator")}
VOTE_NAMES = {1: _l("For"), -1: _l("Against")}
REQUEST_STATE_NAMES = {
    "open": _l("Open"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
}
APPEAL_OUTCOME_NAMES = {"confirmed": _l("Decision confirmed"), "reversed": _l("Decision reversed")}
CONTRIBUTION_KIND_NAMES = {
    "proposal": _l("Proposal"),
    "comment": _l("Comment"),
    "statement": _l("Statement"),
    "translation": _l("Translation"),
    "concept_comment": _l("Comment on the action concept"),
}
FOLLOW_TARGET_NAMES = {
    "consultation": _l("Consultation"),
    "proposal": _l("Proposal"),
    "organisation": _l("Organisation"),
}
MAIL_STATUS_NAMES = {"queued": _l("Waiting to be sent"), "sent": _l("Sent"), "failed": _l("Failed")}
NOTIFICATION_KIND_NAMES = {code: kind.label for code, kind in KINDS.items()}


@dataclass(frozen=True)
class Column:
    """One value of a record: its key in the JSON, its label on the page and how to show it."""

    key: str
    label: object
    kind: str = TEXT
    names: dict | None = None  # code -> label, for CODE and LIST values
    columns: tuple["Column", ...] = ()  # for RECORDS: a list of nested records
    language_key: str | None = None  # for LONG: the record's key holding the text's language

    def name_of(self, value) -> str:
        if self.names is not None and value in self.names:
            return str(self.names[value])
        return str(value)


@dataclass(frozen=True)
class Section:
    key: str
    heading: object
    columns: tuple[Column, ...]
    single: bool = False  # one record (or none) instead of a list
    note: object = None


CREATED = Column("created_at", _l("Created"), DATETIME)
EDITED = Column("edited_at", _l("Last edited"), DATETIME)
CONSULTATION = Column("consultation", _l("Consultation"))
LANGUAGE = Column("language", _l("Language"), CODE, names=LANGUAGE_NAMES)
MODERATION = Column("moderation_state", _l("Moderation"), CODE, names=STATE_NAMES)

SECTIONS: tuple[Section, ...] = (
    Section(
        "account",
        _l("Your account"),
        (
            Column("email", _l("E-mail address")),
            Column("display_name", _l("Display name")),
            Column("language", _l("Language"), CODE, names=LANGUAGE_NAMES),
            Column("home_region", _l("Home region")),
            Column("created_at", _l("Registered"), DATETIME),
            Column("confirmed_at", _l("E-mail address confirmed"), DATETIME),
            Column("privacy_notice_accepted_at", _l("Privacy notice accepted"), DATETIME),
            Column("last_login_at", _l("Last login"), DATETIME),
            Column("second_factor_enabled", _l("Second factor enabled"), BOOL),
            Column("second_factor_enabled_at", _l("Second factor set up"), DATETIME),
            Column("unused_recovery_codes", _l("Unused recovery codes")),
            Column("administrator", _l("Administrator"), BOOL),
            Column(
                "roles",
                _l("Roles"),
                RECORDS,
                columns=(
                    Column("role", _l("Role"), CODE, names=ROLE_ASSIGNMENT_NAMES),
                    Column("region", _l("Region")),
                    Column("since", _l("Since"), DATETIME),
                ),
            ),
            Column("blocked_until", _l("Blocked until"), DATETIME),
            Column("inactivity_notice_sent_at", _l("Notice about inactivity sent"), DATETIME),
        ),
        single=True,
    ),
    Section(
        "participation_profile",
        _l("Participation profile (voluntary)"),
        (
            Column("age_band", _l("Age"), CODE, names=AGE_BAND_NAMES),
            Column("languages_at_home", _l("Languages spoken at home"), LIST, HOME_LANGUAGE_NAMES),
            Column(
                "migration_experience",
                _l("Own or parents' migration experience"),
                CODE,
                names=MIGRATION_EXPERIENCE_NAMES,
            ),
            Column("home_region", _l("Home region")),
            Column("consent_given_at", _l("Consent given"), DATETIME),
            Column("consent_version", _l("Version of the consent text")),
            Column("updated_at", _l("Last changed"), DATETIME),
        ),
        single=True,
    ),
    Section(
        "proposals",
        _l("Proposals"),
        (
            Column("id", _l("Reference number")),
            CONSULTATION,
            Column("title", _l("Title"), LONG, language_key="language"),
            Column("body", _l("Text"), LONG, language_key="language"),
            LANGUAGE,
            Column("status", _l("Status"), CODE, names=PROPOSAL_STATUS_NAMES),
            MODERATION,
            Column("on_behalf_of", _l("On behalf of")),
            Column("on_site_event", _l("Collected on site at")),
            CREATED,
            EDITED,
            Column("withdrawn_at", _l("Withdrawn"), DATETIME),
            Column(
                "earlier_versions",
                _l("Earlier versions"),
                RECORDS,
                columns=(
                    Column("title", _l("Title"), LONG),
                    Column("body", _l("Text"), LONG),
                    Column("replaced_at", _l("Replaced"), DATETIME),
                ),
            ),
        ),
    ),
    Section(
        "comments",
        _l("Comments"),
        (
            Column("id", _l("Reference number")),
            CONSULTATION,
            Column("proposal", _l("On the proposal")),
            Column("reply_to", _l("Reply to comment number")),
            Column("body", _l("Text"), LONG, language_key="language"),
            LANGUAGE,
            Column("stance", _l("Stance"), CODE, names=STANCE_NAMES),
            MODERATION,
            Column("on_behalf_of", _l("On behalf of")),
            CREATED,
            EDITED,
            Column("removed_at", _l("Removed"), DATETIME),
        ),
    ),
    Section(
        "concept_comments",
        _l("Comments on action concepts"),
        (
            Column("id", _l("Reference number")),
            CONSULTATION,
            Column("goal_or_measure", _l("On the goal or measure")),
            Column("body", _l("Text"), LONG, language_key="language"),
            LANGUAGE,
            Column("stance", _l("Stance"), CODE, names=STANCE_NAMES),
            MODERATION,
            CREATED,
            EDITED,
        ),
    ),
    Section(
        "statements",
        _l("Statements of organisations"),
        (
            Column("id", _l("Reference number")),
            CONSULTATION,
            Column("organisation", _l("Organisation")),
            Column("title", _l("Title"), LONG, language_key="language"),
            Column("body", _l("Text"), LONG, language_key="language"),
            LANGUAGE,
            MODERATION,
            Column("published_by_you", _l("Published by you"), BOOL),
            Column("last_saved_by_you", _l("Last saved by you"), BOOL),
            CREATED,
            EDITED,
            Column(
                "versions_written_by_you",
                _l("Earlier versions you wrote"),
                RECORDS,
                columns=(
                    Column("title", _l("Title"), LONG),
                    Column("body", _l("Text"), LONG),
                    Column("language", _l("Language"), CODE, names=LANGUAGE_NAMES),
                    Column("replaced_at", _l("Replaced"), DATETIME),
                ),
            ),
        ),
    ),
    Section(
        "translations",
        _l("Translations"),
        (
            Column("id", _l("Reference number")),
            CONSULTATION,
            Column("translation_of", _l("Translation of contribution number")),
            Column("title", _l("Title"), LONG, language_key="language"),
            Column("body", _l("Text"), LONG, language_key="language"),
            LANGUAGE,
            MODERATION,
            CREATED,
            EDITED,
        ),
    ),
    Section(
        "votes",
        _l("Votes"),
        (
            CONSULTATION,
            Column("proposal_id", _l("Proposal number")),
            Column("proposal", _l("Proposal")),
            Column("vote", _l("Vote"), CODE, names=VOTE_NAMES),
            Column("created_at", _l("Cast"), DATETIME),
            Column("updated_at", _l("Last changed"), DATETIME),
        ),
    ),
    Section(
        "reports",
        _l("Reports you made"),
        (
            Column("contribution_id", _l("Contribution number")),
            Column("contribution_kind", _l("Kind"), CODE, names=CONTRIBUTION_KIND_NAMES),
            Column("reason", _l("Reason"), CODE, names=REASON_NAMES),
            Column("note", _l("Your note"), LONG),
            Column("created_at", _l("Reported on"), DATETIME),
            Column("outcome", _l("Outcome"), CODE, names=ACTION_NAMES),
            Column("decided_at", _l("Decided"), DATETIME),
        ),
    ),
    Section(
        "moderation_decisions",
        _l("Moderation decisions about your contributions"),
        (
            Column("id", _l("Reference number")),
            Column("contribution_id", _l("Contribution number")),
            Column("contribution_kind", _l("Kind"), CODE, names=CONTRIBUTION_KIND_NAMES),
            Column("action", _l("Decision"), CODE, names=ACTION_NAMES),
            Column("reason", _l("Reason"), CODE, names=REASON_NAMES),
            Column("note_to_author", _l("Note to you"), LONG),
            Column("state_before", _l("Before"), CODE, names=STATE_NAMES),
            Column("state_after", _l("After"), CODE, names=STATE_NAMES),
            Column("created_at", _l("Decided"), DATETIME),
        ),
    ),
    Section(
        "blocks",
        _l("Blocks of your account"),
        (
            Column("reason", _l("Reason"), LONG),
            Column("contribution_id", _l("Contribution number")),
            Column("created_at", _l("Blocked"), DATETIME),
            Column("until", _l("Until"), DATETIME),
        ),
    ),
    Section(
        "appeals",
        _l("Your appeals"),
        (
            Column("decision_id", _l("Against decision number")),
            Column("note", _l("Your appeal"), LONG),
            Column("created_at", _l("Sent on"), DATETIME),
            Column("outcome", _l("Outcome"), CODE, names=APPEAL_OUTCOME_NAMES),
            Column("resolution_note", _l("Reasons"), LONG),
            Column("resolved_at", _l("Decided"), DATETIME),
        ),
    ),
    Section(
        "notifications",
        _l("Notifications"),
        (
            Column("kind", _l("Kind"), CODE, names=NOTIFICATION_KIND_NAMES),
            Column("consultation_id", _l("Consultation number")),
            Column("proposal_id", _l("Proposal number")),
            Column("contribution_id", _l("Contribution number")),
            Column("organisation_id", _l("Organisation number")),
            Column("decision_id", _l("Decision number")),
            Column("details", _l("Details")),
            Column("created_at", _l("Created"), DATETIME),
            Column("read_at", _l("Read"), DATETIME),
            Column("mail_handled_at", _l("Handled for e-mail"), DATETIME),
        ),
    ),
    Section(
        "notification_settings",
        _l("Notification settings"),
        (
            Column("kind", _l("Kind"), CODE, names=NOTIFICATION_KIND_NAMES),
            Column("delivery", _l("E-mail"), CODE, names=DELIVERY_NAMES),
        ),
        note=_l("Kinds not listed use their default setting."),
    ),
    Section(
        "follows",
        _l("What you follow"),
        (
            Column("target", _l("Kind"), CODE, names=FOLLOW_TARGET_NAMES),
            Column("target_id", _l("Reference number")),
            Column("name", _l("Name")),
            Column("created_at", _l("Since"), DATETIME),
        ),
    ),
    Section(
        "organisation_memberships",
        _l("Organisation memberships"),
        (
            Column("organisation", _l("Organisation")),
            Column("role", _l("Role"), CODE, names=ROLE_NAMES),
            Column("created_at", _l("Since"), DATETIME),
        ),
    ),
    Section(
        "organisation_invitations",
        _l("Invitations to organisations"),
        (
            Column("organisation", _l("Organisation")),
            Column("role", _l("Role"), CODE, names=ROLE_NAMES),
            Column("state", _l("State"), CODE, names=REQUEST_STATE_NAMES),
            Column("created_at", _l("Sent on"), DATETIME),
            Column("decided_at", _l("Answered"), DATETIME),
        ),
    ),
    Section(
        "organisation_join_requests",
        _l("Requests to join organisations"),
        (
            Column("organisation", _l("Organisation")),
            Column("message", _l("Your message"), LONG),
            Column("state", _l("State"), CODE, names=REQUEST_STATE_NAMES),
            Column("created_at", _l("Sent on"), DATETIME),
            Column("decided_at", _l("Answered"), DATETIME),
        ),
    ),
    Section(
        "organisations_requested",
        _l("Organisations you registered"),
        (
            Column("organisation", _l("Organisation")),
            Column("status", _l("Status"), CODE, names=ORGANISATION_STATUS_NAMES),
            Column("created_at", _l("Registered"), DATETIME),
        ),
    ),
    Section(
        "accessibility_feedback",
        _l("Messages about accessibility"),
        (
            Column("name", _l("Name")),
            Column("email", _l("E-mail address")),
            Column("page_url", _l("Page")),
            Column("message", _l("Message"), LONG),
            Column("created_at", _l("Sent on"), DATETIME),
            Column("handled_at", _l("Dealt with"), DATETIME),
        ),
    ),
    Section(
        "on_site_events",
        _l("On-site events you recorded"),
        (
            CONSULTATION,
            Column("name", _l("Name")),
            Column("place", _l("Place")),
            Column("held_on", _l("Date"), DATE),
            Column("format", _l("Format"), CODE, names=FORMAT_NAMES),
            Column("participant_count", _l("Participants")),
            Column("created_at", _l("Recorded"), DATETIME),
        ),
    ),
    Section(
        "mails",
        _l("E-mails to you in our outgoing mail store"),
        (
            Column("to_address", _l("To")),
            Column("subject", _l("Subject")),
            Column("status", _l("Status"), CODE, names=MAIL_STATUS_NAMES),
            Column("created_at", _l("Created"), DATETIME),
            Column("sent_at", _l("Sent on"), DATETIME),
        ),
        note=_l(
            "The texts of these e-mails are not included: they can hold links that work only "
            "once, such as a link to reset your password."
        ),
    ),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)


BERLIN = ZoneInfo("Europe/Berlin")


# --- values ------------------------------------------------------------------------------------


def iso(value) -> str | None:
    """ISO 8601: stored times are naive UTC and get their offset; dates stay dates."""
    if value is None:
        return None
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not a date or time: {value!r}")


def _title(texts: dict | None, language: str) -> str | None:
    """An official text (region, consultation) in the user's language, or the nearest one."""
    return pick_translation(texts, language)[0] or None


# --- the sections, one query each --------------------------------------------------------------


def _account(user: User, language: str) -> dict:
    unused_codes = (
        select(func.count(RecoveryCode.id))
        .where(RecoveryCode.user_id == User.id, RecoveryCode.used_at.is_(None))
        .scalar_subquery()
    )
    row = db.session.execute(
        select(
            User.email,
            User.display_name,
            User.locale,
            Region.name,
            User.created_at,
            User.confirmed_at,
            User.privacy_accepted_at,
            User.last_login_at,
            User.mfa_enabled_at,
            User.totp_secret.is_not(None),
            unused_codes,
            User.is_administrator,
            User.blocked_until,
            User.inactivity_warned_at,
        )
        .outerjoin(Region, Region.id == User.home_region_id)
        .where(User.id == user.id)
    ).one()
    roles = db.session.execute(
        select(RoleAssignment.role, Region.name, RoleAssignment.created_at)
        .join(Region, Region.id == RoleAssignment.region_id)
        .where(RoleAssignment.user_id == user.id)
        .order_by(RoleAssignment.id)
    ).all()
    return {
        "email": row[0],
        "display_name": row[1],
        "language": row[2],
        "home_region": _title(row[3], language),
        "created_at": iso(row[4]),
        "confirmed_at": iso(row[5]),
        "privacy_notice_accepted_at": iso(row[6]),
        "last_login_at": iso(row[7]),
        "second_factor_enabled": row[8] is not None and bool(row[9]),
        "second_factor_enabled_at": iso(row[8]),
        "unused_recovery_codes": row[10],
        "administrator": bool(row[11]),
        "roles": [
            {"role": role, "region": _title(region, language), "since": iso(since)}
            for role, region, since in roles
        ],
        "blocked_until": iso(row[12]),
        "inactivity_notice_sent_at": iso(row[13]),
    }


def _participation_profile(user: User, language: str) -> dict | None:
    # The owner's own answers (the only other reader is the suppressed aggregate, profiles.py).
    rows = db.session.execute(
        select(ParticipationProfile, Region.name, ProfileLanguage.language)
        .outerjoin(Region, Region.id == ParticipationProfile.home_region_id)
        .outerjoin(ProfileLanguage, ProfileLanguage.profile_id == ParticipationProfile.id)
        .where(ParticipationProfile.user_id == user.id)
        .order_by(ProfileLanguage.language)
    ).all()
    if not rows:
        return None
    profile, region, _language = rows[0]
    return {
        "age_band": profile.age_band,
        "languages_at_home": [code for _p, _r, code in rows if code is not None],
        "migration_experience": profile.migration_experience,
        "home_region": _title(region, language),
        "consent_given_at": iso(profile.consent_given_at),
        "consent_version": profile.consent_version,
        "updated_at": iso(profile.updated_at),
    }


def _proposals(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            Proposal.id,
            Consultation.title,
            Proposal.title,
            Proposal.body,
            Proposal.language,
            Proposal.status,
            Proposal.moderation_state,
            Organisation.name,
            OnSiteEvent.name,
            Proposal.created_at,
            Proposal.edited_at,
            Proposal.withdrawn_at,
        )
        .join(Consultation, Consultation.id == Proposal.consultation_id)
        .outerjoin(Organisation, Organisation.id == Proposal.organisation_id)
        .outerjoin(OnSiteEvent, OnSiteEvent.id == Proposal.on_site_event_id)
        .where(Proposal.author_id == user.id)
        .order_by(Proposal.id)
    ).all()
    revisions: dict[int, list[dict]] = {}
    for proposal_id, title, body, created_at in db.session.execute(
        select(
            ProposalRevision.proposal_id,
            ProposalRevision.title,
            ProposalRevision.body,
            ProposalRevision.created_at,
        )
        .join(Contribution, Contribution.id == ProposalRevision.proposal_id)
        .where(Contribution.author_id == user.id)
        .order_by(ProposalRevision.id)
    ):
        revisions.setdefault(proposal_id, []).append(
            {"title": title, "body": body, "replaced_at": iso(created_at)}
        )
    return [
        {
            "id": row[0],
            "consultation": _title(row[1], language),
            "title": row[2],
            "body": row[3],
            "language": row[4],
            "status": row[5],
            "moderation_state": row[6],
            "on_behalf_of": row[7],
            "on_site_event": row[8],
            "created_at": iso(row[9]),
            "edited_at": iso(row[10]),
            "withdrawn_at": iso(row[11]),
            "earlier_versions": revisions.get(row[0], []),
        }
        for row in rows
    ]


# The proposals table on its own (Proposal itself spans contributions too, which the comment,
# vote and follow queries already join): only its title is needed.
_proposal_titles = Proposal.__table__


def _comments(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            Comment.id,
            Consultation.title,
            _proposal_titles.c.title,
            Comment.parent_id,
            Comment.body,
            Comment.language,
            Comment.stance,
            Comment.moderation_state,
            Organisation.name,
            Comment.created_at,
            Comment.edited_at,
            Comment.deleted_at,
        )
        .join(Consultation, Consultation.id == Comment.consultation_id)
        .join(_proposal_titles, _proposal_titles.c.id == Comment.proposal_id)
        .outerjoin(Organisation, Organisation.id == Comment.organisation_id)
        .where(Comment.author_id == user.id)
        .order_by(Comment.id)
    ).all()
    return [
        {
            "id": row[0],
            "consultation": _title(row[1], language),
            "proposal": row[2],
            "reply_to": row[3],
            "body": row[4],
            "language": row[5],
            "stance": row[6],
            "moderation_state": row[7],
            "on_behalf_of": row[8],
            "created_at": iso(row[9]),
            "edited_at": iso(row[10]),
            "removed_at": iso(row[11]),
        }
        for row in rows
    ]


def _concept_comments(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            ConceptComment.id,
            Consultation.title,
            ConceptItem.title,
            ConceptComment.body,
            ConceptComment.language,
            ConceptComment.stance,
            ConceptComment.moderation_state,
            ConceptComment.created_at,
            ConceptComment.edited_at,
        )
        .join(Consultation, Consultation.id == ConceptComment.consultation_id)
        .join(ConceptItem, ConceptItem.id == ConceptComment.item_id)
        .where(ConceptComment.author_id == user.id)
        .order_by(ConceptComment.id)
    ).all()
    return [
        {
            "id": row[0],
            "consultation": _title(row[1], language),
            "goal_or_measure": row[2],
            "body": row[3],
            "language": row[4],
            "stance": row[5],
            "moderation_state": row[6],
            "created_at": iso(row[7]),
            "edited_at": iso(row[8]),
        }
        for row in rows
    ]


def _statements(user: User, language: str) -> list[dict]:
    written = select(StatementRevision.statement_id).where(
        StatementRevision.written_by_id == user.id
    )
    rows = db.session.execute(
        select(
            Statement.id,
            Consultation.title,
            Organisation.name,
            Statement.title,
            Statement.body,
            Statement.language,
            Statement.moderation_state,
            Statement.author_id,
            Statement.edited_by_id,
            Statement.created_at,
            Statement.edited_at,
        )
        .join(Consultation, Consultation.id == Statement.consultation_id)
        .outerjoin(Organisation, Organisation.id == Statement.organisation_id)
        .where(
            or_(
                Statement.author_id == user.id,
                Statement.edited_by_id == user.id,
                Statement.id.in_(written),
            )
        )
        .order_by(Statement.id)
    ).all()
    versions: dict[int, list[dict]] = {}
    for statement_id, title, body, text_language, created_at in db.session.execute(
        select(
            StatementRevision.statement_id,
            StatementRevision.title,
            StatementRevision.body,
            StatementRevision.language,
            StatementRevision.created_at,
        )
        .where(StatementRevision.written_by_id == user.id)
        .order_by(StatementRevision.id)
    ):
        versions.setdefault(statement_id, []).append(
            {
                "title": title,
                "body": body,
                "language": text_language,
                "replaced_at": iso(created_at),
            }
        )
    return [
        {
            "id": row[0],
            "consultation": _title(row[1], language),
            "organisation": row[2],
            "title": row[3],
            "body": row[4],
            "language": row[5],
            "moderation_state": row[6],
            "published_by_you": row[7] == user.id,
            "last_saved_by_you": row[8] == user.id,
            "created_at": iso(row[9]),
            "edited_at": iso(row[10]),
            "versions_written_by_you": versions.get(row[0], []),
        }
        for row in rows
    ]


def _translations(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            ContributionTranslation.id,
            Consultation.title,
            ContributionTranslation.translation_of_id,
            ContributionTranslation.title,
            ContributionTranslation.body,
            ContributionTranslation.language,
            ContributionTranslation.moderation_state,
            ContributionTranslation.created_at,
            ContributionTranslation.edited_at,
        )
        .join(Consultation, Consultation.id == ContributionTranslation.consultation_id)
        .where(ContributionTranslation.author_id == user.id)
        .order_by(ContributionTranslation.id)
    ).all()
    return [
        {
            "id": row[0],
            "consultation": _title(row[1], language),
            "translation_of": row[2],
            "title": row[3],
            "body": row[4],
            "language": row[5],
            "moderation_state": row[6],
            "created_at": iso(row[7]),
            "edited_at": iso(row[8]),
        }
        for row in rows
    ]


def _votes(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            Consultation.title,
            Vote.proposal_id,
            _proposal_titles.c.title,
            Vote.value,
            Vote.created_at,
            Vote.updated_at,
        )
        .join(Consultation, Consultation.id == Vote.consultation_id)
        .join(_proposal_titles, _proposal_titles.c.id == Vote.proposal_id)
        .where(Vote.user_id == user.id)
        .order_by(Vote.id)
    ).all()
    return [
        {
            "consultation": _title(row[0], language),
            "proposal_id": row[1],
            "proposal": row[2],
            "vote": row[3],
            "created_at": iso(row[4]),
            "updated_at": iso(row[5]),
        }
        for row in rows
    ]


def _reports(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            Report.contribution_id,
            Contribution.kind,
            Report.reason,
            Report.note,
            Report.created_at,
            ModerationDecision.action,
            ModerationDecision.created_at,
        )
        .join(Contribution, Contribution.id == Report.contribution_id)
        .outerjoin(ModerationDecision, ModerationDecision.id == Report.resolved_by_decision_id)
        .where(Report.reporter_id == user.id)
        .order_by(Report.id)
    ).all()
    return [
        {
            "contribution_id": row[0],
            "contribution_kind": row[1],
            "reason": row[2],
            "note": row[3],
            "created_at": iso(row[4]),
            "outcome": row[5],
            "decided_at": iso(row[6]),
        }
        for row in rows
    ]


def _moderation_decisions(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            ModerationDecision.id,
            ModerationDecision.contribution_id,
            Contribution.kind,
            ModerationDecision.action,
            ModerationDecision.reason,
            ModerationDecision.note_to_author,
            ModerationDecision.state_before,
            ModerationDecision.state_after,
            ModerationDecision.created_at,
        )
        .join(Contribution, Contribution.id == ModerationDecision.contribution_id)
        .where(Contribution.author_id == user.id)
        .order_by(ModerationDecision.id)
    ).all()
    return [
        {
            "id": row[0],
            "contribution_id": row[1],
            "contribution_kind": row[2],
            "action": row[3],
            "reason": row[4],
            "note_to_author": row[5],
            "state_before": row[6],
            "state_after": row[7],
            "created_at": iso(row[8]),
        }
        for row in rows
    ]


def _blocks(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(UserBlock.reason, UserBlock.contribution_id, UserBlock.created_at, UserBlock.until)
        .where(UserBlock.user_id == user.id)
        .order_by(UserBlock.id)
    ).all()
    return [
        {"reason": reason, "contribution_id": item, "created_at": iso(at), "until": iso(until)}
        for reason, item, at, until in rows
    ]


def _appeals(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            Appeal.decision_id,
            Appeal.note,
            Appeal.created_at,
            Appeal.outcome,
            Appeal.resolution_note,
            Appeal.resolved_at,
        )
        .where(Appeal.author_id == user.id)
        .order_by(Appeal.id)
    ).all()
    return [
        {
            "decision_id": row[0],
            "note": row[1],
            "created_at": iso(row[2]),
            "outcome": row[3],
            "resolution_note": row[4],
            "resolved_at": iso(row[5]),
        }
        for row in rows
    ]


def _notifications(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            Notification.kind,
            Notification.consultation_id,
            Notification.proposal_id,
            Notification.contribution_id,
            Notification.organisation_id,
            Notification.decision_id,
            Notification.params,
            Notification.created_at,
            Notification.read_at,
            Notification.mail_handled_at,
        )
        .where(Notification.user_id == user.id)
        .order_by(Notification.id)
    ).all()
    return [
        {
            "kind": row[0],
            "consultation_id": row[1],
            "proposal_id": row[2],
            "contribution_id": row[3],
            "organisation_id": row[4],
            "decision_id": row[5],
            # Codes only (a status, a phase), never free text: see Notification.
            "details": ", ".join(f"{key}: {value}" for key, value in sorted((row[6] or {}).items()))
            or None,
            "created_at": iso(row[7]),
            "read_at": iso(row[8]),
            "mail_handled_at": iso(row[9]),
        }
        for row in rows
    ]


def _notification_settings(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(NotificationSetting.kind, NotificationSetting.delivery)
        .where(NotificationSetting.user_id == user.id)
        .order_by(NotificationSetting.kind)
    ).all()
    return [{"kind": kind, "delivery": delivery} for kind, delivery in rows]


def _follows(user: User, language: str) -> list[dict]:
    followed_org = aliased(Organisation)
    rows = db.session.execute(
        select(
            Follow.consultation_id,
            Follow.proposal_id,
            Follow.organisation_id,
            Consultation.title,
            _proposal_titles.c.title,
            followed_org.name,
            Follow.created_at,
        )
        .outerjoin(Consultation, Consultation.id == Follow.consultation_id)
        .outerjoin(_proposal_titles, _proposal_titles.c.id == Follow.proposal_id)
        .outerjoin(followed_org, followed_org.id == Follow.organisation_id)
        .where(Follow.user_id == user.id)
        .order_by(Follow.id)
    ).all()
    follows = []
    for consultation_id, proposal_id, organisation_id, c_title, p_title, o_name, at in rows:
        if consultation_id is not None:
            target, target_id, name = "consultation", consultation_id, _title(c_title, language)
        elif proposal_id is not None:
            target, target_id, name = "proposal", proposal_id, p_title
        else:
            target, target_id, name = "organisation", organisation_id, o_name
        follows.append(
            {"target": target, "target_id": target_id, "name": name, "created_at": iso(at)}
        )
    return follows


def _organisation_memberships(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(Organisation.name, Membership.role, Membership.created_at)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.user_id == user.id)
        .order_by(Membership.id)
    ).all()
    return [{"organisation": name, "role": role, "created_at": iso(at)} for name, role, at in rows]


def _organisation_invitations(user: User, language: str) -> list[dict]:
    # Invitations go to an address, not an account: those to the current address.
    rows = db.session.execute(
        select(
            Organisation.name,
            Invitation.role,
            Invitation.state,
            Invitation.created_at,
            Invitation.decided_at,
        )
        .join(Organisation, Organisation.id == Invitation.organisation_id)
        .where(Invitation.email == user.email)
        .order_by(Invitation.id)
    ).all()
    return [
        {
            "organisation": name,
            "role": role,
            "state": state,
            "created_at": iso(at),
            "decided_at": iso(decided),
        }
        for name, role, state, at, decided in rows
    ]


def _organisation_join_requests(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            Organisation.name,
            JoinRequest.message,
            JoinRequest.state,
            JoinRequest.created_at,
            JoinRequest.decided_at,
        )
        .join(Organisation, Organisation.id == JoinRequest.organisation_id)
        .where(JoinRequest.user_id == user.id)
        .order_by(JoinRequest.id)
    ).all()
    return [
        {
            "organisation": name,
            "message": message,
            "state": state,
            "created_at": iso(at),
            "decided_at": iso(decided),
        }
        for name, message, state, at, decided in rows
    ]


def _organisations_requested(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(Organisation.name, Organisation.status, Organisation.created_at)
        .where(Organisation.requested_by_id == user.id)
        .order_by(Organisation.id)
    ).all()
    return [
        {"organisation": name, "status": status, "created_at": iso(at)} for name, status, at in rows
    ]


def _accessibility_feedback(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            AccessibilityFeedback.name,
            AccessibilityFeedback.email,
            AccessibilityFeedback.page_url,
            AccessibilityFeedback.message,
            AccessibilityFeedback.created_at,
            AccessibilityFeedback.handled_at,
        )
        .where(AccessibilityFeedback.user_id == user.id)
        .order_by(AccessibilityFeedback.id)
    ).all()
    return [
        {
            "name": row[0],
            "email": row[1],
            "page_url": row[2],
            "message": row[3],
            "created_at": iso(row[4]),
            "handled_at": iso(row[5]),
        }
        for row in rows
    ]


def _on_site_events(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            Consultation.title,
            OnSiteEvent.name,
            OnSiteEvent.place,
            OnSiteEvent.held_on,
            OnSiteEvent.format,
            OnSiteEvent.participant_count,
            OnSiteEvent.created_at,
        )
        .join(Consultation, Consultation.id == OnSiteEvent.consultation_id)
        .where(OnSiteEvent.recorded_by_id == user.id)
        .order_by(OnSiteEvent.id)
    ).all()
    return [
        {
            "consultation": _title(row[0], language),
            "name": row[1],
            "place": row[2],
            "held_on": iso(row[3]),
            "format": row[4],
            "participant_count": row[5],
            "created_at": iso(row[6]),
        }
        for row in rows
    ]


def _mails(user: User, language: str) -> list[dict]:
    rows = db.session.execute(
        select(
            OutboxMessage.to_address,
            OutboxMessage.subject,
            OutboxMessage.status,
            OutboxMessage.created_at,
            OutboxMessage.sent_at,
        )
        .where(or_(OutboxMessage.user_id == user.id, OutboxMessage.to_address == user.email))
        .order_by(OutboxMessage.id)
    ).all()
    return [
        {
            "to_address": to,
            "subject": subject,
            "status": status,
            "created_at": iso(at),
            "sent_at": iso(sent),
        }
        for to, subject, status, at, sent in rows
    ]


_READERS = {
    "account": _account,
    "participation_profile": _participation_profile,
    "proposals": _proposals,
    "comments": _comments,
    "concept_comments": _concept_comments,
    "statements": _statements,
    "translations": _translations,
    "votes": _votes,
    "reports": _reports,
    "moderation_decisions": _moderation_decisions,
    "blocks": _blocks,
    "appeals": _appeals,
    "notifications": _notifications,
    "notification_settings": _notification_settings,
    "follows": _follows,
    "organisation_memberships": _organisation_memberships,
    "organisation_invitations": _organisation_invitations,
    "organisation_join_requests": _organisation_join_requests,
    "organisations_requested": _organisations_requested,
    "accessibility_feedback": _accessibility_feedback,
    "on_site_events": _on_site_events,
    "mails": _mails,
}
assert tuple(_READERS) == SECTION_KEYS, "every section needs its reader, in the same order"


def collect(user: User, language: str | None = None) -> dict:
    """Everything stored about `user`, grouped by section; JSON-serialisable (ISO 8601 times).

    Official texts (consultation and region names) are given in `language` (default: the
    user's own).
    """
    language = language or user.locale
    data: dict = {"exported_at": iso(now()), "user_id": user.id}
    for key, reader in _READERS.items():
        data[key] = reader(user, language)
    return data


# --- the download ------------------------------------------------------------------------------


def file_name(at: datetime | None = None) -> str:
    """mitreden-data-2026-11-26.zip, dated in Berlin."""
    day = (at or now()).astimezone(BERLIN).date()
    return f"mitreden-data-{day.isoformat()}.zip"


def _shown(value, kind: str) -> str:
    """A date or time from the JSON, in the reader's locale (Berlin time)."""
    if value is None:
        return ""
    if kind == DATETIME:
        return format_datetime(datetime.fromisoformat(value), "medium")
    if kind == DATE:
        return format_date(date.fromisoformat(value), "long")
    return str(value)


def render_page(data: dict, language: str) -> str:
    """The readable page of the download, in `language`, self-contained (no links to load)."""
    return render_template(
        "privacy/export_index.html",
        data=data,
        sections=SECTIONS,
        show=_shown,
        export_language=language,
    )


def build_zip(user: User) -> tuple[str, bytes]:
    """(file name, zip bytes) with index.html and data.json; nothing is written to disk."""
    language = user.locale if is_supported(user.locale) else None
    with force_locale(language or "de"):
        data = collect(user, language or "de")
        page = render_page(data, language or "de")
    stamp = now()
    local = stamp.astimezone(BERLIN)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            ("index.html", page),
            ("data.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n"),
        ):
            info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return file_name(stamp), buffer.getvalue()


def section_headings() -> list[str]:
    """The headings of the sections, for the page that explains the download."""
    return [str(section.heading) for section in SECTIONS]
