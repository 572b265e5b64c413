"""The moderation queue: what waits, what was reported, what is hidden, what was decided.

Moderators see the regions they moderate, coordinators their regions, administrators all.
Oldest first, so nothing waits forever behind newer items.
"""

from dataclasses import dataclass

from sqlalchemy import exists, func, select

from app.consultations.models import Consultation
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.moderation.models import ModerationDecision, Report, ReportReason

VIEWS = ("waiting", "reported", "hidden", "decided")
PAGE_SIZE = 25


@dataclass
class QueueFilters:
    view: str = "waiting"
    consultation_id: int | None = None
    reason: str | None = None
    language: str | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args, consultation_ids, languages) -> "QueueFilters":
        view = args.get("view") if args.get("view") in VIEWS else "waiting"
        consultation = args.get("consultation", type=int)
        try:
            page = max(1, min(int(args.get("page", 1)), 10_000))
        except ValueError:
            page = 1
        return cls(
            view=view,
            consultation_id=consultation if consultation in consultation_ids else None,
            reason=args.get("reason") if args.get("reason") in ReportReason.ALL else None,
            language=args.get("language") if args.get("language") in languages else None,
            page=page,
        )

    def as_args(self, **changes) -> dict:
        values = {
            "view": self.view,
            "consultation": self.consultation_id,
            "reason": self.reason,
            "language": self.language,
            "page": self.page if self.page != 1 else None,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}


def moderated_region_ids(user) -> set[int] | None:
    """The regions whose contributions `user` moderates; None means all (administrators)."""
    if user.is_administrator:
        return None
    return {assignment.region_id for assignment in user.roles}


def consultations_in_reach(user) -> list[Consultation]:
    """The consultations of the user's regions, for the queue's filter; drafts only for those
    who may see them (a draft's title is not the moderators' to read)."""
    from app.core.permissions import can

    query = select(Consultation).order_by(Consultation.created_at.desc())
    regions = moderated_region_ids(user)
    if regions is not None:
        query = query.where(Consultation.region_id.in_(regions or {-1}))
    return [
        consultation
        for consultation in db.session.scalars(query)
        if can(user, "consultation.view", consultation)
    ]


def _in_reach(query, user):
    regions = moderated_region_ids(user)
    query = query.join(Consultation, Consultation.id == Contribution.consultation_id)
    if regions is not None:
        query = query.where(Consultation.region_id.in_(regions or {-1}))
    return query


def queue_page(user, filters: QueueFilters):
    if filters.view == "decided":
        query = _in_reach(
            select(ModerationDecision).join(
                Contribution, Contribution.id == ModerationDecision.contribution_id
            ),
            user,
        ).order_by(ModerationDecision.created_at.desc(), ModerationDecision.id.desc())
    else:
        query = _in_reach(select(Contribution), user)
        has_open_reports = exists().where(
            Report.contribution_id == Contribution.id, Report.resolved_by_decision_id.is_(None)
        )
        if filters.view == "waiting":
            query = query.where(Contribution.moderation_state == ModerationState.PENDING)
        elif filters.view == "reported":
            query = query.where(
                Contribution.moderation_state == ModerationState.PUBLISHED, has_open_reports
            )
        else:
            query = query.where(Contribution.moderation_state == ModerationState.HIDDEN)
        if filters.reason:
            query = query.where(
                exists().where(
                    Report.contribution_id == Contribution.id, Report.reason == filters.reason
                )
            )
        query = query.order_by(Contribution.created_at, Contribution.id)
    if filters.consultation_id:
        query = query.where(Contribution.consultation_id == filters.consultation_id)
    if filters.language:
        query = query.where(Contribution.language == filters.language)
    return db.paginate(query, page=filters.page, per_page=PAGE_SIZE, error_out=False)


def queue_counts(user) -> dict[str, int]:
    """How many items each view holds, for the tab labels (one query per view)."""
    counts = {}
    for view in ("waiting", "reported", "hidden"):
        page = queue_page(user, QueueFilters(view=view))
        counts[view] = page.total
    return counts


def reports_by_contribution(contribution_ids) -> dict[int, list[Report]]:
    if not contribution_ids:
        return {}
    reports: dict[int, list[Report]] = {}
    for report in db.session.scalars(
        select(Report).where(Report.contribution_id.in_(list(contribution_ids))).order_by(Report.id)
    ):
        reports.setdefault(report.contribution_id, []).append(report)
    return reports


def earlier_decisions_by_author(author_ids) -> dict[int, int]:
    """How many decisions (other than approvals) each author's contributions received."""
    if not author_ids:
        return {}
    rows = db.session.execute(
        select(Contribution.author_id, func.count(ModerationDecision.id))
        .join(ModerationDecision, ModerationDecision.contribution_id == Contribution.id)
        .where(
            Contribution.author_id.in_(list(author_ids)),
            ModerationDecision.action.in_(("hide", "reject", "auto_hide")),
        )
        .group_by(Contribution.author_id)
    )
    return dict(rows.all())


def decisions_of(contribution_id: int) -> list[ModerationDecision]:
    return list(
        db.session.scalars(
            select(ModerationDecision)
            .where(ModerationDecision.contribution_id == contribution_id)
            .order_by(ModerationDecision.id)
        )
    )


def decisions_about_author(author_id: int) -> list[ModerationDecision]:
    """Decisions on the author's contributions (approvals of pre-moderated items included)."""
    return list(
        db.session.scalars(
            select(ModerationDecision)
            .join(Contribution, Contribution.id == ModerationDecision.contribution_id)
            .where(Contribution.author_id == author_id)
            .order_by(ModerationDecision.created_at.desc(), ModerationDecision.id.desc())
            .limit(200)
        )
    )


def reports_by_reporter(reporter_id: int) -> list[Report]:
    return list(
        db.session.scalars(
            select(Report)
            .where(Report.reporter_id == reporter_id)
            .order_by(Report.created_at.desc(), Report.id.desc())
            .limit(200)
        )
    )


def latest_block(user_id: int):
    from app.moderation.models import UserBlock

    return db.session.scalar(
        select(UserBlock)
        .where(UserBlock.user_id == user_id)
        .order_by(UserBlock.created_at.desc(), UserBlock.id.desc())
        .limit(1)
    )


def appeals_in_reach(user):
    """Appeals of the regions the user coordinates (administrators: all), open ones first."""
    from app.moderation.models import Appeal

    query = (
        select(Appeal)
        .join(ModerationDecision, ModerationDecision.id == Appeal.decision_id)
        .join(Contribution, Contribution.id == ModerationDecision.contribution_id)
        .join(Consultation, Consultation.id == Contribution.consultation_id)
        .order_by(Appeal.outcome.is_not(None), Appeal.created_at)
    )
    if not user.is_administrator:
        regions = user.region_ids_with("coordinator")
        query = query.where(Consultation.region_id.in_(regions or {-1}))
    return list(db.session.scalars(query.limit(500)))


def appeals_by_decision(decision_ids) -> dict:
    from app.moderation.models import Appeal

    if not decision_ids:
        return {}
    return {
        appeal.decision_id: appeal
        for appeal in db.session.scalars(
            select(Appeal).where(Appeal.decision_id.in_(list(decision_ids)))
        )
    }


def audit_rows(user, consultation_id: int | None = None):
    """Every decision in the user's reach, oldest first, for the CSV export."""
    query = _in_reach(
        select(ModerationDecision).join(
            Contribution, Contribution.id == ModerationDecision.contribution_id
        ),
        user,
    ).order_by(ModerationDecision.created_at, ModerationDecision.id)
    if consultation_id:
        query = query.where(Contribution.consultation_id == consultation_id)
    return db.session.scalars(query)
