"""Builders for the monitoring tests: rows with the times a figure depends on, written straight
into the tables (the services have their own tests). Times are naive UTC, as stored.

    at(2026, 3, 1, 0, 30, berlin=True)            # 00:30 Berlin time, as naive UTC
    answer(proposal, at(2026, 2, 3))
    d = decision(comment, moderator, at(2026, 2, 3), action="hide", reason="spam")
    report(comment, reporter, at(2026, 2, 2))
    appeal(d, author, at(2026, 2, 4), outcome="reversed")

Every builder adds, flushes and returns; the test commits (or the client does).
"""

from datetime import UTC, datetime

from app.extensions import db
from app.funding.deadlines import BERLIN
from app.moderation.models import Appeal, ModerationDecision, Report
from app.monitoring.models import CONSENT_VERSION, ParticipationProfile, ProfileLanguage
from app.proposals.models import OfficialResponse, ProposalStatus
from tests.factories import make_user


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0, *, berlin=False):
    """A naive UTC datetime; with berlin=True the arguments are Berlin wall-clock time."""
    if not berlin:
        return datetime(year, month, day, hour, minute)
    local = datetime(year, month, day, hour, minute, tzinfo=BERLIN)
    return local.astimezone(UTC).replace(tzinfo=None)


# --- responsiveness ------------------------------------------------------------------------------


def answer(proposal, when: datetime, author=None, status: str = ProposalStatus.UNDER_REVIEW):
    """An official answer given at `when`; sets the proposal's status like the service does."""
    obj = OfficialResponse(
        proposal_id=proposal.id,
        author_id=author.id if author is not None else None,
        status=status,
        body="Die Region hat den Vorschlag geprüft und antwortet hiermit.",
        created_at=when,
    )
    db.session.add(obj)
    proposal.status = status
    db.session.flush()
    return obj


# --- moderation ----------------------------------------------------------------------------------


def decision(
    contribution,
    moderator,
    when: datetime,
    action: str = "hide",
    reason: str | None = "spam",
    before: str = "published",
    after: str = "hidden",
) -> ModerationDecision:
    """A logged decision; moderator None is the platform's automatic hiding. The
    contribution's state is left alone (figures read the log, not the state)."""
    obj = ModerationDecision(
        contribution_id=contribution.id,
        moderator_id=moderator.id if moderator is not None else None,
        action=action,
        reason=reason,
        state_before=before,
        state_after=after,
        created_at=when,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def report(contribution, reporter, when: datetime, reason: str = "spam") -> Report:
    obj = Report(
        contribution_id=contribution.id,
        reporter_id=reporter.id if reporter is not None else None,
        reason=reason,
        created_at=when,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def appeal(
    decision_, author, when: datetime, outcome: str | None = None, resolved_at=None
) -> Appeal:
    obj = Appeal(
        decision_id=decision_.id,
        author_id=author.id if author is not None else None,
        note="Bitte prüfen.",
        created_at=when,
        outcome=outcome,
        resolved_at=resolved_at or (when if outcome is not None else None),
    )
    db.session.add(obj)
    db.session.flush()
    return obj


# --- participation -------------------------------------------------------------------------------


def confirmed_user(when: datetime, region=None):
    """An account confirmed at `when` (naive UTC) with `region` as its home region (or none)."""
    from tests.factories import make_user

    user = make_user(confirmed=False, home_region_id=region.id if region is not None else None)
    user.confirmed_at = when
    db.session.flush()
    return user


def concept_comment(consultation, author, when: datetime | None = None, **columns):
    """A comment on a measure of the region's draft action concept (created with one goal and
    one measure when the region has no draft yet), written at `when`."""
    from sqlalchemy import select

    from app.concepts.models import ConceptComment, ConceptItem, ConceptVersion, ItemKind
    from tests.factories import make_field_of_action

    region_id = consultation.region_id
    version = db.session.scalar(
        select(ConceptVersion).where(
            ConceptVersion.region_id == region_id, ConceptVersion.state == "draft"
        )
    )
    if version is None:
        version = ConceptVersion(region_id=region_id, number=1, state="draft")
        field_of_action = make_field_of_action()
        goal = ConceptItem(
            version=version,
            key="goal",
            kind=ItemKind.GOAL,
            field_of_action_id=field_of_action.id,
            title="Mehr Menschen sprechen Deutsch",
        )
        measure = ConceptItem(
            version=version,
            key="measure",
            kind=ItemKind.MEASURE,
            field_of_action_id=field_of_action.id,
            goal=goal,
            title="Sprachcafés in jedem Stadtteil",
            status="planned",
        )
        db.session.add_all([version, goal, measure])
        db.session.flush()
    measure = next(item for item in version.items if item.kind == ItemKind.MEASURE)
    obj = ConceptComment(
        consultation_id=consultation.id,
        author_id=author.id if author is not None else None,
        item_id=measure.id,
        body=columns.pop("body", "Gute Maßnahme, bitte auch am Abend."),
        language=columns.pop("language", "de"),
        moderation_state=columns.pop("moderation_state", "published"),
        **columns,
    )
    if when is not None:
        obj.created_at = when
    db.session.add(obj)
    db.session.flush()
    return obj


def vote_at(proposal, user, when: datetime, value: int = 1):
    """A vote cast at `when`; keeps the proposal's counters like tests.participation_builders."""
    from tests.participation_builders import vote

    obj = vote(proposal, user, value)
    obj.created_at = when
    db.session.flush()
    return obj


# --- participation profiles ----------------------------------------------------------------------


def participation_profile(
    user=None,
    *,
    region=None,
    age_band: str | None = None,
    migration: str | None = None,
    languages=(),
    consented_at: datetime | None = None,
) -> ParticipationProfile:
    """A consented profile of `user` (a new confirmed account if None)."""
    user = user if user is not None else make_user()
    obj = ParticipationProfile(
        user_id=user.id,
        age_band=age_band,
        migration_experience=migration,
        home_region_id=region.id if region is not None else None,
        consent_version=CONSENT_VERSION,
        **({"consent_given_at": consented_at} if consented_at is not None else {}),
    )
    obj.languages = [ProfileLanguage(language=code) for code in languages]
    db.session.add(obj)
    db.session.flush()
    return obj


def participation_profiles(count: int, **answers) -> list[ParticipationProfile]:
    """`count` profiles of new accounts, all with the same answers."""
    return [participation_profile(**answers) for _ in range(count)]
